package org.instancecap.cli;

import static org.assertj.core.api.Assertions.assertThat;

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
        BuiltInDetector.requireOrSkip();
        Path dataset = Files.createDirectories(tmp.resolve("dataset"));
        List<String> inputs = new ArrayList<>();
        Set<String> valid = new HashSet<>();
        Set<String> broken = new HashSet<>();
        for (int i = 0; i < VALID.size(); i++) {
            valid.add(KilledRun.link(dataset, "ok", i, VALID.get(i), inputs));
            if (i == 1) { // a broken file among the first ones, not first
                broken.add(KilledRun.link(dataset, "bad", 0, BROKEN.get(0), inputs));
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
        List<Path> lists = List.of(dir.resolve("kept.jsonl"), dir.resolve("rejected.jsonl"), dir.resolve("errors.jsonl"));
        KilledRun.killAfter(1, log, lists, args(dir, inputs));
        assertThat(KilledRun.complete(lists)).as("lines written before the kill").isPositive();

        Cli second = Cli.run(args(dir, inputs));
        assertThat(second.exitCode()).as(second.err()).isEqualTo(1);
        // the videos the journal had taken are skipped, and said to be; one whose lines were written but not yet
        // journalled when the kill came is done again (and its old lines do not stay)
        java.util.regex.Matcher last = java.util.regex.Pattern.compile("curate: (\\d+) done, (\\d+) failed, (\\d+) skipped in ")
                .matcher(second.errLines().get(second.errLines().size() - 1));
        assertThat(last.lookingAt()).as(second.err()).isTrue();
        int skipped = Integer.parseInt(last.group(3));
        assertThat(Integer.parseInt(last.group(1)) + Integer.parseInt(last.group(2)) + skipped).isEqualTo(inputs.size());
        assertThat(skipped).isLessThan(inputs.size());
        if (skipped > 0) {
            assertThat(second.err()).contains(skipped + " of " + inputs.size() + " videos are done already (in " + dir
                    + "); going on with the other " + (inputs.size() - skipped));
        } else {
            assertThat(second.err()).doesNotContain("done already");
        }

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
