package org.instancecap.eval.fidelity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.instancecap.core.json.Json;
import org.junit.jupiter.api.Test;

/**
 * The tokenizer with CLIP's real vocabulary against open_clip's own tokenizer ({@code SimpleTokenizer}
 * of open_clip_torch 3.x, with ftfy 6.3): {@code openclip-tokens.jsonl} holds its ids for sentences of
 * captions, contractions, accents, emoji, CJK, HTML entities, curly quotes, ligatures, full-width
 * forms and control characters. Needs the vocabulary, which is not in the repository:
 * {@code INSTANCECAP_CLIP_VOCAB=/path/to/bpe_simple_vocab_16e6.txt.gz} (it ships in the open_clip and
 * clip Python packages).
 */
class ClipTokenizerOpenClipTest {

    @Test
    void ids_are_open_clips() throws IOException {
        String vocabulary = System.getenv("INSTANCECAP_CLIP_VOCAB");
        assumeTrue(vocabulary != null && Files.isRegularFile(Path.of(vocabulary)),
                "set INSTANCECAP_CLIP_VOCAB to CLIP's bpe_simple_vocab_16e6.txt.gz to compare with open_clip's ids");
        ClipTokenizer tokenizer = ClipTokenizer.load(Path.of(vocabulary));
        assertThat(tokenizer.startId()).isEqualTo(49406);
        assertThat(tokenizer.endId()).isEqualTo(49407);
        List<String> lines;
        try (InputStream in = getClass().getResourceAsStream("openclip-tokens.jsonl")) {
            lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        }
        assertThat(lines).hasSize(24);
        for (String line : lines) {
            JsonNode row = Json.mapper().readTree(line);
            List<Long> expected = new ArrayList<>();
            row.path("ids").forEach(id -> expected.add(id.asLong()));
            ClipTokenizer.Tokens tokens = tokenizer.tokens(row.path("text").asText(), 77);
            List<Long> actual = new ArrayList<>();
            for (int i = 0; i < tokens.length(); i++) {
                actual.add(tokens.ids()[i]);
            }
            assertThat(actual).as(row.path("text").asText()).isEqualTo(expected);
        }
    }
}
