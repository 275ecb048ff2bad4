package org.instancecap.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.abort;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.instancecap.core.InstanceCapException;
import org.instancecap.vision.model.HumanModels;
import org.instancecap.vision.video.SharedMedia;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A curate run killed with SIGKILL after its first video, then run again: the same verdicts as a run never stopped. */
class CurateKillTest {
    private static final List<String> VALID = List.of("edge/androidx_media/mp4_sample.mp4", "edge/androidx_media/mkv_sample.mkv",
            "edge/androidx_media/flv_sample.flv", "videos/moviepy_chaplin.mp4", "edge/derived/frames_1_dog.mp4");
    private static final List<String> BROKEN = List.of("edge/derived/zero_length.mp4");
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @TempDir
    Path tmp;

    @Test
    void a_killed_curate_run_and_a_rerun_give_the_verdicts_of_an_uninterrupted_run() throws Exception {
        try {
            HumanModels.atDefaultLocation().ensure();
        } catch (InstanceCapException e) {
            abort("built-in detector model unavailable, skipping: " + e.getMessage());
        }
        Path dataset = Files.createDirectories(tmp.resolve("dataset"));
        List<String> inputs = new ArrayList<>();
        Set<String> valid = new HashSet<>();
        Set<String> broken = new HashSet<>();
        for (int i = 0; i < VALID.size(); i++) {
            valid.add(link(dataset, "ok", i, VALID.get(i), inputs));
            if (i == 1) { // a broken file among the first ones, not first
                broken.add(link(dataset, "bad", 0, BROKEN.get(0), inputs));
            }
        }

        // the reference: the same inputs, never stopped
        Path whole = tmp.resolve("whole");
        Cli reference = Cli.run(args(whole, inputs));
        assertThat(reference.exitCode()).as(reference.err()).isEqualTo(1); // the broken file
        Set<String> expected = verdicts(whole);
        assertThat(sources(whole)).containsExactlyInAnyOrderElementsOf(valid);
        assertThat(failedVideos(whole)).containsExactlyInAnyOrderElementsOf(broken);

        Path dir = tmp.resolve("curated");
        Path log = tmp.resolve("first.log");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        command.addAll(List.of(args(dir, inputs)));
        Process first = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (complete(dir) < 1 && first.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(first.isAlive()).as("the first run is still going when it is killed; its log: %s", Files.readString(log)).isTrue();
        first.destroyForcibly(); // SIGKILL: no shutdown hook, no flush
        first.waitFor();
        assertThat(complete(dir)).as("lines written before the kill").isPositive();

        Cli second = Cli.run(args(dir, inputs));
        assertThat(second.exitCode()).as(second.err()).isEqualTo(1);
        assertThat(second.err()).containsPattern("\\d+ of " + inputs.size() + " videos are done already \\(in \\Q" + dir
                + "\\E\\); going on with the other \\d+");

        // every input once: its clips under one source, or one line in errors.jsonl
        List<String> pairs = new ArrayList<>();
        for (JsonNode clip : clips(dir)) {
            pairs.add(clip.get("source").asText() + " | " + clip.path("clip").asText(clip.path("name").asText()));
        }
        assertThat(pairs).as("(source, clip) pairs").doesNotHaveDuplicates();
        assertThat(sources(dir)).containsExactlyInAnyOrderElementsOf(valid);
        List<String> failed = failedVideos(dir);
        assertThat(failed).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(broken);
        assertThat(verdicts(dir)).as("kept and rejected lines, without times").hasSameSizeAs(clips(dir))
                .containsExactlyInAnyOrderElementsOf(expected);
        assertThat(lines(dir.resolve("kept.jsonl")).size() + lines(dir.resolve("rejected.jsonl")).size())
                .isEqualTo(lines(whole.resolve("kept.jsonl")).size() + lines(whole.resolve("rejected.jsonl")).size());

        Cli third = Cli.run(args(dir, inputs));
        assertThat(third.err()).contains(inputs.size() + " of " + inputs.size() + " videos are done already (in " + dir
                + "); going on with the other 0");
        assertThat(verdicts(dir)).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(failedVideos(dir)).hasSize(broken.size());
    }

    private static String[] args(Path dir, List<String> inputs) {
        List<String> args = new ArrayList<>(List.of("curate", "-o", dir.toString()));
        args.addAll(inputs);
        return args.toArray(String[]::new);
    }

    private static String link(Path dir, String kind, int i, String shared, List<String> inputs) throws Exception {
        Path target = SharedMedia.file(shared);
        String name = shared.substring(shared.lastIndexOf('/') + 1);
        Path link = Files.createSymbolicLink(dir.resolve(kind + i + "_" + name), target);
        inputs.add(link.toString());
        return link.toString();
    }

    /** Complete lines in the three lists of a curate folder. */
    private static int complete(Path dir) throws Exception {
        int n = 0;
        for (String name : List.of("kept.jsonl", "rejected.jsonl", "errors.jsonl")) {
            Path file = dir.resolve(name);
            if (Files.exists(file)) {
                n += (int) Files.readAllLines(file, StandardCharsets.UTF_8).stream().filter(l -> l.endsWith("}")).count();
            }
        }
        return n;
    }

    private static List<String> lines(Path file) throws Exception {
        return Files.exists(file) ? Files.readAllLines(file, StandardCharsets.UTF_8) : List.of();
    }

    /** The clip verdicts of kept.jsonl and rejected.jsonl, each marked with its list. */
    private static List<JsonNode> clips(Path dir) throws Exception {
        List<JsonNode> clips = new ArrayList<>();
        for (String list : List.of("kept", "rejected")) {
            for (String line : lines(dir.resolve(list + ".jsonl"))) {
                ObjectNode clip = (ObjectNode) MAPPER.readTree(line);
                clip.put("(list)", list);
                clips.add(clip);
            }
        }
        return clips;
    }

    /** The verdicts as text, with any field that tells how long something took left out. */
    private static Set<String> verdicts(Path dir) throws Exception {
        Set<String> verdicts = new HashSet<>();
        for (JsonNode clip : clips(dir)) {
            verdicts.add(MAPPER.writeValueAsString(withoutTimings(clip)));
        }
        return verdicts;
    }

    private static JsonNode withoutTimings(JsonNode node) {
        if (node instanceof ObjectNode object) {
            List<String> names = new ArrayList<>();
            object.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                String lower = name.toLowerCase(java.util.Locale.ROOT);
                if (lower.contains("elapsed") || lower.contains("took") || lower.contains("timing") || lower.endsWith("ms")) {
                    object.remove(name);
                } else {
                    withoutTimings(object.get(name));
                }
            }
        } else if (node != null && node.isArray()) {
            node.forEach(CurateKillTest::withoutTimings);
        }
        return node;
    }

    private static Set<String> sources(Path dir) throws Exception {
        Set<String> sources = new HashSet<>();
        for (JsonNode clip : clips(dir)) {
            sources.add(clip.get("source").asText());
        }
        return sources;
    }

    private static List<String> failedVideos(Path dir) throws Exception {
        List<String> videos = new ArrayList<>();
        for (String line : lines(dir.resolve("errors.jsonl"))) {
            videos.add(MAPPER.readTree(line).get("video").asText());
        }
        return videos;
    }
}
