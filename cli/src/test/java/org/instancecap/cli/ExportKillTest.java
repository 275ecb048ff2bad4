package org.instancecap.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Exports killed with SIGKILL while they write: every shard or part left is whole (GNU tar lists all
 * its samples, DuckDB reads all its rows), and a rerun completes the set as a run never stopped
 * would have written it.
 */
class ExportKillTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final int RECORDS = 600;
    private static final int PER_SHARD = 10;

    @TempDir
    Path tmp;

    @Test
    void a_killed_export_leaves_no_torn_shard_and_a_rerun_completes_the_set() throws Exception {
        Path captions = tmp.resolve("captions.jsonl");
        Files.createDirectories(tmp.resolve("clips"));
        List<String> lines = new ArrayList<>();
        Random random = new Random(7);
        for (int i = 0; i < RECORDS; i++) {
            String video = "clips/c" + i + ".mp4";
            byte[] bytes = new byte[150_000 + random.nextInt(50_000)];
            random.nextBytes(bytes);
            Files.write(tmp.resolve(video), bytes);
            ObjectNode r = MAPPER.createObjectNode();
            r.put("Video", video);
            r.put("Global Description", "Clip " + i + ".");
            ObjectNode s = r.putObject("Structured Description");
            s.putObject("Main Instance").putObject("No.0").put("Class", "dog").put("Appearance", "A brown dog.")
                    .put("Actions and Motion", "It runs.").put("Position", "dog moves from left to right.");
            s.put("Background Detail", "Grass.");
            s.put("Camera Movement", "The camera stays still.");
            lines.add(MAPPER.writeValueAsString(r));
        }
        Files.write(captions, lines, StandardCharsets.UTF_8);

        Path reference = tmp.resolve("reference");
        Cli whole = Cli.run(args(captions, reference));
        assertThat(whole.exitCode()).as(whole.err()).isZero();

        Path out = tmp.resolve("out");
        killWhenExists(out.resolve("shard-000003.tar"), args(captions, out));

        List<String> left = shards(out);
        assertThat(left).as("shards left by the killed export").isNotEmpty().hasSizeLessThan(RECORDS / PER_SHARD);
        for (String shard : left) {
            List<String> members = ExportCommandTest.run(out, "tar", "-tf", shard).lines().toList();
            assertThat(members).as(shard).hasSize(2 * PER_SHARD);
            assertThat(Files.readAllBytes(out.resolve(shard))).as(shard).isEqualTo(Files.readAllBytes(reference.resolve(shard)));
        }

        Cli rerun = Cli.run(args(captions, out));
        assertThat(rerun.exitCode()).as(rerun.err()).isZero();
        assertThat(rerun.err()).containsPattern("export: \\d+ samples written, 0 failed, [1-9]\\d* there already");
        assertThat(shards(out)).isEqualTo(shards(reference)).hasSize(RECORDS / PER_SHARD);
        for (String shard : shards(reference)) {
            assertThat(Files.readAllBytes(out.resolve(shard))).as(shard).isEqualTo(Files.readAllBytes(reference.resolve(shard)));
        }
        try (Stream<Path> files = Files.list(out)) {
            assertThat(files.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("."))).as("temporary files").isEmpty();
        }
        assertThat(MAPPER.readTree(out.resolve("index.json").toFile()).get("files"))
                .isEqualTo(MAPPER.readTree(reference.resolve("index.json").toFile()).get("files"));
    }

    @Test
    void a_killed_parquet_export_leaves_only_whole_parts_and_a_rerun_writes_the_same_files() throws Exception {
        Path captions = tmp.resolve("captions.jsonl");
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 40_000; i++) {
            ObjectNode r = MAPPER.createObjectNode();
            r.put("Video", "clips/c" + i + ".mp4");
            r.put("Global Description", "Clip " + i + ", a dog on grass.");
            ObjectNode s = r.putObject("Structured Description");
            s.putObject("Main Instance").putObject("No.0").put("Class", "dog").put("Appearance", "A brown dog " + i + ".")
                    .put("Actions and Motion", "It runs.").put("Position", "dog moves from left to right.");
            s.put("Background Detail", "Grass.");
            s.put("Camera Movement", "The camera stays still.");
            lines.add(MAPPER.writeValueAsString(r));
        }
        Files.write(captions, lines, StandardCharsets.UTF_8);
        String[] reference = {"export", captions.toString(), "-o", tmp.resolve("reference").toString(), "--format", "parquet",
                "--rows-per-file", "200"};
        Cli whole = Cli.run(reference);
        assertThat(whole.exitCode()).as(whole.err()).isZero();

        Path out = tmp.resolve("out");
        String[] args = reference.clone();
        args[3] = out.toString();
        killWhenExists(out.resolve("part-000003.parquet"), args);

        List<String> left = files(out, "part-\\d{6}\\.parquet");
        assertThat(left).as("parts left by the killed export").isNotEmpty().hasSizeLessThan(200);
        for (String part : left) {
            assertThat(rows(out.resolve(part))).as(part).hasSize(200).isEqualTo(rows(tmp.resolve("reference").resolve(part)));
        }
        Cli rerun = Cli.run(args);
        assertThat(rerun.exitCode()).as(rerun.err()).isZero();
        assertThat(files(out, "part-\\d{6}\\.parquet")).isEqualTo(files(tmp.resolve("reference"), "part-\\d{6}\\.parquet"))
                .hasSize(200);
        for (String part : files(out, "part-\\d{6}\\.parquet")) {
            assertThat(rows(out.resolve(part))).as(part).isEqualTo(rows(tmp.resolve("reference").resolve(part)));
        }
    }

    /**
     * The rows of a Parquet file as DuckDB reads them, as JSON. Not the bytes: parquet-mr writes a column's
     * encodings in the order of a hash set, which differs from one JVM to the next.
     */
    private static List<String> rows(Path parquet) throws Exception {
        List<String> rows = new ArrayList<>();
        try (java.sql.Connection db = java.sql.DriverManager.getConnection("jdbc:duckdb:");
             java.sql.Statement st = db.createStatement();
             java.sql.ResultSet rs = st.executeQuery("SELECT to_json(t) FROM read_parquet('" + parquet + "') t")) {
            while (rs.next()) {
                rows.add(rs.getString(1));
            }
        }
        return rows;
    }

    /** Runs the CLI in a child JVM and kills it with SIGKILL once {@code file} exists. */
    private void killWhenExists(Path file, String... args) throws Exception {
        Path log = tmp.resolve("first.log");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        command.addAll(List.of(args));
        Process first = new ProcessBuilder(command).directory(tmp.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        while (!Files.exists(file) && first.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(2);
        }
        assertThat(first.isAlive()).as("the export is still going when it is killed; its log: %s", Files.readString(log)).isTrue();
        first.destroyForcibly(); // SIGKILL: no shutdown hook, no flush
        first.waitFor();
    }

    private static List<String> files(Path dir, String pattern) throws Exception {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.matches(pattern)).sorted().toList();
        }
    }

    private String[] args(Path captions, Path out) {
        return new String[] {"export", captions.toString(), "-o", out.toString(), "--format", "webdataset",
                "--shard-samples", String.valueOf(PER_SHARD), "--videos", tmp.toString()};
    }

    private static List<String> shards(Path dir) throws Exception {
        return files(dir, "shard-\\d{6}\\.tar");
    }
}
