package org.instancecap.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.instancecap.core.json.Json;
import org.instancecap.core.run.RunLock;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a user can rely on across runs of caption, with the repository's sample clip. */
class RunSemanticsTest {
    private static final Path SAMPLE = Path.of("../samples/dog.mp4");

    @TempDir
    Path tmp;

    @BeforeAll
    static void models() {
        BuiltInDetector.requireOrSkip();
    }

    private static List<JsonNode> records(Path file) throws IOException {
        List<JsonNode> records = new ArrayList<>();
        if (Files.exists(file)) {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                records.add(Json.mapper().readTree(line));
            }
        }
        return records;
    }

    @Test
    void a_video_spelled_four_ways_is_captioned_once() throws Exception {
        Path out = tmp.resolve("out.jsonl");
        Path link = Files.createSymbolicLink(tmp.resolve("dog-link.mp4"), SAMPLE.toAbsolutePath());
        Cli first = Cli.run("caption", SAMPLE.toString(), "-o", out.toString());
        assertThat(first.exitCode()).as(first.err()).isZero();
        for (String spelling : List.of("./" + SAMPLE, SAMPLE.toAbsolutePath().toString(), "../cli/../samples/dog.mp4", link.toString())) {
            Cli again = Cli.run("caption", spelling, "-o", out.toString());
            assertThat(again.exitCode()).as(again.err()).isZero();
            assertThat(again.err()).contains("1 of 1 videos are done already");
        }
        assertThat(records(out)).singleElement().satisfies(r -> assertThat(r.get("Video").asText()).isEqualTo(SAMPLE.toString()));

        // two spellings in one run: one record, and the run says why the second is not done
        Path both = tmp.resolve("both.jsonl");
        Cli twice = Cli.run("caption", SAMPLE.toString(), link.toString(), "-o", both.toString());
        assertThat(twice.errLines()).startsWith("1 of 2 videos repeat one given before (the same file by another name, or the same id); "
                + "each is done once");
        assertThat(twice.err()).doesNotContain("done already");
        assertThat(records(both)).hasSize(1);
    }

    @Test
    void a_run_into_a_link_to_an_output_goes_on_with_that_outputs_journal() throws Exception {
        Path out = tmp.resolve("two.jsonl");
        assertThat(Cli.run("caption", SAMPLE.toString(), "-o", out.toString()).exitCode()).isZero();
        Path link = Files.createSymbolicLink(tmp.resolve("twolink.jsonl"), out);
        Cli again = Cli.run("caption", SAMPLE.toAbsolutePath().toString(), "-o", link.toString());
        assertThat(again.err()).contains("1 of 1 videos are done already");
        assertThat(records(out)).hasSize(1);
        assertThat(tmp.resolve("twolink.jsonl.journal")).doesNotExist();
        assertThat(tmp.resolve("twolink.jsonl.errors.jsonl")).doesNotExist();
    }

    @Test
    void outputs_of_a_version_without_journal_resume_by_the_videos_they_name() throws Exception {
        Path out = tmp.resolve("out.jsonl");
        assertThat(Cli.run("caption", SAMPLE.toString(), "-o", out.toString()).exitCode()).isZero();
        Files.delete(tmp.resolve("out.jsonl.journal"));
        Cli again = Cli.run("caption", SAMPLE.toAbsolutePath().toString(), "-o", out.toString());
        assertThat(again.err()).contains("1 of 1 videos are done already");
        assertThat(records(out)).hasSize(1);
    }

    @Test
    void a_link_to_an_output_in_use_is_refused_and_a_folder_that_is_a_file_is_said_as_such() throws Exception {
        Path out = tmp.resolve("two.jsonl");
        Files.writeString(out, "");
        Path link = Files.createSymbolicLink(tmp.resolve("twolink.jsonl"), out);
        try (RunLock held = RunLock.acquire(out)) {
            Cli refused = Cli.run("caption", SAMPLE.toString(), "-o", link.toString());
            assertThat(refused.exitCode()).isEqualTo(1);
            assertThat(refused.errLines()).singleElement().asString().startsWith("error: another run is writing to " + link);
        }
        Path file = Files.writeString(tmp.resolve("notes.txt"), "x");
        Cli folder = Cli.run("caption", SAMPLE.toString(), "-o", file.resolve("out.jsonl").toString());
        assertThat(folder.exitCode()).isEqualTo(1);
        assertThat(folder.errLines()).singleElement().asString().isEqualTo("error: the output folder " + file + " is a file");
        Cli created = Cli.run("caption", SAMPLE.toString(), "-o", tmp.resolve("new/deeper/out.jsonl").toString());
        assertThat(created.exitCode()).as(created.err()).isZero();
        assertThat(records(tmp.resolve("new/deeper/out.jsonl"))).hasSize(1);
    }

    @Test
    void a_server_that_refuses_connections_stops_the_run_without_failing_the_video() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Path out = tmp.resolve("out.jsonl");
        Cli dead = Cli.run("caption", SAMPLE.toString(), "-o", out.toString(), "--llm-url", "http://127.0.0.1:" + port + "/v1",
                "--llm-model", "m", "--llm-skip-check", "--llm-retries", "0");
        assertThat(dead.exitCode()).isEqualTo(1);
        assertThat(dead.err()).contains("connection refused", "caption: stopped after 0 of 1 videos; run the same command again to continue");
        assertThat(records(out)).isEmpty();
        assertThat(records(tmp.resolve("out.jsonl.errors.jsonl"))).isEmpty();
        Cli offline = Cli.run("caption", SAMPLE.toString(), "-o", out.toString());
        assertThat(offline.exitCode()).as(offline.err()).isZero();
        assertThat(records(out)).hasSize(1);
    }

    @Test
    void a_manifest_line_that_cannot_be_read_is_skipped_and_the_others_are_captioned() throws Exception {
        Path manifest = tmp.resolve("clips.jsonl");
        Files.writeString(manifest, "{\"path\": \"" + SAMPLE.toAbsolutePath() + "\", \"id\": \"clip-1\"}\n");
        Files.write(manifest, new byte[] {'{', '"', 'p', (byte) 0xff, '"', '}', '\n'}, StandardOpenOption.APPEND);
        Files.writeString(manifest, "not json\n", StandardOpenOption.APPEND);
        Path out = tmp.resolve("out.jsonl");
        Cli cli = Cli.run("caption", manifest.toString(), "-o", out.toString());
        assertThat(cli.exitCode()).as(cli.err()).isZero();
        assertThat(cli.errLines()).contains("warning: skipped line 2 of " + manifest + ": not valid UTF-8",
                "warning: skipped line 3 of " + manifest + ": not JSON");
        assertThat(records(out)).singleElement().satisfies(r -> assertThat(r.get("Video").asText()).isEqualTo("clip-1"));
        // a bad line in the records themselves is skipped by the next run too, which still knows the clip by its id
        Files.write(out, new byte[] {(byte) 0xc3, '\n'}, StandardOpenOption.APPEND);
        Files.delete(tmp.resolve("out.jsonl.journal"));
        Cli again = Cli.run("caption", manifest.toString(), "-o", out.toString());
        assertThat(again.err()).contains("warning: skipped line 2 of " + out + ": not valid UTF-8");
    }
}
