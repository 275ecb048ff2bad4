package org.instancecap.formats;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.instancecap.core.caption.StructuredCaption;
import org.instancecap.core.json.Json;
import org.instancecap.core.render.ApproximateT5TokenCounter;
import org.instancecap.core.render.Renderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** webdataset shards checked with the system's tar, which shares no code with the writer. */
class WebDatasetExportTest {
    @TempDir
    Path tmp;

    static DatasetExport.Settings shards(int samples, long bytes, Integer budget, Path videos) {
        return new DatasetExport.Settings(ExportFormat.WEBDATASET, 1000, samples, bytes, budget,
                budget == null ? null : "cogvideox", videos, "instancecap test");
    }

    /** Writes records 0..count-1 and a video file for each (sizes differ), but for those in {@code missing}. */
    static Path dataset(Path dir, int count, List<Integer> missing) throws Exception {
        Path source = dir.resolve("captions.jsonl");
        SyntheticRecords.write(source, count);
        Files.createDirectories(dir.resolve("clips"));
        for (int i = 0; i < count; i++) {
            if (!missing.contains(i)) {
                byte[] bytes = new byte[1000 + 1777 * i];
                new Random(i).nextBytes(bytes);
                Files.write(dir.resolve(SyntheticRecords.record(i).get("Video").asText()), bytes);
            }
        }
        return source;
    }

    @Test
    void each_sample_is_its_video_record_and_paragraph_under_one_key_in_order() throws Exception {
        Path source = dataset(tmp, 8, List.of(5));
        Path out = tmp.resolve("wds");
        List<String> failures = new ArrayList<>();
        DatasetExport.Outcome outcome = DatasetExport.run(source, out, shards(3, 1L << 30, 226, tmp), failures::add);

        assertThat(failures).containsExactly("line 6 (clips/clip_5.mp4): no video file " + tmp.resolve("clips/clip_5.mp4"));
        assertThat(outcome.index().files()).extracting(ExportIndex.FileEntry::name)
                .containsExactly("shard-000000.tar", "shard-000001.tar", "shard-000002.tar");
        assertThat(outcome.index().files()).extracting(ExportIndex.FileEntry::samples).containsExactly(3, 3, 1);

        List<String> lines = Files.readAllLines(source, StandardCharsets.UTF_8);
        Renderer renderer = new Renderer(new ApproximateT5TokenCounter());
        List<String> members = new ArrayList<>();
        for (ExportIndex.FileEntry f : outcome.index().files()) {
            members.addAll(tar(out, "-tf", f.name()).lines().toList());
        }
        List<String> expected = new ArrayList<>();
        int key = 0;
        for (int i = 0; i < 8; i++) {
            if (i == 5) {
                continue;
            }
            String k = String.format("%09d", key++);
            expected.addAll(List.of(k + ".mp4", k + ".json", k + ".txt"));
        }
        assertThat(members).as("members of the shards, in order").containsExactlyElementsOf(expected);

        // the members' bytes, as GNU tar extracts them
        key = 0;
        for (int i = 0; i < 8; i++) {
            if (i == 5) {
                continue;
            }
            String k = String.format("%09d", key);
            String shard = "shard-00000" + key / 3 + ".tar";
            key++;
            var record = (com.fasterxml.jackson.databind.node.ObjectNode) Json.mapper().readTree(lines.get(i));
            assertThat(tarBytes(out, shard, k + ".mp4")).isEqualTo(Files.readAllBytes(tmp.resolve(record.get("Video").asText())));
            assertThat(new String(tarBytes(out, shard, k + ".json"), StandardCharsets.UTF_8)).isEqualTo(lines.get(i) + "\n");
            assertThat(new String(tarBytes(out, shard, k + ".txt"), StandardCharsets.UTF_8))
                    .isEqualTo(renderer.render(StructuredCaption.fromJson(record), 226).text() + "\n");
        }
        assertThat(tar(out, "-tvf", "shard-000000.tar")).contains("-rw-r--r-- 0/0").contains("1970-01-01");
        assertThat(Files.readString(out.resolve(DatasetCard.FILE))).contains("7 videos").contains("`KEY.txt` the paragraph")
                .contains("data_files: \"shard-*.tar\"");
    }

    @Test
    void shards_stay_under_the_byte_limit_and_a_larger_sample_gets_a_shard_of_its_own() throws Exception {
        Path source = dataset(tmp, 6, List.of());
        Path out = tmp.resolve("wds");
        long limit = 12_000; // videos are 1000 + 1777 i bytes: 0+1 fit together, then 2+3 do not, 5 is alone
        DatasetExport.Outcome outcome = DatasetExport.run(source, out, shards(100, limit, null, tmp), f -> { });
        List<Integer> counts = outcome.index().files().stream().map(ExportIndex.FileEntry::samples).toList();
        assertThat(counts.stream().mapToInt(Integer::intValue).sum()).isEqualTo(6);
        for (ExportIndex.FileEntry f : outcome.index().files()) {
            long size = Files.size(out.resolve(f.name()));
            assertThat(size).as(f.name()).isEqualTo(f.bytes());
            if (f.samples() > 1) {
                assertThat(size).as(f.name()).isLessThanOrEqualTo(limit);
            }
            assertThat(tar(out, "-tf", f.name()).lines().count()).isEqualTo(2L * f.samples());
        }
        assertThat(counts).startsWith(2).contains(1);
        // the same records give the same bytes
        Path again = tmp.resolve("wds2");
        DatasetExport.run(source, again, shards(100, limit, null, tmp), f -> { });
        for (ExportIndex.FileEntry f : outcome.index().files()) {
            assertThat(Files.readAllBytes(again.resolve(f.name()))).isEqualTo(Files.readAllBytes(out.resolve(f.name())));
        }
    }

    static String tar(Path dir, String option, String shard) throws Exception {
        return new String(run(dir, "tar", option, shard), StandardCharsets.UTF_8);
    }

    static byte[] tarBytes(Path dir, String shard, String member) throws Exception {
        return run(dir, "tar", "-xOf", shard, member);
    }

    private static byte[] run(Path dir, String... command) throws Exception {
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        p.getInputStream().transferTo(out);
        assertThat(p.waitFor()).as(String.join(" ", command)).isZero();
        return out.toByteArray();
    }
}
