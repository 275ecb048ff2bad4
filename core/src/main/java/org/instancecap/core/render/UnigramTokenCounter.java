package org.instancecap.core.render;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.HashMap;
import java.util.Map;
import org.instancecap.core.InstanceCapException;
import org.instancecap.core.json.Json;

/**
 * An exact count for SentencePiece Unigram tokenizers such as T5's, from the user's Hugging Face
 * {@code tokenizer.json} (of {@code google/t5-v1_1-xxl}, the text encoder of CogVideoX and Open-Sora):
 * NFKC, words split at spaces with {@code ▁} in front, each word cut into the pieces of highest total
 * score (Viterbi), unknown characters one piece per run, plus the special tokens the post-processor
 * adds ({@code </s>}). T5's own normaliser is a precompiled NFKC variant; NFKC gives the same pieces
 * for ordinary text.
 */
public final class UnigramTokenCounter implements TokenCounter {

    private static final String SPACE = "▁";

    private final String name;
    private final Map<String, Double> scores;
    private final int longestPiece;
    private final int specialTokens;
    private final double unknownScore;

    UnigramTokenCounter(String name, Map<String, Double> scores, int specialTokens) {
        this.name = name;
        this.scores = Map.copyOf(scores);
        this.longestPiece = scores.keySet().stream().mapToInt(String::length).max().orElse(1);
        this.specialTokens = specialTokens;
        this.unknownScore = scores.values().stream().mapToDouble(Double::doubleValue).min().orElse(0) - 10;
    }

    public static UnigramTokenCounter load(Path tokenizerJson) {
        JsonNode root;
        try {
            root = Json.mapper().readTree(tokenizerJson.toFile());
        } catch (IOException e) {
            throw new InstanceCapException("cannot read the tokenizer: " + e.getMessage() + " (" + tokenizerJson + ")", e);
        }
        JsonNode model = root == null ? null : root.path("model");
        if (model == null || !"Unigram".equals(model.path("type").asText())) {
            throw new InstanceCapException("not a Unigram tokenizer.json (T5's is one) (" + tokenizerJson + ")");
        }
        Map<String, Double> scores = new HashMap<>();
        for (JsonNode entry : model.path("vocab")) {
            scores.put(entry.get(0).asText(), entry.get(1).asDouble());
        }
        if (scores.isEmpty()) {
            throw new InstanceCapException("the tokenizer has an empty vocabulary (" + tokenizerJson + ")");
        }
        int special = 0;
        JsonNode single = root.path("post_processor").path("single");
        for (JsonNode part : single) {
            if (part.has("SpecialToken")) {
                special++;
            }
        }
        if (!single.isArray()) {
            special = 1; // T5 ends every sequence with </s>
        }
        return new UnigramTokenCounter("unigram:" + tokenizerJson.getFileName(), scores, special);
    }

    @Override
    public int count(String text) {
        String normalised = Normalizer.normalize(text, Normalizer.Form.NFKC).strip();
        int tokens = specialTokens;
        if (normalised.isEmpty()) {
            return tokens;
        }
        for (String word : normalised.split("\\s+")) {
            tokens += pieces(SPACE + word);
        }
        return tokens;
    }

    /** The number of pieces of the best segmentation; runs of characters outside the vocabulary are one piece. */
    int pieces(String word) {
        int n = word.length();
        double[] best = new double[n + 1];
        int[] count = new int[n + 1];
        boolean[] unknownEnd = new boolean[n + 1];
        java.util.Arrays.fill(best, Double.NEGATIVE_INFINITY);
        best[0] = 0;
        for (int end = 1; end <= n; end++) {
            for (int start = Math.max(0, end - longestPiece); start < end; start++) {
                if (best[start] == Double.NEGATIVE_INFINITY) {
                    continue;
                }
                Double score = scores.get(word.substring(start, end));
                if (score != null && best[start] + score > best[end]) {
                    best[end] = best[start] + score;
                    count[end] = count[start] + 1;
                    unknownEnd[end] = false;
                }
            }
            if (best[end] == Double.NEGATIVE_INFINITY) {
                int start = end - 1;
                // a character no piece covers: one unknown piece, joined to an unknown run before it
                best[end] = best[start] + (unknownEnd[start] ? 0 : unknownScore);
                count[end] = count[start] + (unknownEnd[start] ? 0 : 1);
                unknownEnd[end] = true;
            }
        }
        return count[n];
    }

    @Override
    public String name() {
        return name;
    }
}
