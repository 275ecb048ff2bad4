package org.instancecap.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.instancecap.core.json.Json;
import org.instancecap.vision.video.SharedMedia;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The amc command end to end with the built-in detector on real clips. */
class AmcCommandTest {

    @TempDir
    Path tmp;

    @BeforeAll
    static void models() {
        BuiltInDetector.requireOrSkip();
    }

    @Test
    void finds_the_woman_and_the_dog_and_writes_what_it_saw() throws Exception {
        Path video = SharedMedia.file("videos/sam2_01_dog.mp4");
        Path json = tmp.resolve("amc.json");
        Path debug = tmp.resolve("debug");
        Cli cli = Cli.run("amc", video.toString(), "-o", json.toString(), "--debug", debug.toString());
        assertThat(cli.exitCode()).as(cli.err()).isZero();
        JsonNode result = Json.mapper().readTree(Files.readString(json));
        assertThat(result.get("video").asText()).isEqualTo(video.toString());
        assertThat(result.get("info").get("frameCount").asInt()).isEqualTo(289);
        assertThat(result.get("frames")).hasSize(8);
        assertThat(result.get("camera").get("label").asText()).isEqualTo("static");
        JsonNode instances = result.get("instances");
        assertThat(instances).extracting(i -> i.get("class").asText()).contains("person", "dog");
        for (JsonNode instance : instances) {
            assertThat(instance.get("boxes")).hasSize(8);
            assertThat(instance.get("regions")).hasSize(8);
            assertThat(instance.get("position").asText()).startsWith(instance.get("class").asText() + " ")
                    .matches(".* (stays at|moves from) (top|center|bottom)-(left|middle|right).*");
        }
        try (Stream<Path> files = Files.list(debug)) {
            List<String> names = files.map(p -> p.getFileName().toString()).toList();
            assertThat(names).filteredOn(n -> n.startsWith("overview_")).hasSize(8);
            assertThat(names).filteredOn(n -> n.startsWith("instance0_")).hasSize(8);
        }
    }

    @Test
    void an_instance_filling_the_frame_does_not_hide_the_camera_motion() throws Exception {
        // the detector sees a "bed" over most of this generated pan; hiding it would leave nothing to measure
        Path video = SharedMedia.file("camera/generated_animatediff/model_01_03_pan_left.gif");
        Cli cli = Cli.run("amc", video.toString());
        assertThat(cli.exitCode()).as(cli.err()).isZero();
        JsonNode result = Json.mapper().readTree(cli.out());
        assertThat(result.get("camera").get("label").asText()).isEqualTo("pan_left");
    }

    @Test
    void curate_keeps_the_walk_with_the_dog_and_lists_why_the_rest_goes() throws Exception {
        Path out = tmp.resolve("curated");
        Cli cli = Cli.run("curate", SharedMedia.file("videos/sam2_01_dog.mp4").toString(),
                SharedMedia.file("videos/moviepy_chaplin.mp4").toString(),
                SharedMedia.file("edge/derived/zero_length.mp4").toString(), "-o", out.toString(), "--write-clips");
        assertThat(cli.exitCode()).isEqualTo(1);
        assertThat(cli.errLines().get(cli.errLines().size() - 1)).matches("curate: 2 done, 1 failed, 0 skipped in [0-9.]+ s \\([0-9.]+/min\\); "
                + "kept 1 clips, rejected 1; lists in \\Q" + out.resolve("kept.jsonl") + " and " + out.resolve("rejected.jsonl")
                + ", clips in " + out.resolve("clips") + ", failures in " + out.resolve("errors.jsonl") + "\\E");
        List<String> kept = Files.readAllLines(out.resolve("kept.jsonl"));
        assertThat(kept).singleElement().asString().contains("sam2_01_dog.mp4");
        assertThat(out.resolve("clips/sam2_01_dog.mp4")).exists();
        List<String> rejected = Files.readAllLines(out.resolve("rejected.jsonl"));
        assertThat(rejected).singleElement().asString().contains("moviepy_chaplin.mp4").contains("is below 0.050");
        assertThat(Files.readAllLines(out.resolve("errors.jsonl"))).singleElement().asString()
                .contains("zero_length.mp4", "\"stage\":\"decode\"", "\"reason\":\"file is empty\"");
    }

    @Test
    void broken_files_get_one_line_and_an_empty_clip_still_gets_its_camera() throws Exception {
        String[] broken = {"edge/derived/zero_length.mp4", "edge/derived/not_a_video.mp4",
            "edge/derived/audio_only_chaplin.m4a", "edge/androidx_media/vp9_invalid-bitstream.webm",
            "edge/derived/truncated_64KiB_faststart.mp4"};
        Path black = SharedMedia.file("edge/androidx_media/mp4_silent-black-10s.mp4");
        Path tiny = SharedMedia.file("edge/moviepy/test_video_1x1px_5frames.mp4");
        List<String> args = new java.util.ArrayList<>(List.of("amc", "-o", tmp.toString()));
        for (String b : broken) {
            args.add(SharedMedia.file(b).toString());
        }
        args.add(black.toString());
        args.add(tiny.toString());
        Cli cli = Cli.run(args.toArray(String[]::new));
        assertThat(cli.exitCode()).isEqualTo(1);
        assertThat(cli.errLines()).hasSize(broken.length + 1).last().asString().startsWith("amc: 2 done, " + broken.length + " failed, ");
        assertThat(cli.errLines().subList(0, broken.length)).allSatisfy(l -> assertThat(l).matches("error: .+ \\(.+\\)"));
        JsonNode dark = Json.mapper().readTree(Files.readString(tmp.resolve("mp4_silent-black-10s.amc.json")));
        assertThat(dark.get("instances")).isEmpty();
        assertThat(dark.get("camera").get("label").asText()).isNotBlank();
        JsonNode pixel = Json.mapper().readTree(Files.readString(tmp.resolve("test_video_1x1px_5frames.amc.json")));
        assertThat(pixel.get("frames")).hasSize(5);
    }
}
