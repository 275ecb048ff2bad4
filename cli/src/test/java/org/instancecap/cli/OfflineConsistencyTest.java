package org.instancecap.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.instancecap.core.caption.MotionConsistency;
import org.instancecap.core.caption.StructuredCaption;
import org.instancecap.core.json.Json;
import org.instancecap.vision.video.SharedMedia;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every offline record of the shared clips is consistent about motion: the checker finds nothing, and fixed things stay. */
class OfflineConsistencyTest {
    @TempDir
    Path tmp;

    @BeforeAll
    static void models() {
        BuiltInDetector.requireOrSkip();
    }

    @Test
    void no_record_of_the_shared_clips_contradicts_itself_and_no_fixed_thing_moves() throws Exception {
        Path videos = SharedMedia.dir().resolve("videos");
        Path out = tmp.resolve("captions.jsonl");
        Cli cli = Cli.run("caption", "--workers", "2", "-o", out.toString(), videos.toString());
        assertThat(cli.exitCode()).as(cli.err()).isZero();
        List<String> problems = new ArrayList<>();
        List<String> lines = Files.readAllLines(out, StandardCharsets.UTF_8);
        assertThat(lines).hasSize(11);
        StructuredCaption bedroom = null;
        StructuredCaption cups = null;
        for (String line : lines) {
            JsonNode record = Json.mapper().readTree(line);
            StructuredCaption caption = StructuredCaption.fromJson(record);
            problems.addAll(MotionConsistency.problems(caption));
            bedroom = caption.video().endsWith("sam2_bedroom.mp4") ? caption : bedroom;
            cups = caption.video().endsWith("sam2_02_cups.mp4") ? caption : cups;
        }
        assertThat(problems).isEmpty();
        assertThat(instance(bedroom, "bed").actions()).isEqualTo("The bed stays in place.");
        assertThat(instance(cups, "dining table").actions()).isEqualTo("The dining table stays in place.");
        assertThat(instance(cups, "dining table").position()).startsWith("dining table stays at ");
    }

    private static StructuredCaption.InstanceCaption instance(StructuredCaption caption, String label) {
        assertThat(caption).isNotNull();
        return caption.instances().stream().filter(i -> i.label().equals(label)).findFirst().orElseThrow(
                () -> new AssertionError("no " + label + " in " + caption.video()));
    }
}
