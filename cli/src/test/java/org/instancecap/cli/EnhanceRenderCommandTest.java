package org.instancecap.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.instancecap.core.json.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EnhanceRenderCommandTest {

    @TempDir
    Path tmp;

    @Test
    void enhance_offline_writes_records_names_bad_lines_and_resumes() throws Exception {
        Path input = tmp.resolve("prompts.jsonl");
        Files.writeString(input, """
                {"name": "0000.mp4", "sentence": "A black bike leans against a pink tree."}
                not json
                {"name": "0002.mp4"}
                {"name": "0003.mp4", "prompt": "A cat jumps onto a chair while a dog watches."}
                """);
        Path out = tmp.resolve("out.jsonl");
        Cli cli = Cli.run("enhance", "--input", input.toString(), "-o", out.toString());
        assertThat(cli.exitCode()).isEqualTo(1);
        assertThat(cli.errLines()).hasSize(3).startsWith("error: not a JSON object (" + input + " line 2)",
                "error: no prompt, sentence or text field (" + input + " line 3)");
        assertThat(cli.errLines().get(2)).matches("enhance: 2 done, 2 failed, 0 skipped in [0-9.]+ s \\([0-9.]+/min\\); records in \\Q" + out + "\\E");
        List<String> lines = Files.readAllLines(out);
        assertThat(lines).hasSize(2);
        JsonNode bike = Json.mapper().readTree(lines.get(0));
        assertThat(bike.get("Video").asText()).isEqualTo("0000.mp4");
        assertThat(bike.get("Prompt").asText()).isEqualTo("A black bike leans against a pink tree.");
        JsonNode instances = bike.get("Structured Description").get("Main Instance");
        assertThat(instances.get("No.0").get("Class").asText()).isEqualTo("bike");
        assertThat(instances.get("No.0").get("Appearance").asText()).isEqualTo("The bike is black.");
        assertThat(instances.get("No.0").get("Actions and Motion").asText()).isEqualTo("The bike leans against a pink tree.");
        assertThat(instances.get("No.1").get("Class").asText()).isEqualTo("tree");
        JsonNode cat = Json.mapper().readTree(lines.get(1)).get("Structured Description").get("Main Instance");
        assertThat(List.of(cat.get("No.0").get("Class").asText(), cat.get("No.1").get("Class").asText(), cat.get("No.2").get("Class").asText()))
                .containsExactly("cat", "chair", "dog");

        Cli again = Cli.run("enhance", "--input", input.toString(), "-o", out.toString());
        assertThat(again.err()).contains("2 of 4 prompts are in");
        assertThat(Files.readAllLines(out)).hasSize(2);
    }

    @Test
    void enhance_prints_to_standard_output_and_render_fits_the_budget() throws Exception {
        Cli enhance = Cli.run("enhance", "A tall man walks from the left to the right across a busy street.");
        assertThat(enhance.exitCode()).as(enhance.err()).isZero();
        JsonNode record = Json.mapper().readTree(enhance.outLines().get(0));
        assertThat(record.get("Structured Description").get("Main Instance").get("No.0").get("Position").asText())
                .isEqualTo("man moves from center-left to center-right.");
        Path records = tmp.resolve("records.jsonl");
        Files.writeString(records, enhance.out() + "{\"Video\":\"x.mp4\"}\n");
        Cli render = Cli.run("render", records.toString(), "--max-tokens", "40");
        assertThat(render.exitCode()).isEqualTo(1);
        assertThat(render.errLines()).hasSize(2).first().isEqualTo("error: line 2: caption record has no Structured Description (" + records + ")");
        assertThat(render.errLines().get(1)).startsWith("render: 1 done, 1 failed, 0 skipped in ").endsWith("; paragraphs on standard output");
        JsonNode paragraph = Json.mapper().readTree(render.outLines().get(0));
        assertThat(paragraph.get("tokens").asInt()).isLessThanOrEqualTo(40);
        assertThat(paragraph.get("budget").asInt()).isEqualTo(40);
        assertThat(paragraph.get("counter").asText()).isEqualTo("t5-approx");
        assertThat(paragraph.get("paragraph").asText()).contains("The man moves from the left side to the right side of the frame.");

        Path text = tmp.resolve("prompts.txt");
        Cli toFile = Cli.run("render", records.toString(), "--target", "plain", "--format", "text", "-o", text.toString());
        assertThat(toFile.exitCode()).isEqualTo(1);
        assertThat(Files.readAllLines(text)).singleElement().asString().startsWith("A tall man walks from the left to the right");
    }
}
