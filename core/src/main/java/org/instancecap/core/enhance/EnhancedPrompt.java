package org.instancecap.core.enhance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.instancecap.core.caption.StructuredCaption;
import org.instancecap.core.json.Json;

/**
 * A structured prompt: the InstanceVid record of the video to generate, with the user's prompt
 * ({@code Prompt}) and the detailed description it was derived from ({@code Story}).
 */
public record EnhancedPrompt(String prompt, String story, StructuredCaption caption, java.util.List<String> fallbacks) {

    /** Without fallbacks. */
    public EnhancedPrompt(String prompt, String story, StructuredCaption caption) {
        this(prompt, story, caption, java.util.List.of());
    }

    /**
     * @param fallbacks the fields whose model answers were unusable twice and that hold the offline
     *                  reading (or a neutral value) instead, named as in the record: {@code Story},
     *                  {@code Main Instance}, {@code Main Instance.No.0.Position}, {@code Background Detail}...
     */
    public EnhancedPrompt {
        fallbacks = fallbacks == null ? java.util.List.of() : java.util.List.copyOf(fallbacks);
        if (prompt == null || prompt.isBlank()) {
            throw new IllegalArgumentException("Prompt must not be empty");
        }
        if (story == null || story.isBlank()) {
            throw new IllegalArgumentException("Story must not be empty");
        }
        if (caption == null) {
            throw new IllegalArgumentException("caption must not be null");
        }
    }

    /** {@code Video}, {@code Prompt}, {@code Story}, the InstanceVid fields, then {@code provenance.fallbacks} when any field fell back. */
    public ObjectNode toJson() {
        ObjectNode record = Json.mapper().createObjectNode();
        ObjectNode caption = this.caption.toJson();
        record.set("Video", caption.get("Video"));
        record.put("Prompt", prompt);
        record.put("Story", story);
        caption.fields().forEachRemaining(field -> {
            if (!record.has(field.getKey())) {
                record.set(field.getKey(), field.getValue());
            }
        });
        if (!fallbacks.isEmpty()) {
            record.putObject("provenance").set("fallbacks", Json.mapper().valueToTree(fallbacks));
        }
        return record;
    }

    public static EnhancedPrompt fromJson(JsonNode root) {
        java.util.List<String> fallbacks = new java.util.ArrayList<>();
        root.path("provenance").path("fallbacks").forEach(f -> fallbacks.add(f.asText()));
        return new EnhancedPrompt(root.path("Prompt").asText(), root.path("Story").asText(), StructuredCaption.fromJson(root), fallbacks);
    }
}
