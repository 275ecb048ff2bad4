package org.instancecap.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.instancecap.vision.video.SharedMedia;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code caption --format} and {@code export} on records of real clips, read back by DuckDB and GNU tar. */
class ExportCommandTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @TempDir
    Path tmp;

    @Test
    void caption_format_parquet_exports_the_run_and_export_writes_webdataset_shards_of_the_clips() throws Exception {
        BuiltInDetector.requireOrSkip();
        List<String> videos = List.of(SharedMedia.file("videos/sam2_01_dog.mp4").toString(),
                SharedMedia.file("videos/androidx_bear-vp9.webm").toString());
        Path captions = tmp.resolve("captions.jsonl");
        List<String> args = new ArrayList<>(List.of("caption", "-o", captions.toString(), "--with-amc", "--format", "parquet"));
        args.addAll(videos);
        Cli caption = Cli.run(args.toArray(String[]::new));
        assertThat(caption.exitCode()).as(caption.err()).isZero();
        Path parquet = tmp.resolve("captions.parquet");
        assertThat(caption.err()).contains("export: 2 samples written, 0 failed, 0 there already");
        assertThat(caption.err().indexOf("export: ")).as("the export after the run's closing line")
                .isGreaterThan(caption.err().indexOf("caption: 2 done"));
        assertThat(parquet.resolve("part-000000.parquet")).isRegularFile();

        List<JsonNode> records = new ArrayList<>();
        for (String line : Files.readAllLines(captions, StandardCharsets.UTF_8)) {
            records.add(MAPPER.readTree(line));
        }
        try (Connection db = DriverManager.getConnection("jdbc:duckdb:"); Statement st = db.createStatement();
             ResultSet rows = st.executeQuery("SELECT id, duration_seconds, camera_label, len(instances), global_description, "
                     + "instances[1].\"class\" FROM read_parquet('" + parquet + "/part-*.parquet')")) {
            for (JsonNode record : records) {
                assertThat(rows.next()).isTrue();
                assertThat(rows.getString(1)).isEqualTo(record.get("Video").asText());
                assertThat(rows.getDouble(2)).isEqualTo(record.at("/amc/info/durationSeconds").asDouble());
                assertThat(rows.getString(3)).isEqualTo(record.at("/amc/camera/label").asText());
                assertThat(rows.getInt(4)).isEqualTo(record.at("/Structured Description/Main Instance").size());
                assertThat(rows.getString(5)).isEqualTo(record.get("Global Description").asText());
                assertThat(rows.getString(6)).isEqualTo(record.at("/Structured Description/Main Instance/No.0/Class").isMissingNode()
                        ? null : record.at("/Structured Description/Main Instance/No.0/Class").asText());
            }
            assertThat(rows.next()).isFalse();
        }
        assertThat(Files.readString(parquet.resolve("README.md"))).contains("2 videos").contains("`centernet` (2 records)")
                .contains("| 0-4 s |").contains("license: ");

        // the same run again: nothing to caption, nothing to export
        Cli again = Cli.run(args.toArray(String[]::new));
        assertThat(again.exitCode()).as(again.err()).isZero();
        assertThat(again.err()).contains("export: 0 samples written, 0 failed, 2 there already");

        Path shards = tmp.resolve("shards");
        Cli export = Cli.run("export", captions.toString(), "-o", shards.toString(), "--format", "webdataset", "--target", "opensora");
        assertThat(export.exitCode()).as(export.err()).isZero();
        List<String> members = run(shards, "tar", "-tf", "shard-000000.tar").lines().toList();
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < records.size(); i++) {
            String video = records.get(i).get("Video").asText();
            String key = String.format("%09d", i);
            expected.addAll(List.of(key + video.substring(video.lastIndexOf('.')), key + ".json", key + ".txt"));
            assertThat(bytes(shards, "tar", "-xOf", "shard-000000.tar", expected.get(3 * i)))
                    .isEqualTo(Files.readAllBytes(Path.of(video)));
        }
        assertThat(members).containsExactlyElementsOf(expected);
    }

    @Test
    void bad_input_gives_one_line_naming_the_file_and_the_reason() throws Exception {
        Cli missing = Cli.run("export", tmp.resolve("none.jsonl").toString(), "-o", tmp.resolve("d").toString(), "--format", "parquet");
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.errLines().get(0)).isEqualTo("error: no such file: " + tmp.resolve("none.jsonl"));

        Path captions = tmp.resolve("c.jsonl");
        Files.writeString(captions, "{\"Video\":\"a.mp4\",\"Global Description\":\"A dog.\",\"Structured Description\":"
                + "{\"Main Instance\":{},\"Background Detail\":\"Grass.\",\"Camera Movement\":\"Still.\"}}\nnot json\n");
        Cli parquet = Cli.run("export", captions.toString(), "-o", tmp.resolve("d").toString(), "--format", "parquet");
        assertThat(parquet.exitCode()).isEqualTo(1);
        assertThat(parquet.errLines().get(0)).isEqualTo("error: line 2: not JSON (" + captions + ")");
        assertThat(parquet.err()).contains("export: 1 samples written, 1 failed");

        Cli wds = Cli.run("export", captions.toString(), "-o", tmp.resolve("d").toString(), "--format", "webdataset");
        assertThat(wds.exitCode()).isEqualTo(1);
        assertThat(wds.errLines()).hasSize(1);
        assertThat(wds.errLines().get(0)).startsWith("error: " + tmp.resolve("d") + " holds another export (format parquet");

        Cli noVideo = Cli.run("export", captions.toString(), "-o", tmp.resolve("w").toString(), "--format", "webdataset",
                "--videos", tmp.toString());
        assertThat(noVideo.exitCode()).isEqualTo(1);
        assertThat(noVideo.errLines().get(0)).isEqualTo("error: line 1 (a.mp4): no video file " + tmp.resolve("a.mp4") + " (" + captions + ")");

        Cli size = Cli.run("export", captions.toString(), "-o", tmp.resolve("x").toString(), "--format", "webdataset", "--shard-size", "lots");
        assertThat(size.exitCode()).isEqualTo(2);
        assertThat(size.errLines().get(0)).isEqualTo("error: --shard-size must be a size such as 500M or 2G, got lots");
    }

    static String run(Path dir, String... command) throws Exception {
        return new String(bytes(dir, command), StandardCharsets.UTF_8);
    }

    static byte[] bytes(Path dir, String... command) throws Exception {
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        p.getInputStream().transferTo(out);
        assertThat(p.waitFor()).as(String.join(" ", command)).isZero();
        return out.toByteArray();
    }
}
