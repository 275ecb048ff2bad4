package org.instancecap.eval.judge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.instancecap.core.json.Json;

/**
 * The judge's scores of one caption, each 1–5 with its reason; higher is better on both (for
 * hallucination, 5 means nothing in the caption goes beyond the video).
 */
public record Judgement(int detail, String detailReason, int hallucination, String hallucinationReason) {
    public Judgement {
        checkScore("detail", detail);
        checkScore("hallucination", hallucination);
        if (detailReason == null || detailReason.isBlank() || hallucinationReason == null || hallucinationReason.isBlank()) {
            throw new IllegalArgumentException("both scores need a reason, got " + detailReason + " and " + hallucinationReason);
        }
    }

    private static void checkScore(String name, int score) {
        if (score < 1 || score > 5) {
            throw new IllegalArgumentException(name + " must be 1 to 5, got " + score);
        }
    }

    /** An answer read, or why it cannot be. */
    public record Reading(Judgement judgement, String problem) {
    }

    private static final Pattern THINKING = Pattern.compile("(?s)<think>.*?</think>");
    private static final com.fasterxml.jackson.databind.ObjectReader STRICT = Json.mapper().reader()
            .with(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private static final Pattern FENCE = Pattern.compile("^```[a-zA-Z]*\\s*|\\s*```$");

    /**
     * Reads the judge's answer: one JSON object (inside a code fence, after a sentence or a
     * {@code <think>} block too) with
     * {@code detail} and {@code hallucination}, whole numbers 1–5 (or such numbers as text), and their
     * reasons. Keys are matched without regard to case.
     */
    public static Reading read(String answer) {
        if (answer == null || answer.isBlank()) {
            return new Reading(null, "it was empty");
        }
        String text = FENCE.matcher(THINKING.matcher(answer).replaceAll("").strip()).replaceAll("");
        int close = text.lastIndexOf('}');
        if (text.indexOf('{') < 0 || close < text.indexOf('{')) {
            return new Reading(null, "it holds no JSON object");
        }
        // the object that runs to the last brace: a sentence with braces before it does not hide it
        JsonNode node = null;
        for (int open = text.indexOf('{'); open >= 0 && open < close && node == null; open = text.indexOf('{', open + 1)) {
            try {
                node = STRICT.readTree(text.substring(open, close + 1));
            } catch (java.io.IOException e) {
                // not this brace; try the next
            }
        }
        if (node == null) {
            return new Reading(null, "it is not valid JSON");
        }
        if (!(node instanceof ObjectNode object)) {
            return new Reading(null, "it is not a JSON object");
        }
        Integer detail = score(field(object, "detail"));
        Integer hallucination = score(field(object, "hallucination"));
        String detailReason = field(object, "detail_reason").asText("").strip();
        String hallucinationReason = field(object, "hallucination_reason").asText("").strip();
        if (detail == null) {
            return new Reading(null, "\"detail\" is not a whole number from 1 to 5");
        }
        if (hallucination == null) {
            return new Reading(null, "\"hallucination\" is not a whole number from 1 to 5");
        }
        if (detailReason.isEmpty() || hallucinationReason.isEmpty()) {
            return new Reading(null, "\"detail_reason\" and \"hallucination_reason\" must both say why");
        }
        return new Reading(new Judgement(detail, detailReason, hallucination, hallucinationReason), null);
    }

    private static JsonNode field(ObjectNode object, String name) {
        for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getKey().strip().toLowerCase(Locale.ROOT).replace(' ', '_').equals(name)) {
                return e.getValue();
            }
        }
        return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
    }

    private static final Pattern WHOLE = Pattern.compile("\\s*([1-5])(\\.0+)?\\s*(/\\s*5)?\\s*");

    private static Integer score(JsonNode node) {
        if (node.isIntegralNumber() || node.isNumber() && node.asDouble() == Math.rint(node.asDouble())) {
            int v = node.asInt();
            return v >= 1 && v <= 5 ? v : null;
        }
        if (node.isTextual()) {
            Matcher m = WHOLE.matcher(node.asText());
            return m.matches() ? Integer.parseInt(m.group(1)) : null;
        }
        return null;
    }
}
