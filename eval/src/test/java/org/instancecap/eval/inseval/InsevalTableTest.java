package org.instancecap.eval.inseval;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InsevalTableTest {

    @Test
    void scores_are_the_share_of_judged_videos_that_pass_and_the_average_is_over_the_papers_eight_columns() {
        List<InsevalPrompt> prompts = new ArrayList<>();
        Map<String, InsevalTable.Outcome> outcomes = new HashMap<>();
        int column = 0;
        for (String key : InsevalTable.PAPER) {
            String[] parts = key.split("/");
            // column c: 4 prompts, c % 4 + 1 of them pass (25, 50, 75, 100, 25...), the rest fail
            for (int i = 0; i < 4; i++) {
                InsevalPrompt p = new InsevalPrompt(parts[0].equals("multiple"), Dimension.of(parts[1]), i + ".mp4", "s",
                        List.of(new InsevalPrompt.Expected("cup", "red")));
                prompts.add(p);
                outcomes.put(p.video(), i <= column % 4 ? InsevalTable.Outcome.PASS : i == 3 ? InsevalTable.Outcome.MISSING
                        : InsevalTable.Outcome.FAIL);
            }
            column++;
        }
        InsevalPrompt notJudged = new InsevalPrompt(true, Dimension.SHAPE, "0.mp4", "s", List.of(new InsevalPrompt.Expected("cup", "round")));
        prompts.add(notJudged);
        outcomes.put(notJudged.video(), InsevalTable.Outcome.NOT_JUDGED);

        InsevalTable table = InsevalTable.of(prompts, outcomes, "llm:test", false);
        assertThat(table.cell("single/action").score()).isEqualTo(25.0);
        assertThat(table.cell("single/color").score()).isEqualTo(50.0);
        assertThat(table.cell("single/detail").score()).isEqualTo(25.0);
        assertThat(table.cell("multiple/texture").score()).isEqualTo(100.0);
        assertThat(table.average()).isEqualTo((25 + 50 + 75 + 100 + 25 + 50 + 75 + 100) / 8.0);
        assertThat(table.cell("multiple/shape").score()).isNull();
        assertThat(table.cell("multiple/shape").notJudged()).isEqualTo(1);
        assertThat(table.cell("single/action").missing()).isEqualTo(1);
        assertThat(table.cell("single/action").failed()).isEqualTo(3);
        assertThat(table.missing()).hasSize(6); // the six columns passing 1, 2 or 3 of 4 have their fourth missing
        assertThat(table.complete()).isTrue();
        assertThat(table.markdown()).contains("| 25.0 | 50.0 | 75.0 | 100.0 | 25.0 | 50.0 | 75.0 | 100.0 | 62.5 |");
        assertThat(table.toJson().get("paper").get("average").asDouble()).isEqualTo(62.5);

        outcomes.remove(prompts.get(0).video());
        InsevalTable partial = InsevalTable.of(prompts, outcomes, "llm:test", false);
        assertThat(partial.complete()).isFalse();
        assertThat(partial.cell("single/action").notScored()).isEqualTo(1);
        assertThat(partial.cell("single/action").score()).isEqualTo(0.0);

        // the offline proxy judges colour only: a dimension's missing videos make no score of it
        InsevalTable offline = InsevalTable.of(prompts, outcomes, OfflineProxyJudge.NAME, true);
        assertThat(offline.cell("single/color").score()).isEqualTo(50.0);
        assertThat(offline.cell("single/shape").missing()).isEqualTo(1);
        assertThat(offline.cell("single/shape").score()).isNull();
        assertThat(offline.average()).isNull();
        assertThat(offline.markdown()).contains("| single | shape | 4 | 3 | 1 | 1 | 0 | 0 | not judged |")
                .contains("**Offline proxy judge**");
    }
}
