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
        assertThat(cli.exitCode()).isEqualTo(1); // the record with no prompt
        assertThat(cli.errLines()).hasSize(3).startsWith("warning: skipped line 2 of " + input + ": not JSON",
                "error: no prompt, sentence or text field (" + input + " line 3)");
        assertThat(cli.errLines().get(2)).matches("enhance: 2 done, 1 failed, 0 skipped in [0-9.]+ s \\([0-9.]+/min\\); records in \\Q" + out + ", failures in " + out + ".errors.jsonl\\E");
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

        // a rerun does nothing, and says that the prompt without a prompt field failed before
        Cli again = Cli.run("enhance", "--input", input.toString(), "-o", out.toString());
        Path errors = tmp.resolve("out.jsonl.errors.jsonl");
        assertThat(again.err()).contains("3 of 3 prompts are in " + out + " or " + errors + " already; going on with the other 0",
                "1 prompt failed in an earlier run (in " + errors + "); --retry-failed tries them again");
        assertThat(again.exitCode()).isEqualTo(1);
        assertThat(Files.readAllLines(out)).hasSize(2);
        assertThat(Files.readAllLines(errors)).singleElement().asString().contains("\"prompt\":\"" + input + " line 3\"");
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

    @Test
    void enhance_cuts_a_very_long_prompt_at_a_word_boundary_with_a_warning() throws Exception {
        String prompt = "A man walks his dog in the park. " + "The grass is green and the sky is blue. ".repeat(2600);
        assertThat(prompt.length()).isGreaterThan(100_000);
        long start = System.nanoTime();
        Cli cli = Cli.run("enhance", prompt);
        assertThat((System.nanoTime() - start) / 1e9).as("seconds").isLessThan(20);
        assertThat(cli.exitCode()).as(cli.err()).isZero();
        assertThat(cli.errLines().stream().filter(l -> l.startsWith("warning:"))).singleElement().asString().startsWith("warning: prompt 1 (0000.mp4) is ")
                .contains(String.format(java.util.Locale.ROOT, "%,d characters", prompt.length())).contains("cut");
        JsonNode record = Json.mapper().readTree(cli.outLines().get(0));
        String kept = record.get("Prompt").asText();
        assertThat(kept.length()).isLessThanOrEqualTo(4000);
        assertThat(prompt).startsWith(kept);
        assertThat(Character.isWhitespace(prompt.charAt(kept.length()))).as("cut before a space").isTrue();
        assertThat(record.get("Structured Description").get("Main Instance").get("No.0").get("Class").asText()).isEqualTo("man");
    }

    @Test
    void enhance_offline_warns_once_about_a_prompt_that_is_not_english() throws Exception {
        Cli cli = Cli.run("enhance", "一个男人在公园里遛狗。", "Un homme promène son chien dans le parc et la forêt.",
                "A man walks his dog in the park.");
        assertThat(cli.errLines().stream().filter(l -> l.startsWith("warning:")))
                .containsExactly("warning: prompt 1 (0000.mp4) does not look English; the offline enhancer reads English only",
                        "warning: prompt 2 (0001.mp4) does not look English; the offline enhancer reads English only");
    }

    @Test
    void enhance_with_a_server_writes_the_record_when_positions_are_loose_or_nonsense() throws Exception {
        for (String position : List.of("A man from bottom-left to center.", "Banana.")) {
            try (org.instancecap.llm.FakeOpenAiServer server = new org.instancecap.llm.FakeOpenAiServer().answering(body -> {
                String q = org.instancecap.llm.MllmCaptionerTest.lastUserText(body);
                return q.startsWith("Request:") ? "A man in a grey coat walks a small dog along a path in a green park."
                        : q.contains("BREAK") || q.startsWith("Answer only with the names") ? "man BREAK dog"
                        : q.startsWith("Where is the") || q.startsWith("That line") ? position
                        : "It is seen clearly in daylight.";
            })) {
                Cli cli = Cli.run("enhance", "A man walks his dog in the park.", "--llm-url", server.baseUrl(), "--llm-model", "test-model");
                assertThat(cli.exitCode()).as(cli.err()).isZero();
                JsonNode record = Json.mapper().readTree(cli.outLines().get(0));
                JsonNode man = record.get("Structured Description").get("Main Instance").get("No.0");
                assertThat(man.get("Class").asText()).isEqualTo("man");
                if (position.startsWith("A man")) {
                    assertThat(man.get("Position").asText()).isEqualTo("man moves from bottom-left to center-middle.");
                    assertThat(record.has("provenance")).isFalse();
                } else {
                    assertThat(org.instancecap.core.amc.PositionPhrase.parse(man.get("Position").asText())).isPresent();
                    assertThat(record.get("provenance").get("fallbacks").toString())
                            .isEqualTo("[\"Main Instance.No.0.Position\",\"Main Instance.No.1.Position\"]");
                }
            }
        }
    }
}
