package org.instancecap.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.instancecap.core.json.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A caption run killed with SIGKILL part-way, then run again: every input exactly once, in one of the two outputs. */
class KillAndResumeTest {
    private static final List<String> VALID = List.of("videos/moviepy_chaplin.mp4", "edge/androidx_media/avi_sample.avi",
            "edge/androidx_media/flv_sample.flv", "edge/androidx_media/mkv_sample.mkv", "edge/androidx_media/mp4_sample.mp4",
            "edge/androidx_media/3gp_bbb_176x144_128kbps_15fps_h263.3gp", "edge/moviepy/test_video_1x1px_5frames.mp4",
            "edge/derived/frames_1_dog.mp4");
    private static final List<String> BROKEN = List.of("edge/derived/zero_length.mp4", "edge/derived/not_a_video.mp4",
            "edge/derived/truncated_64KiB_faststart.mp4", "edge/androidx_media/mp4_sample_audio_only.mp4",
            "edge/androidx_media/vp9_invalid-bitstream.webm", "edge/derived/audio_only_chaplin.m4a");

    @TempDir
    Path tmp;

    @Test
    void a_killed_run_and_a_rerun_leave_every_input_exactly_once() throws Exception {
        BuiltInDetector.requireOrSkip();
        // the shared files under other names, interleaved, as a dataset copy would have them
        Path dataset = Files.createDirectories(tmp.resolve("dataset"));
        List<String> inputs = new ArrayList<>();
        Set<String> valid = new java.util.HashSet<>();
        Set<String> broken = new java.util.HashSet<>();
        for (int i = 0; i < Math.max(VALID.size(), BROKEN.size()); i++) {
            if (i < VALID.size()) {
                valid.add(KilledRun.link(dataset, "ok", i, VALID.get(i), inputs));
            }
            if (i < BROKEN.size()) {
                broken.add(KilledRun.link(dataset, "bad", i, BROKEN.get(i), inputs));
            }
        }
        Path out = tmp.resolve("captions.jsonl");
        Path errors = tmp.resolve("captions.jsonl.errors.jsonl");

        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Main.class.getName(), "caption", "-o", out.toString()));
        command.addAll(inputs);
        Process first = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(tmp.resolve("first.log").toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (lines(out) + lines(errors) < 4 && first.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(first.isAlive()).as("the first run is still going when it is killed; its log: %s",
                Files.readString(tmp.resolve("first.log"))).isTrue();
        first.destroyForcibly(); // SIGKILL: no shutdown hook, no flush, no lock release but the kernel's
        first.waitFor();
        int doneBefore = lines(out) + lines(errors);
        assertThat(doneBefore).isLessThan(inputs.size());

        Cli second = Cli.run(command.subList(4, command.size()).toArray(String[]::new));
        assertThat(second.err()).contains("videos are done already");

        assertThat(videos(out, "Video")).containsExactlyInAnyOrderElementsOf(valid);
        assertThat(videos(errors, "video")).containsExactlyInAnyOrderElementsOf(broken);
        assertThat(tmp.resolve("captions.jsonl.lock")).doesNotExist();
    }

    @Test
    void sigterm_stops_a_run_cleanly_and_a_rerun_does_the_rest() throws Exception {
        BuiltInDetector.requireOrSkip();
        Path dataset = Files.createDirectories(tmp.resolve("dataset"));
        List<String> inputs = new ArrayList<>();
        for (int i = 0; i < VALID.size(); i++) {
            KilledRun.link(dataset, "ok", i, VALID.get(i), inputs);
        }
        for (int i = 0; i < BROKEN.size(); i++) {
            KilledRun.link(dataset, "bad", i, BROKEN.get(i), inputs);
        }
        Path out = tmp.resolve("captions.jsonl");
        Path errors = tmp.resolve("captions.jsonl.errors.jsonl");
        Path log = tmp.resolve("first.log");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Main.class.getName(), "caption", "-o", out.toString(),
                "--workers", "1", "--concurrency", "1"));
        command.addAll(inputs);
        Process first = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (lines(out) + lines(errors) < 2 && first.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(first.isAlive()).as("the first run is still going when it is stopped; its log: %s", Files.readString(log)).isTrue();
        first.destroy(); // SIGTERM, as from kill or a batch system; Ctrl-C (SIGINT) takes the same way
        assertThat(first.waitFor(30, TimeUnit.SECONDS)).as("the run ends within its grace").isTrue();
        String said = Files.readString(log);
        int doneBefore = lines(out) + lines(errors);
        assertThat(said.lines().toList()).as(said)
                .contains("caption: stopped after " + doneBefore + " of " + inputs.size() + " videos; run the same command again to continue");
        assertThat(said).doesNotContain("Exception");
        assertThat(doneBefore).isLessThan(inputs.size());
        assertThat(tmp.resolve("captions.jsonl.summary.json")).exists();
        assertThat(tmp.resolve("captions.jsonl.lock")).doesNotExist();

        Cli second = Cli.run(command.subList(4, command.size()).toArray(String[]::new));
        assertThat(second.err()).contains(doneBefore + " of " + inputs.size() + " videos are done already");
        assertThat(lines(out) + lines(errors)).isEqualTo(inputs.size());
        assertThat(videos(out, "Video").size() + videos(errors, "video").size()).isEqualTo(inputs.size());
        assertThat(second.errLines()).last().asString().contains(" failed, " + doneBefore + " skipped in ");
    }

    private static int lines(Path file) throws Exception {
        return Files.exists(file) ? (int) Files.readAllLines(file, StandardCharsets.UTF_8).stream().filter(l -> l.endsWith("}")).count() : 0;
    }

    /** The videos named by the complete lines of a JSON Lines file, a video once per line. */
    private static List<String> videos(Path file, String field) throws Exception {
        List<String> names = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            JsonNode record = Json.mapper().readTree(line);
            names.add(record.get(field).asText());
        }
        return names.stream().sorted().collect(Collectors.toList());
    }
}
