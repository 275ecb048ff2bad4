package org.instancecap.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.instancecap.core.json.Json;
import org.instancecap.vision.video.SharedMedia;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each command that reads JSON Lines, manifests or prompt files skips a line it cannot read, says so, and goes on. */
class UnreadableLinesTest {
    /** A line whose one bad byte stopped whole commands with {@code MalformedInputException}. */
    private static final byte[] BAD_BYTE = {'{', '"', 'V', 'i', 'd', 'e', 'o', '"', ':', '"', (byte) 0xff, '"', '}'};

    @TempDir
    Path tmp;

    /** Writes each line, text or raw bytes, ended by a newline. */
    private Path file(String name, Object... lines) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (Object line : lines) {
            bytes.write(line instanceof byte[] raw ? raw : line.toString().getBytes(StandardCharsets.UTF_8));
            bytes.write('\n');
        }
        return Files.write(tmp.resolve(name), bytes.toByteArray());
    }

    /** Two enhanced records, as caption or enhance writes them. */
    private static List<String> records() {
        Cli enhance = Cli.run("enhance", "A tall man walks from the left to the right across a busy street.",
                "A black dog runs on the beach.");
        assertThat(enhance.exitCode()).as(enhance.err()).isZero();
        return enhance.outLines();
    }

    @Test
    void render_skips_a_bad_byte_line_and_a_non_json_line_and_renders_the_others() throws Exception {
        List<String> records = records();
        Path file = file("records.jsonl", records.get(0), BAD_BYTE, "no json here", "[1, 2]", records.get(1));
        Cli render = Cli.run("render", file.toString(), "--target", "plain", "--format", "text");
        assertThat(render.exitCode()).as(render.err()).isZero();
        assertThat(render.outLines()).hasSize(2);
        assertThat(render.outLines().get(0)).startsWith("A tall man walks");
        assertThat(render.outLines().get(1)).startsWith("A black dog runs");
        assertThat(render.errLines()).startsWith("warning: skipped line 2 of " + file + ": not valid UTF-8",
                "warning: skipped line 3 of " + file + ": not JSON", "warning: skipped line 4 of " + file + ": not a JSON object");
        assertThat(render.errLines()).last().asString().startsWith("render: 2 done, 0 failed");
    }

    @Test
    void after_twenty_warnings_of_a_file_one_line_says_how_many_more() throws Exception {
        Object[] lines = new Object[31];
        lines[0] = records().get(0);
        for (int i = 1; i < lines.length; i++) {
            lines[i] = i % 2 == 0 ? "garbage" : BAD_BYTE;
        }
        Path file = file("records.jsonl", lines);
        Cli render = Cli.run("render", file.toString());
        assertThat(render.exitCode()).as(render.err()).isZero();
        assertThat(render.outLines()).hasSize(1);
        List<String> warnings = render.errLines().stream().filter(l -> l.startsWith("warning: ")).toList();
        assertThat(warnings).hasSize(21).endsWith("warning: skipped 10 more lines of " + file + " (30 in all)");
        assertThat(warnings.get(19)).isEqualTo("warning: skipped line 21 of " + file + ": not JSON"); // lines 2 to 31 are bad
    }

    @Test
    void enhance_input_skips_bad_lines_of_json_lines_and_of_plain_text() throws Exception {
        Path jsonl = file("prompts.jsonl", "{\"name\": \"a.mp4\", \"prompt\": \"A cat sleeps on a red sofa.\"}", BAD_BYTE,
                "{\"name\": \"c.mp4\"", "{\"name\": \"d.mp4\", \"sentence\": \"A man rides a bike.\"}");
        Path out = tmp.resolve("out.jsonl");
        Cli enhance = Cli.run("enhance", "--input", jsonl.toString(), "-o", out.toString());
        assertThat(enhance.exitCode()).as(enhance.err()).isZero();
        assertThat(enhance.errLines()).startsWith("warning: skipped line 2 of " + jsonl + ": not valid UTF-8",
                "warning: skipped line 3 of " + jsonl + ": not JSON");
        assertThat(Files.readAllLines(out)).extracting(line -> Json.mapper().readTree(line).get("Video").asText())
                .containsExactly("a.mp4", "d.mp4");

        Path text = file("prompts.txt", "A cat sleeps on a red sofa.", new byte[] {'A', ' ', (byte) 0xc3, ' ', 'b'}, "", "A man rides a bike.");
        Cli plain = Cli.run("enhance", "--input", text.toString());
        assertThat(plain.exitCode()).as(plain.err()).isZero();
        assertThat(plain.errLines()).startsWith("warning: skipped line 2 of " + text + ": not valid UTF-8");
        assertThat(plain.outLines()).extracting(line -> Json.mapper().readTree(line).get("Prompt").asText())
                .containsExactly("A cat sleeps on a red sofa.", "A man rides a bike.");
    }

    @Test
    void report_skips_bad_lines_of_the_captions_and_of_the_errors_file() throws Exception {
        List<String> records = records();
        Path captions = file("captions.jsonl", records.get(0), BAD_BYTE, "{not json", records.get(1));
        Path errors = file("captions.jsonl.errors.jsonl", "{\"video\": \"lost.mp4\", \"stage\": \"decode\", \"reason\": \"file is empty\"}",
                BAD_BYTE);
        Path html = tmp.resolve("report.html");
        Cli report = Cli.run("report", captions.toString(), "-o", html.toString(), "--no-masks");
        assertThat(report.exitCode()).as(report.err()).isZero();
        assertThat(report.errLines()).filteredOn(l -> l.startsWith("warning: ")).containsExactly(
                "warning: skipped line 2 of " + captions + ": not valid UTF-8", "warning: skipped line 3 of " + captions + ": not JSON",
                "warning: skipped line 2 of " + errors + ": not valid UTF-8");
        assertThat(report.errLines()).last().asString().startsWith("report: 2 videos, 2 cards, 1 failures");
        String page = Files.readString(html);
        assertThat(page.split("<section class=\"card\"", -1)).hasSize(3);
        assertThat(page).contains("lost.mp4</td><td>decode</td><td>file is empty");
    }

    @Test
    void a_manifest_with_bad_lines_still_gives_its_good_videos() throws Exception {
        Path video = SharedMedia.file("videos/sam2_01_dog.mp4").toAbsolutePath();
        Path manifest = file("list.csv", "id,path", "dog," + video, new byte[] {'x', ',', (byte) 0xff, '\n'}, "dog2," + video);
        Cli probe = Cli.run("probe", manifest.toString());
        assertThat(probe.exitCode()).as(probe.err()).isZero();
        assertThat(probe.errLines()).startsWith("warning: skipped line 3 of " + manifest + ": not valid UTF-8");
        assertThat(probe.outLines()).hasSize(2);
        JsonNode info = Json.mapper().readTree(probe.outLines().get(0));
        assertThat(info.get("width").asInt()).isPositive();
    }
}
