package org.instancecap.core.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TokenCounterTest {

    @TempDir
    Path tmp;

    @Test
    void approximation_counts_pieces_of_four_letters_punctuation_and_the_end_token() {
        ApproximateT5TokenCounter counter = new ApproximateT5TokenCounter();
        assertThat(counter.count("")).isEqualTo(1);
        assertThat(counter.count("A dog runs.")).isEqualTo(1 + 1 + 1 + 1 + 1);
        assertThat(counter.count("windowsill")).isEqualTo(1 + 3);
        assertThat(counter.count("well-loved café, 2024")).as("well 1, - 1, loved 2, caf 1, é 1, comma 1, four digits")
                .isEqualTo(1 + 1 + 1 + 2 + 1 + 1 + 1 + 4);
    }

    @Test
    void approximation_never_counts_fewer_than_one_piece_per_word_and_mark() {
        ApproximateT5TokenCounter counter = new ApproximateT5TokenCounter();
        String text = "A fluffy gray cat with bright green eyes sits on the windowsill, gazing outside at the leaves.";
        int floor = text.split("\\s+").length + 2 + 1; // words, the comma and period, </s>
        assertThat(counter.count(text)).isGreaterThanOrEqualTo(floor);
    }

    private UnigramTokenCounter tiny() throws Exception {
        Path json = tmp.resolve("tokenizer.json");
        Files.writeString(json, """
                {"model": {"type": "Unigram", "unk_id": 2, "vocab": [["<pad>", 0.0], ["</s>", 0.0], ["<unk>", 0.0],
                  ["▁", -2.0], ["▁the", -3.0], ["▁dog", -5.0], ["▁do", -6.0], ["g", -6.0], ["s", -4.0], ["▁run", -6.0],
                  [".", -3.0], ["▁window", -8.0], ["sill", -9.0], ["▁w", -7.0], ["i", -5.0], ["n", -5.0], ["d", -5.0], ["o", -5.0]]},
                 "post_processor": {"type": "TemplateProcessing", "single": [{"Sequence": {"id": "A", "type_id": 0}},
                  {"SpecialToken": {"id": "</s>", "type_id": 0}}]}}
                """);
        return UnigramTokenCounter.load(json);
    }

    @Test
    void unigram_takes_the_segmentation_of_highest_score() throws Exception {
        UnigramTokenCounter counter = tiny();
        assertThat(counter.pieces("▁dog")).as("▁dog (-5) beats ▁do + g (-12)").isEqualTo(1);
        assertThat(counter.pieces("▁dogs")).isEqualTo(2);
        assertThat(counter.pieces("▁windowsill")).isEqualTo(2);
        assertThat(counter.count("the dogs run.")).as("▁the ▁dog s ▁run . </s>").isEqualTo(6);
        assertThat(counter.pieces("▁xyz")).as("▁ then one unknown run").isEqualTo(2);
        assertThat(counter.name()).isEqualTo("unigram:tokenizer.json");
    }

    @Test
    void unigram_refuses_other_tokenizers() throws Exception {
        Path json = tmp.resolve("bpe.json");
        Files.writeString(json, "{\"model\": {\"type\": \"BPE\", \"vocab\": {}}}");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> UnigramTokenCounter.load(json))
                .hasMessageContaining("not a Unigram tokenizer.json");
        assertThat(Map.of()).isEmpty();
    }
}
