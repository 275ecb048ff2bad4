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
 * An export to webdataset killed with SIGKILL while it writes shards: every shard left is whole (GNU
 * tar lists all its samples), and a rerun completes the set with the same bytes as a run never stopped.
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
        Path log = tmp.resolve("first.log");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        command.addAll(List.of(args(captions, out)));
        Process first = new ProcessBuilder(command).directory(tmp.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        while (!Files.exists(out.resolve("shard-000003.tar")) && first.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(2);
        }
        assertThat(first.isAlive()).as("the export is still going when it is killed; its log: %s", Files.readString(log)).isTrue();
        first.destroyForcibly(); // SIGKILL: no shutdown hook, no flush
        first.waitFor();

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

    private String[] args(Path captions, Path out) {
        return new String[] {"export", captions.toString(), "-o", out.toString(), "--format", "webdataset",
                "--shard-samples", String.valueOf(PER_SHARD), "--videos", tmp.toString()};
    }

    private static List<String> shards(Path dir) throws Exception {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.matches("shard-\\d{6}\\.tar")).sorted().toList();
        }
    }
}
