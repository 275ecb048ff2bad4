package org.instancecap.core.spec;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import java.util.stream.Collectors;
import org.instancecap.core.amc.AmcSettings;
import org.instancecap.core.detect.DetectorOptions;
import org.instancecap.core.json.Json;

/**
 * Everything that decides what a run computes, as one serialisable value: which stage
 * implementations by name, their model files, and their settings. Built by the CLI from its
 * options, or read from JSON by a cluster job; {@link org.instancecap.core.stage.Stages} builds the
 * stages from it. Holds no secret: an API key is named by its environment variable only.
 *
 * @param reader    the video decoder's name ({@code javacv})
 * @param cluster   sampling and instance picking
 * @param detector  the detector and the instance threshold
 * @param segmenter the mask backend
 * @param tracker   the box tracker's name ({@code opencv})
 * @param camera    the camera motion estimator's name ({@code opencv})
 * @param people    the people analysis's name ({@code movenet}: pose, clothing, actions and face of
 *                  each person; {@code none})
 * @param captioner the captioner, and its server
 */
public record RunSpec(String reader, ClusterSpec cluster, DetectorOptions detector, SegmenterSpec segmenter, String tracker,
                      String camera, String people, CaptionerSpec captioner) {
    public static final RunSpec DEFAULT = new RunSpec("javacv", ClusterSpec.DEFAULT, DetectorOptions.of("centernet"),
            SegmenterSpec.DEFAULT, "opencv", "opencv", "movenet", CaptionerSpec.OFFLINE);

    public RunSpec {
        required("reader", reader);
        required("cluster", cluster);
        required("detector", detector);
        required("segmenter", segmenter);
        required("tracker", tracker);
        required("camera", camera);
        required("people", people);
        required("captioner", captioner);
    }

    /** The default run with these parts, the stages of the other parts by their default names. */
    public static RunSpec of(ClusterSpec cluster, DetectorOptions detector, SegmenterSpec segmenter, CaptionerSpec captioner) {
        return new RunSpec(DEFAULT.reader, cluster, detector, segmenter, DEFAULT.tracker, DEFAULT.camera, DEFAULT.people, captioner);
    }

    public RunSpec withCaptioner(CaptionerSpec captioner) {
        return new RunSpec(reader, cluster, detector, segmenter, tracker, camera, people, captioner);
    }

    public RunSpec withPeople(String name) {
        return new RunSpec(reader, cluster, detector, segmenter, tracker, camera, name, captioner);
    }

    /**
     * The cluster's settings as records and summaries show them: the threshold is the detector's
     * (null for its calibrated one).
     */
    public AmcSettings amcSettings() {
        return new AmcSettings(cluster.frames(), cluster.maxInstances(), detector.backend(), detector.threshold(), cluster.allFrames(),
                segmenter.name(), cluster.cameraWidth());
    }

    /** One line of JSON; {@link #fromJson} reads it back equal. */
    public String toJson() {
        return Json.line(this);
    }

    /**
     * Reads a spec written by {@link #toJson} or by hand: what it leaves out is {@link #DEFAULT}'s, so
     * {@code {"captioner": {...}}} is the default run with that captioner.
     *
     * @throws IllegalArgumentException naming the field at fault by its path, as in
     *                                  {@code captioner.llm.url must be an http(s) URL, got "ftp://x"} or
     *                                  {@code unknown field 'cluster.frame'}
     */
    public static RunSpec fromJson(String json) {
        try {
            JsonNode given = Json.mapper().readTree(json);
            if (!(given instanceof ObjectNode fields)) {
                throw new IllegalArgumentException("not a run spec: not a JSON object");
            }
            return Json.mapper().treeToValue(withDefaults(Json.mapper().valueToTree(DEFAULT), fields), RunSpec.class);
        } catch (UnrecognizedPropertyException e) {
            throw new IllegalArgumentException("unknown field '" + path(e) + "'", e);
        } catch (JsonMappingException e) {
            if (e.getCause() instanceof IllegalArgumentException invalid) {
                String where = path(e);
                throw new IllegalArgumentException(where.isEmpty() ? invalid.getMessage() : where + "." + invalid.getMessage(), invalid);
            }
            String where = path(e);
            throw new IllegalArgumentException("not a run spec" + (where.isEmpty() ? "" : " at '" + where + "'") + ": "
                    + e.getOriginalMessage(), e);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a run spec: " + e.getOriginalMessage(), e);
        }
    }

    /** {@code defaults} with each field {@code given} has put over it, objects field by field. */
    private static ObjectNode withDefaults(ObjectNode defaults, ObjectNode given) {
        given.fields().forEachRemaining(field -> {
            JsonNode under = defaults.get(field.getKey());
            if (under instanceof ObjectNode object && field.getValue() instanceof ObjectNode more) {
                withDefaults(object, more);
            } else {
                defaults.set(field.getKey(), field.getValue());
            }
        });
        return defaults;
    }

    private static void required(String field, Object value) {
        if (value == null || value instanceof String name && name.isBlank()) {
            throw new IllegalArgumentException(field + " must be given, got " + (value == null ? null : "\"" + value + "\""));
        }
    }

    private static String path(JsonMappingException e) {
        return e.getPath().stream().map(r -> r.getFieldName() != null ? r.getFieldName() : String.valueOf(r.getIndex()))
                .collect(Collectors.joining("."));
    }
}
