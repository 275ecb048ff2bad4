package org.instancecap.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.instancecap.core.json.Json;
import org.instancecap.core.video.RgbImage;
import org.instancecap.vision.video.SyntheticVideos;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CommandsTest {

    @TempDir
    Path tmp;

    private Path pattern(String name, int frames) throws Exception {
        return SyntheticVideos.write(tmp.resolve(name), SyntheticVideos.Kind.FFV1_MKV, 48, 32, frames, 24,
                k -> SyntheticVideos.pattern(48, 32, k));
    }

    private static JsonNode json(String text) throws Exception {
        return Json.mapper().readTree(text);
    }

    @Test
    void help_lists_every_command() {
        Cli cli = Cli.run("--help");
        assertThat(cli.exitCode()).isZero();
        List<String> commands = List.of("caption", "enhance", "render", "amc", "probe", "frames", "scenes", "setup", "bench");
        assertThat(cli.out()).contains(commands);
        for (String command : commands) {
            Cli help = Cli.run(command, "--help");
            assertThat(help.exitCode()).as(command).isZero();
            assertThat(help.out()).as(command).startsWith("Usage: instancecap " + command);
        }
    }

    @Test
    void probe_prints_a_json_line_per_video_and_an_error_line_per_bad_file() throws Exception {
        Path video = pattern("ok.mkv", 10);
        Path empty = Files.createFile(tmp.resolve("empty.mp4"));
        Cli cli = Cli.run("probe", video.toString(), empty.toString());
        assertThat(cli.exitCode()).isEqualTo(1);
        assertThat(cli.outLines()).hasSize(1);
        JsonNode info = json(cli.outLines().get(0));
        assertThat(info.get("path").asText()).isEqualTo(video.toString());
        assertThat(info.get("frameCount").asInt()).isEqualTo(10);
        assertThat(info.get("fps").asDouble()).isEqualTo(24.0);
        assertThat(info.get("width").asInt()).isEqualTo(48);
        assertThat(info.get("height").asInt()).isEqualTo(32);
        assertThat(info.get("rotation").asInt()).isZero();
        assertThat(info.get("videoCodec").asText()).isEqualTo("ffv1");
        assertThat(info.get("hasAudio").asBoolean()).isFalse();
        assertThat(info.get("durationSeconds").asDouble()).isBetween(10 / 24.0 - 0.05, 10 / 24.0 + 0.05);
        assertThat(cli.errLines()).hasSize(2);
        assertThat(cli.errLines().get(0)).isEqualTo("error: file is empty (" + empty + ")");
        assertThat(cli.errLines().get(1)).startsWith("probe: 1 done, 1 failed, 0 skipped in ");
    }

    @Test
    void frames_writes_the_sampled_images_and_their_listing() throws Exception {
        Path video = pattern("clip.mkv", 25);
        Path out = tmp.resolve("out dir");
        Cli cli = Cli.run("frames", video.toString(), "-n", "4", "-o", out.toString(), "--format", "png");
        assertThat(cli.exitCode()).as(cli.err()).isZero();
        JsonNode listing = json(Files.readString(out.resolve("frames.json")));
        assertThat(listing.get("video").asText()).isEqualTo(video.toString());
        assertThat(listing.get("info").get("frameCount").asInt()).isEqualTo(25);
        JsonNode frames = listing.get("frames");
        assertThat(frames).hasSize(4);
        int[] expected = {0, 8, 16, 24};
        for (int i = 0; i < 4; i++) {
            JsonNode f = frames.get(i);
            assertThat(f.get("index").asInt()).isEqualTo(expected[i]);
            assertThat(f.get("timeSeconds").asDouble()).isEqualTo(expected[i] / 24.0);
            Path image = out.resolve(f.get("file").asText());
            java.awt.image.BufferedImage png = javax.imageio.ImageIO.read(image.toFile());
            RgbImage want = SyntheticVideos.pattern(48, 32, expected[i]);
            int[] rgb = want.rgb(47, 31);
            assertThat(png.getRGB(47, 31) & 0xffffff).isEqualTo((rgb[0] << 16) | (rgb[1] << 8) | rgb[2]);
        }
        try (Stream<Path> files = Files.list(out)) {
            assertThat(files.map(p -> p.getFileName().toString())).as("no staging folder left").hasSize(5)
                    .noneMatch(n -> n.startsWith("."));
        }
    }

    @Test
    void frames_of_a_directory_gives_each_video_its_folder_in_one_run() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("videos"));
        SyntheticVideos.write(dir.resolve("a.mkv"), SyntheticVideos.Kind.FFV1_MKV, 16, 16, 5, 10, k -> SyntheticVideos.pattern(16, 16, k));
        SyntheticVideos.write(dir.resolve("b.mov"), SyntheticVideos.Kind.RAW_MOV, 16, 16, 9, 10, k -> SyntheticVideos.pattern(16, 16, k));
        Files.writeString(dir.resolve("c.mp4"), "not a video");
        Files.writeString(dir.resolve("readme.txt"), "ignored: not a video extension");
        Path out = tmp.resolve("frames");
        Cli cli = Cli.run("frames", dir.toString(), "-n", "3", "-o", out.toString());
        assertThat(cli.exitCode()).isEqualTo(1);
        assertThat(cli.errLines()).hasSize(2);
        assertThat(cli.errLines().get(0)).startsWith("error: not a readable video").endsWith("(" + dir.resolve("c.mp4") + ")");
        assertThat(cli.errLines().get(1)).startsWith("frames: 2 done, 1 failed, 0 skipped in ");
        assertThat(out.resolve("a/frames.json")).exists();
        assertThat(out.resolve("b/frames.json")).exists();
        assertThat(out.resolve("c")).doesNotExist();
        assertThat(json(Files.readString(out.resolve("b/frames.json"))).get("frames")).hasSize(3);
    }

    @Test
    void scenes_prints_the_shots_as_json() throws Exception {
        Path video = SyntheticVideos.write(tmp.resolve("two.mkv"), SyntheticVideos.Kind.FFV1_MKV, 32, 32, 40, 20,
                k -> k < 22 ? SyntheticVideos.flat(32, 32, 220, 30, 30) : SyntheticVideos.flat(32, 32, 20, 40, 230));
        Cli cli = Cli.run("scenes", video.toString());
        assertThat(cli.exitCode()).as(cli.err()).isZero();
        JsonNode result = json(cli.outLines().get(0));
        assertThat(result.get("frameCount").asInt()).isEqualTo(40);
        JsonNode shots = result.get("shots");
        assertThat(shots).hasSize(2);
        assertThat(shots.get(1).get("startFrame").asInt()).isEqualTo(22);
        assertThat(shots.get(0).get("endFrame").asInt()).isEqualTo(21);
        assertThat(shots.get(1).get("startSeconds").asDouble()).isEqualTo(1.1);
        assertThat(shots.get(1).get("endSeconds").asDouble()).isEqualTo(2.0);
        assertThat(result.has("clips")).isFalse();
    }

    @Test
    void scenes_of_several_videos_come_out_in_input_order_with_failures_in_place() throws Exception {
        Path broken = Files.writeString(tmp.resolve("broken.mp4"), "not a video");
        List<String> inputs = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            int cut = 10 + 4 * i;
            inputs.add(SyntheticVideos.write(tmp.resolve("v" + i + ".mkv"), SyntheticVideos.Kind.FFV1_MKV, 32, 32, 40, 20,
                    k -> k < cut ? SyntheticVideos.flat(32, 32, 220, 30, 30) : SyntheticVideos.flat(32, 32, 20, 40, 230)).toString());
        }
        inputs.add(2, broken.toString());
        List<String> args = new ArrayList<>(List.of("scenes", "--workers", "3"));
        args.addAll(inputs);
        Cli cli = Cli.run(args.toArray(String[]::new));
        assertThat(cli.exitCode()).isEqualTo(Main.EXIT_FAILED);
        assertThat(cli.outLines()).hasSize(5);
        for (int i = 0; i < 5; i++) {
            JsonNode result = json(cli.outLines().get(i));
            assertThat(result.get("video").asText()).isEqualTo(tmp.resolve("v" + i + ".mkv").toString());
            assertThat(result.get("shots").get(1).get("startFrame").asInt()).isEqualTo(10 + 4 * i);
        }
        assertThat(cli.errLines().get(0)).startsWith("error: ").contains("broken.mp4");
    }

    @Test
    void split_without_output_is_a_usage_error() throws Exception {
        Cli cli = Cli.run("scenes", pattern("x.mkv", 3).toString(), "--split");
        assertThat(cli.exitCode()).isEqualTo(2);
        assertThat(cli.errLines()).containsExactly("error: --split needs --output DIR", "try 'instancecap scenes --help'");
    }

    @Test
    void a_folder_without_videos_is_a_usage_error() throws Exception {
        Path empty = Files.createDirectories(tmp.resolve("nothing here"));
        Cli cli = Cli.run("probe", empty.toString());
        assertThat(cli.exitCode()).isEqualTo(2);
        assertThat(cli.errLines().get(0)).startsWith("error: no video files in");
    }

    @Test
    void frames_again_with_fewer_frames_leaves_only_the_listed_ones_readable_by_all() throws Exception {
        Path video = pattern("again.mkv", 20);
        Path out = tmp.resolve("again");
        assertThat(Cli.run("frames", video.toString(), "-n", "6", "-o", out.toString()).exitCode()).isZero();
        assertThat(Cli.run("frames", video.toString(), "-n", "2", "-o", out.toString()).exitCode()).isZero();
        try (Stream<Path> files = Files.list(out)) {
            assertThat(files.map(p -> p.getFileName().toString()).sorted())
                    .containsExactly("frame_000000.jpg", "frame_000019.jpg", "frames.json");
        }
        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(out.resolve("frames.json"))))
                .isEqualTo("rw-r--r--");
    }

    @Test
    void several_videos_of_the_same_name_get_their_own_outputs() throws Exception {
        SyntheticVideos.write(tmp.resolve("a/clip.mkv"), SyntheticVideos.Kind.FFV1_MKV, 16, 16, 4, 10, k -> SyntheticVideos.pattern(16, 16, k));
        SyntheticVideos.write(tmp.resolve("b/clip.mkv"), SyntheticVideos.Kind.FFV1_MKV, 16, 16, 6, 10, k -> SyntheticVideos.pattern(16, 16, k));
        Path out = tmp.resolve("same");
        Cli cli = Cli.run("frames", tmp.resolve("a/clip.mkv").toString(), tmp.resolve("b/clip.mkv").toString(), "-n", "2", "-o", out.toString());
        assertThat(cli.exitCode()).as(cli.err()).isZero();
        assertThat(json(Files.readString(out.resolve("clip/frames.json"))).get("info").get("frameCount").asInt()).isEqualTo(4);
        assertThat(json(Files.readString(out.resolve("clip_2/frames.json"))).get("info").get("frameCount").asInt()).isEqualTo(6);
    }

    @Test
    void unknown_options_explain_usage() {
        Cli cli = Cli.run("frames", "x.mp4", "-o", tmp.toString(), "--bogus");
        assertThat(cli.exitCode()).isEqualTo(2);
        assertThat(cli.errLines()).containsExactly("error: Unknown option: '--bogus'", "try 'instancecap frames --help'");
        assertThat(cli.out()).isEmpty();
    }

    @Test
    void a_missing_option_value_is_one_error_line_and_a_hint() {
        Cli cli = Cli.run("caption", "x.mp4");
        assertThat(cli.exitCode()).isEqualTo(2);
        assertThat(cli.errLines()).hasSize(2);
        assertThat(cli.errLines().get(0)).startsWith("error: Missing required option").contains("--output");
        assertThat(cli.errLines().get(1)).isEqualTo("try 'instancecap caption --help'");
    }

    @Test
    void an_input_that_is_not_there_is_a_usage_error_and_leaves_no_error_record() {
        Path missing = tmp.resolve("missing");
        Path out = tmp.resolve("c.jsonl");
        Cli cli = Cli.run("caption", missing.toString(), "-o", out.toString());
        assertThat(cli.exitCode()).isEqualTo(2);
        assertThat(cli.errLines()).containsExactly("error: no such file or folder: " + missing, "try 'instancecap caption --help'");
        assertThat(out.resolveSibling("c.jsonl.errors.jsonl")).doesNotExist();
        assertThat(out).doesNotExist();
        Cli frames = Cli.run("frames", missing.toString(), "-o", tmp.resolve("f").toString());
        assertThat(frames.exitCode()).isEqualTo(2);
        assertThat(frames.errLines().get(0)).isEqualTo("error: no such file or folder: " + missing);
    }

    @Test
    void a_run_ends_with_one_line_of_counts_and_where_the_outputs_are() throws Exception {
        Path video = pattern("last.mkv", 6);
        Path out = tmp.resolve("last");
        Cli cli = Cli.run("frames", video.toString(), tmp.resolve("nothing.mkv").toString(), "-n", "2", "-o", out.toString());
        assertThat(cli.exitCode()).isEqualTo(2); // nothing.mkv is not there
        Files.createFile(tmp.resolve("empty.mkv"));
        cli = Cli.run("frames", video.toString(), tmp.resolve("empty.mkv").toString(), "-n", "2", "-o", out.toString());
        assertThat(cli.exitCode()).isEqualTo(1);
        assertThat(cli.errLines().get(cli.errLines().size() - 1))
                .matches("frames: 1 done, 1 failed, 0 skipped in [0-9.]+ s \\([0-9.]+/min\\); frames in \\Q" + out + "\\E");
    }

    @Test
    void errors_say_what_happened_in_words_not_exception_names() {
        assertThat(Main.message(new java.net.ConnectException("Connection refused"))).startsWith("connection refused");
        assertThat(Main.message(new java.net.http.HttpConnectTimeoutException("HTTP connect timed out"))).startsWith("timed out");
        assertThat(Main.message(new java.net.SocketTimeoutException("Read timed out"))).startsWith("timed out");
        assertThat(Main.message(new java.net.UnknownHostException("llm.example"))).isEqualTo("unknown host llm.example");
        assertThat(Main.message(new java.nio.charset.MalformedInputException(1))).isEqualTo("not valid UTF-8");
        assertThat(Main.message(new java.io.UncheckedIOException("cannot read prompts.txt", new java.nio.charset.MalformedInputException(1))))
                .isEqualTo("cannot read prompts.txt: not valid UTF-8");
        assertThat(Main.message(new java.nio.file.NoSuchFileException("a.jsonl"))).isEqualTo("no such file: a.jsonl");
        assertThat(Main.message(new java.nio.file.AccessDeniedException("/root/x"))).isEqualTo("permission denied: /root/x");
        assertThat(Main.message(new java.io.IOException(new java.net.ConnectException()))).isEqualTo("connection refused");
        assertThat(Main.message(new IllegalStateException("the server closed the stream"))).isEqualTo("the server closed the stream");
        assertThat(Main.message(new NullPointerException())).isEqualTo("something went wrong (null pointer)");
        for (Throwable e : List.of(new java.net.ConnectException(), new java.net.http.HttpTimeoutException("x"), new RuntimeException(),
                new java.nio.file.NoSuchFileException("f"), new java.nio.charset.UnmappableCharacterException(2))) {
            assertThat(Main.message(e)).doesNotContain("Exception");
        }
    }
}
