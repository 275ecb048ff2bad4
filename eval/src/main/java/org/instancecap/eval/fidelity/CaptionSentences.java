package org.instancecap.eval.fidelity;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.Function;
import org.instancecap.core.InstanceCapException;

/**
 * The caption text that the CLIP score reads, as sentences. From an InstanceVid record: the
 * {@code Global Description}, then for each main instance in the record's order its
 * {@code Appearance}, {@code Actions and Motion} and {@code Position} (the {@code Class} alone is a
 * label, not a sentence), then {@code Background Detail} and {@code Camera Movement}; each field
 * cut into sentences. A record without a structured description may carry plain text in
 * {@code caption} or {@code text}; a plain text file is cut the same way.
 */
public final class CaptionSentences {
    private final Function<String, List<String>> splitter;

    /** @param splitter text into sentences (OpenNLP's English sentence model in the command) */
    public CaptionSentences(Function<String, List<String>> splitter) {
        this.splitter = splitter;
    }

    /** The sentences of a caption record. */
    public List<String> ofRecord(JsonNode record) {
        List<String> out = new ArrayList<>();
        add(out, record.path("Global Description"));
        JsonNode structured = record.has("Structured Description") ? record.get("Structured Description") : record.path("Structural Description");
        for (Iterator<JsonNode> it = structured.path("Main Instance").elements(); it.hasNext(); ) {
            JsonNode instance = it.next();
            add(out, instance.path("Appearance"));
            add(out, instance.path("Actions and Motion"));
            add(out, instance.path("Position"));
        }
        add(out, structured.path("Background Detail"));
        add(out, structured.path("Camera Movement"));
        if (out.isEmpty()) {
            add(out, record.path("caption"));
            add(out, record.path("text"));
        }
        if (out.isEmpty()) {
            throw new InstanceCapException("the caption record has no text: no Global Description, Structured Description, caption or text");
        }
        return out;
    }

    /** The sentences of plain text. */
    public List<String> ofText(String text) {
        List<String> out = new ArrayList<>();
        addText(out, text);
        if (out.isEmpty()) {
            throw new InstanceCapException("the caption is empty");
        }
        return out;
    }

    private void add(List<String> out, JsonNode field) {
        if (field.isTextual()) {
            addText(out, field.asText());
        }
    }

    private void addText(List<String> out, String text) {
        if (text == null || text.isBlank()) {
            return;
        }
        for (String sentence : splitter.apply(text.strip())) {
            if (!sentence.isBlank()) {
                out.add(sentence.strip());
            }
        }
    }
}
