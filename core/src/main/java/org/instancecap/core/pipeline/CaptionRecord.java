package org.instancecap.core.pipeline;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.instancecap.core.amc.VideoAnalysis;
import org.instancecap.core.caption.Captioner;
import org.instancecap.core.json.Json;

/**
 * The InstanceVid record of one video: the caption's fields, with {@code amc} (the cluster's
 * measurements) and {@code provenance} (what wrote it, how long it took) when asked for; the
 * fields that fell back to the offline captioner and the server's token counts are in
 * {@code provenance} always, since they say how far the caption is the model's.
 */
public final class CaptionRecord {
    private CaptionRecord() {
    }

    /**
     * @param tool       {@code instancecap <version>}
     * @param captioner  the captioner's name ({@code offline}, {@code mllm:<model>})
     * @param analyses   the captioner's own analyses ({@link Captioner#analyses()}); the people
     *                   analysis's are added when it measured a person
     * @param withAmc    whether to add {@code amc} and the full provenance
     */
    public static ObjectNode of(Captioner.Captioned captioned, VideoAnalysis analysis, String tool, String captioner,
                                java.util.List<String> analyses, boolean withAmc, double amcSeconds, double captionSeconds) {
        ObjectNode record = captioned.caption().toJson();
        if (withAmc) {
            ObjectNode amc = Json.mapper().valueToTree(analysis.result());
            if (!analysis.people().facts().isEmpty()) {
                amc.set("people", Json.mapper().valueToTree(analysis.people().facts()));
            }
            record.set("amc", amc);
            ObjectNode provenance = record.putObject("provenance");
            provenance.put("tool", tool);
            provenance.put("captioner", captioner);
            java.util.List<String> ran = new java.util.ArrayList<>(analyses);
            if (!analysis.people().facts().isEmpty()) {
                analysis.people().analyses().stream().filter(a -> !ran.contains(a)).forEach(ran::add);
            }
            if (!ran.isEmpty()) {
                provenance.set("analyses", Json.mapper().valueToTree(ran));
            }
            provenance.put("detector", analysis.result().settings().detector());
            provenance.put("instanceThreshold", analysis.result().settings().instanceThreshold());
            provenance.put("amcSeconds", amcSeconds);
            provenance.put("captionSeconds", captionSeconds);
        }
        if (!captioned.fallbacks().isEmpty()) {
            provenance(record).set("fallbacks", Json.mapper().valueToTree(captioned.fallbacks()));
        }
        if (captioned.tokens() != null) {
            provenance(record).set("tokens", Json.mapper().valueToTree(captioned.tokens()));
        }
        return record;
    }

    private static ObjectNode provenance(ObjectNode record) {
        return record.has("provenance") ? (ObjectNode) record.get("provenance") : record.putObject("provenance");
    }

    /**
     * The JSON lines of records or error rows, each without what differs between two runs of the
     * same inputs (the seconds, the tool that ran), sorted by {@code key} ({@code Video}, {@code video}):
     * what to compare to tell whether two runs, or two runners, wrote the same records.
     */
    public static java.util.List<String> comparable(java.util.List<String> lines, String key) throws java.io.IOException {
        java.util.List<com.fasterxml.jackson.databind.JsonNode> records = new java.util.ArrayList<>();
        for (String line : lines) {
            com.fasterxml.jackson.databind.JsonNode record = Json.mapper().readTree(line);
            if (record.get("provenance") instanceof ObjectNode provenance) {
                provenance.remove(java.util.List.of("amcSeconds", "captionSeconds", "tool"));
            }
            records.add(record);
        }
        records.sort(java.util.Comparator.comparing(r -> r.path(key).asText()));
        return records.stream().map(Json::line).toList();
    }

    /** The record of a video that failed: {@code {"video":…,"stage":…,"reason":…}}. */
    public static ObjectNode failure(String video, String stage, String reason) {
        ObjectNode error = Json.mapper().createObjectNode();
        error.put("video", video);
        error.put("stage", stage);
        error.put("reason", reason);
        return error;
    }
}
