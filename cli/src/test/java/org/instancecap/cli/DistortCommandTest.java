package org.instancecap.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.instancecap.core.json.Json;
import org.instancecap.vision.video.JavaCvVideoReader;
import org.instancecap.vision.video.SyntheticVideos;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code distort} over real videos and a broken file. */
class DistortCommandTest {
    @TempDir
    Path tmp;

    private static List<JsonNode> lines(Path file) throws Exception {
        List<JsonNode> out = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            out.add(Json.mapper().readTree(line));
        }
        return out;
    }

    @Test
    void writes_the_chosen_distortions_per_video_and_a_broken_input_is_one_error_line() throws Exception {
        Path one = SyntheticVideos.write(tmp.resolve("in/one.mkv"), SyntheticVideos.Kind.FFV1_MKV, 64, 48, 10, 10,
                k -> SyntheticVideos.pattern(64, 48, k));
        Path two = SyntheticVideos.write(tmp.resolve("in/two.mov"), SyntheticVideos.Kind.RAW_MOV, 64, 48, 6, 10,
                k -> SyntheticVideos.flat(64, 48, 90, 120, 150));
        Path broken = tmp.resolve("in/broken.mp4");
        Files.write(broken, new byte[] {0, 0, 0, 24, 'f', 't', 'y', 'p', 1, 2, 3});
        Path out = tmp.resolve("out");

        Cli run = Cli.run("distort", one.toString(), broken.toString(), two.toString(), "-o", out.toString(), "--only", "blur,shift",
                "--seed", "7");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.errLines()).filteredOn(l -> l.startsWith("error: ")).hasSize(1).first().asString().contains(broken.toString());
        JavaCvVideoReader reader = new JavaCvVideoReader();
        for (String name : List.of("one.blur.mp4", "one.shift.mp4", "two.blur.mp4", "two.shift.mp4")) {
            assertThat(reader.probe(out.resolve(name)).frameCount()).as(name).isEqualTo(name.startsWith("one") ? 10 : 6);
        }
        assertThat(out.resolve("one.noise.mp4")).doesNotExist();
        List<JsonNode> records = lines(out.resolve("distortions.jsonl"));
        assertThat(records).extracting(r -> r.path("video").asText()).containsExactlyInAnyOrder(one.toString(), two.toString());
        JsonNode shift = records.stream().filter(r -> r.path("video").asText().equals(one.toString())).findFirst().orElseThrow()
                .path("outputs").get(1);
        assertThat(shift.path("distortion").asText()).isEqualTo("shift");
        assertThat(shift.path("parameters").path("dx").size()).isEqualTo(10);
        List<JsonNode> errors = lines(out.resolve("errors.jsonl"));
        assertThat(errors).hasSize(1);
        assertThat(errors.get(0).path("video").asText()).isEqualTo(broken.toString());
        assertThat(errors.get(0).path("stage").asText()).isEqualTo("decode");

        Cli again = Cli.run("distort", one.toString(), broken.toString(), two.toString(), "-o", out.toString(), "--only", "blur,shift",
                "--seed", "7");
        assertThat(again.err()).contains("3 of 3 videos are done already");
        assertThat(lines(out.resolve("distortions.jsonl"))).hasSize(2);

        Cli other = Cli.run("distort", one.toString(), "-o", out.toString(), "--only", "noise", "--seed", "7");
        assertThat(other.exitCode()).as(other.err()).isZero();
        assertThat(out.resolve("one.noise.mp4")).exists();
    }

    @Test
    void an_unknown_distortion_is_a_usage_error_naming_the_known_ones() throws Exception {
        Path one = SyntheticVideos.write(tmp.resolve("one.mkv"), SyntheticVideos.Kind.FFV1_MKV, 32, 32, 3, 10,
                k -> SyntheticVideos.pattern(32, 32, k));
        Cli run = Cli.run("distort", one.toString(), "-o", tmp.resolve("out").toString(), "--only", "blur,fog");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("unknown distortion 'fog', expected one of blur, jpeg, mask, noise, brightness, shift");
        Cli mask = Cli.run("distort", one.toString(), "-o", tmp.resolve("out").toString(), "--mask-fraction", "1.5");
        assertThat(mask.exitCode()).isEqualTo(2);
        assertThat(tmp.resolve("out")).doesNotExist();
    }
}
