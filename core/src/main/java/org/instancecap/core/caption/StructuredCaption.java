package org.instancecap.core.caption;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.instancecap.core.InstanceCapException;
import org.instancecap.core.json.Json;

/**
 * The paper's structured caption of one video, written in the InstanceVid record format:
 * {@code Video}, {@code Global Description}, and {@code Structured Description} with
 * {@code Main Instance} ({@code No.0}, {@code No.1}... each {@code Class}, {@code Appearance},
 * {@code Actions and Motion}, {@code Position}), {@code Background Detail} and {@code Camera Movement}.
 */
public record StructuredCaption(String video, String globalDescription, List<InstanceCaption> instances,
                                String background, String camera) {

    /** One main instance. */
    public record InstanceCaption(String label, String appearance, String actions, String position) {
        public InstanceCaption {
            requireText("Class", label);
            requireText("Appearance", appearance);
            requireText("Actions and Motion", actions);
            requireText("Position", position);
        }
    }

    public StructuredCaption {
        requireText("Video", video);
        requireText("Global Description", globalDescription);
        requireText("Background Detail", background);
        requireText("Camera Movement", camera);
        instances = List.copyOf(instances);
    }

    private static void requireText(String field, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(field + " must not be empty");
        }
    }

    /** The record as the InstanceVid format has it. */
    public ObjectNode toJson() {
        ObjectNode root = Json.mapper().createObjectNode();
        root.put("Video", video);
        root.put("Global Description", globalDescription);
        ObjectNode structured = root.putObject("Structured Description");
        ObjectNode main = structured.putObject("Main Instance");
        for (int i = 0; i < instances.size(); i++) {
            InstanceCaption c = instances.get(i);
            ObjectNode node = main.putObject("No." + i);
            node.put("Class", c.label());
            node.put("Appearance", c.appearance());
            node.put("Actions and Motion", c.actions());
            node.put("Position", c.position());
        }
        structured.put("Background Detail", background);
        structured.put("Camera Movement", camera);
        return root;
    }

    /**
     * Reads a record; besides "Structured Description" it accepts the "Structural Description" that
     * the authors' code writes.
     */
    public static StructuredCaption fromJson(JsonNode root) {
        JsonNode structured = root.has("Structured Description") ? root.get("Structured Description") : root.get("Structural Description");
        if (structured == null) {
            throw new InstanceCapException("caption record has no Structured Description");
        }
        List<InstanceCaption> instances = new ArrayList<>();
        JsonNode main = structured.path("Main Instance");
        for (Iterator<Map.Entry<String, JsonNode>> it = main.fields(); it.hasNext(); ) {
            JsonNode node = it.next().getValue();
            instances.add(new InstanceCaption(node.path("Class").asText(), node.path("Appearance").asText(),
                    node.path("Actions and Motion").asText(), node.path("Position").asText()));
        }
        return new StructuredCaption(root.path("Video").asText(), root.path("Global Description").asText(), instances,
                structured.path("Background Detail").asText(), structured.path("Camera Movement").asText());
    }
}
