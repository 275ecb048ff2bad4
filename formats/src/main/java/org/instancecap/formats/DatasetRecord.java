package org.instancecap.formats;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.instancecap.core.InstanceCapException;
import org.instancecap.core.caption.StructuredCaption;

/**
 * One caption record as the typed row of a dataset: the caption's fields, and, when the record was
 * written with {@code caption --with-amc}, the video's facts, the cluster's measurements and the
 * provenance. What a record does not have is null (an empty list for the lists).
 *
 * @param caption   the structured caption ({@code Video} is its id)
 * @param video     the probe of the file, or null
 * @param camera    the camera measurements, or null
 * @param frames    the sampled frames (index among the decoded frames, time)
 * @param measured  per main instance, in the caption's order, the detector's findings; empty when unknown
 * @param provenance what wrote the record, or null
 * @param paragraph the rendered paragraph for a text-to-video target, or null
 */
public record DatasetRecord(StructuredCaption caption, Video video, Camera camera, List<Frame> frames,
                            List<Measured> measured, Provenance provenance, String paragraph) {

    public record Video(String path, Double durationSeconds, Double fps, Integer width, Integer height, Long frameCount) {
    }

    public record Camera(String label, Double speed, Double zoom, Double rotation, Double jitter, String adverb) {
    }

    public record Frame(int index, double timeSeconds) {
    }

    /** A box in displayed-frame pixels. */
    public record Box(double x1, double y1, double x2, double y2) {
    }

    /** The detector's score, and per sampled frame the box and grid cell (null where out of frame). */
    public record Measured(Double score, List<Box> boxes, List<String> regions) {
        public Measured {
            boxes = java.util.Collections.unmodifiableList(new ArrayList<>(boxes));
            regions = java.util.Collections.unmodifiableList(new ArrayList<>(regions));
        }
    }

    public record Provenance(String tool, String captioner, String detector, Double instanceThreshold, Double amcSeconds,
                             Double captionSeconds, List<String> fallbacks, Long promptTokens, Long completionTokens) {
        public Provenance {
            fallbacks = List.copyOf(fallbacks);
        }
    }

    public DatasetRecord {
        frames = List.copyOf(frames);
        measured = List.copyOf(measured);
        if (!measured.isEmpty() && measured.size() != caption.instances().size()) {
            throw new IllegalArgumentException("measured instances must match the caption's " + caption.instances().size()
                    + ", got " + measured.size());
        }
    }

    /** The id of the video: the record's {@code Video}. */
    public String id() {
        return caption.video();
    }

    /**
     * Reads a caption record (a line of {@code caption}'s JSON Lines); throws {@link InstanceCapException}
     * saying what is wrong when it is not one.
     */
    public static DatasetRecord of(ObjectNode record, String paragraph) {
        StructuredCaption caption;
        try {
            caption = StructuredCaption.fromJson(record);
        } catch (IllegalArgumentException e) {
            throw new InstanceCapException("not a caption record: " + e.getMessage(), e);
        }
        JsonNode amc = record.path("amc");
        JsonNode info = amc.path("info");
        Video video = info.isObject() ? new Video(text(info, "path"), number(info, "durationSeconds"), number(info, "fps"),
                integer(info, "width"), integer(info, "height"), whole(info, "frameCount")) : null;
        JsonNode cam = amc.path("camera");
        Camera camera = cam.isObject() ? new Camera(text(cam, "label"), number(cam, "speed"), number(cam, "zoom"),
                number(cam, "rotation"), number(cam, "jitter"), text(cam, "adverb")) : null;
        List<Frame> frames = new ArrayList<>();
        for (JsonNode f : amc.path("frames")) {
            frames.add(new Frame(f.path("index").asInt(), f.path("timeSeconds").asDouble()));
        }
        List<Measured> measured = new ArrayList<>();
        JsonNode instances = amc.path("instances");
        // the caption's No.i is the cluster's i-th instance; a record edited by hand may not line up
        if (instances.isArray() && instances.size() == caption.instances().size()) {
            for (JsonNode i : instances) {
                List<Box> boxes = new ArrayList<>();
                for (JsonNode b : i.path("boxes")) {
                    boxes.add(b.isObject() ? new Box(b.path("x1").asDouble(), b.path("y1").asDouble(),
                            b.path("x2").asDouble(), b.path("y2").asDouble()) : null);
                }
                List<String> regions = new ArrayList<>();
                for (JsonNode r : i.path("regions")) {
                    regions.add(r.isTextual() ? r.asText() : null);
                }
                measured.add(new Measured(number(i, "score"), boxes, regions));
            }
        }
        JsonNode p = record.path("provenance");
        Provenance provenance = null;
        if (p.isObject()) {
            List<String> fallbacks = new ArrayList<>();
            p.path("fallbacks").forEach(f -> fallbacks.add(f.asText()));
            provenance = new Provenance(text(p, "tool"), text(p, "captioner"), text(p, "detector"),
                    number(p, "instanceThreshold"), number(p, "amcSeconds"), number(p, "captionSeconds"), fallbacks,
                    whole(p.path("tokens"), "prompt"), whole(p.path("tokens"), "completion"));
        }
        return new DatasetRecord(caption, video, camera, frames, measured, provenance, paragraph);
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static Double number(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v != null && v.isNumber() ? v.asDouble() : null;
    }

    private static Integer integer(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v != null && v.canConvertToInt() && v.isIntegralNumber() ? v.asInt() : null;
    }

    private static Long whole(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v != null && v.isIntegralNumber() ? v.asLong() : null;
    }
}
