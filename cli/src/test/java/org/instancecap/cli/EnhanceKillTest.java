package org.instancecap.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An offline enhance run over a file of prompts killed with SIGKILL part-way, then run again: every prompt exactly once. */
class EnhanceKillTest {
    private static final String[] SUBJECTS = {"A tall man", "A little girl", "An old woman", "A brown dog", "A white cat",
        "A young boy", "A red car", "A black horse", "A chef in a white apron", "Two cyclists"};
    private static final String[] ACTIONS = {"walks slowly", "runs quickly", "jumps over a wooden fence", "rides a bicycle",
        "carries a blue umbrella", "waves at the camera", "sits on a bench", "drives past a yellow bus"};
    private static final String[] PLACES = {"in a sunny park", "along a busy street at night", "on a sandy beach",
        "through a snowy forest", "inside a crowded kitchen"};
    /** Prompts in the file: every combination once, then again with a numbered detail so that no two are the same. */
    private static final int PROMPTS = 1200;
    /** Records in the output before the first run is killed. */
    private static final int KILL_AFTER = 30;

    @TempDir
    Path tmp;

    @Test
    void a_killed_enhance_run_and_a_rerun_leave_every_prompt_exactly_once() throws Exception {
        List<String> prompts = prompts(PROMPTS);
        Path input = tmp.resolve("prompts.txt");
        Files.write(input, prompts, StandardCharsets.UTF_8);
        Path out = tmp.resolve("out.jsonl");
        Path errors = tmp.resolve("out.jsonl.errors.jsonl");
        Path log = tmp.resolve("first.log");

        String[] args = {"enhance", "--input", input.toString(), "-o", out.toString()};
        KilledRun.killAfter(KILL_AFTER, log, List.of(out, errors), args);
        int doneBefore = KilledRun.complete(List.of(out, errors));
        assertThat(doneBefore).as("records written before the kill").isGreaterThanOrEqualTo(KILL_AFTER).isLessThan(PROMPTS);

        Cli second = Cli.run(args);
        assertThat(second.exitCode()).as(second.err()).isZero();
        // the kill may come between a record and its journal line (that prompt is done again) or leave a last line
        // whose journal line is written (it counts), so the rerun's count is within one of the complete lines
        assertThat(second.err()).containsPattern("(\\d+) of " + PROMPTS + " prompts are in \\Q" + out + "\\E or \\Q" + errors
                + "\\E already; going on with the other (\\d+)");
        int said = doneAlready(second.err());
        assertThat(said).isBetween(doneBefore - 1, doneBefore + 1);
        assertThat(second.errLines()).last().asString()
                .startsWith("enhance: " + (PROMPTS - said) + " done, 0 failed, " + said + " skipped in ");

        List<String> expected = new ArrayList<>();
        for (int i = 0; i < PROMPTS; i++) {
            expected.add(String.format("%04d.mp4", i));
        }
        List<JsonNode> records = records(out);
        List<String> names = new ArrayList<>();
        records.forEach(r -> names.add(r.get("Video").asText()));
        records(errors).forEach(r -> names.add(r.get("video").asText()));
        assertThat(names).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(expected);
        // each record is the one of its own prompt
        for (JsonNode record : records) {
            int index = Integer.parseInt(record.get("Video").asText().substring(0, 4));
            assertThat(record.get("Prompt").asText()).isEqualTo(prompts.get(index));
        }

        Cli third = Cli.run(args);
        assertThat(third.exitCode()).as(third.err()).isZero();
        assertThat(third.err()).contains(PROMPTS + " of " + PROMPTS + " prompts are in " + out + " or " + errors
                + " already; going on with the other 0");
        assertThat(third.errLines()).last().asString().startsWith("enhance: 0 done, 0 failed, " + PROMPTS + " skipped in ");
        assertThat(records(out)).hasSameSizeAs(records);
        assertThat(tmp.resolve("out.jsonl.lock")).doesNotExist();
    }

    /** {@code n} different English prompts: subject, action and place, then a numbered detail past the combinations. */
    static List<String> prompts(int n) {
        List<String> prompts = new ArrayList<>();
        int combinations = SUBJECTS.length * ACTIONS.length * PLACES.length;
        for (int i = 0; i < n; i++) {
            int c = i % combinations;
            String subject = SUBJECTS[c % SUBJECTS.length];
            String action = ACTIONS[(c / SUBJECTS.length) % ACTIONS.length];
            String place = PLACES[c / (SUBJECTS.length * ACTIONS.length)];
            String detail = i < combinations ? "" : " while " + (i / combinations + 1) + " birds fly above";
            prompts.add(subject + " " + action + " " + place + detail + ".");
        }
        return prompts;
    }

    private static int doneAlready(String err) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d+) of \\d+ prompts are in ").matcher(err);
        assertThat(m.find()).isTrue();
        return Integer.parseInt(m.group(1));
    }

    /** Every line of a JSON Lines file, read with a plain Jackson mapper (not the project's own). */
    private static List<JsonNode> records(Path file) throws Exception {
        ObjectMapper mapper = new ObjectMapper();
        List<JsonNode> records = new ArrayList<>();
        if (!Files.exists(file)) {
            return records;
        }
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            records.add(mapper.readTree(line));
        }
        return records;
    }
}
