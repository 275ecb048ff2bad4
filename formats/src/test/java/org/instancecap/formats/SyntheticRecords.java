package org.instancecap.formats;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.instancecap.core.json.Json;

/**
 * Caption records shaped like {@code caption --with-amc}'s, varied by their number: with and without
 * the cluster's measurements, none to three instances, boxes out of frame, fallbacks, token counts,
 * non-ASCII text.
 */
final class SyntheticRecords {
    private static final String[] CLASSES = {"person", "dog", "car", "bicycle", "cup"};
    private static final String[] CAMERAS = {"static", "pan_left", "zoom_in", "tilt_up+pan_right", "Undetermined"};

    private SyntheticRecords() {
    }

    static ObjectNode record(int i) {
        Random random = new Random(i);
        ObjectNode r = Json.mapper().createObjectNode();
        String video = "clips/clip_" + i + (i % 7 == 3 ? "_café" : "") + ".mp4";
        r.put("Video", video);
        r.put("Global Description", "Clip " + i + ": a scene of " + CLASSES[i % CLASSES.length] + "s, filmed in daylight.");
        ObjectNode structured = r.putObject("Structured Description");
        ObjectNode main = structured.putObject("Main Instance");
        int instances = i % 4;
        for (int k = 0; k < instances; k++) {
            ObjectNode n = main.putObject("No." + k);
            n.put("Class", CLASSES[(i + k) % CLASSES.length]);
            n.put("Appearance", "Instance " + k + " of clip " + i + " is mostly grey. It fills a third of the frame.");
            n.put("Actions and Motion", "It moves to the right, \"quickly\".");
            n.put("Position", CLASSES[(i + k) % CLASSES.length] + " moves from left to middle.");
        }
        structured.put("Background Detail", "The background is a street, evenly lit.");
        structured.put("Camera Movement", "The camera " + (i % 2 == 0 ? "stays still." : "pans left slowly."));
        if (i % 5 == 4) {
            return r; // a record written without --with-amc
        }
        ObjectNode amc = r.putObject("amc");
        amc.put("video", video);
        ObjectNode info = amc.putObject("info");
        info.put("path", video);
        info.put("durationSeconds", 1 + random.nextDouble() * 40);
        info.put("fps", i % 3 == 0 ? 30000.0 / 1001 : 25.0);
        info.put("frameCount", 50 + i);
        info.put("width", 640);
        info.put("height", 360);
        ArrayNode frames = amc.putArray("frames");
        for (int f = 0; f < 8; f++) {
            frames.addObject().put("index", f * 6).put("timeSeconds", f * 0.24);
        }
        ObjectNode camera = amc.putObject("camera");
        camera.put("label", CAMERAS[i % CAMERAS.length]);
        camera.put("speed", random.nextDouble());
        camera.put("zoom", 1 + random.nextDouble() / 10);
        camera.put("rotation", random.nextDouble() - 0.5);
        camera.put("jitter", random.nextDouble() / 100);
        camera.put("adverb", i % 2 == 0 ? "" : "slowly");
        ArrayNode list = amc.putArray("instances");
        for (int k = 0; k < instances; k++) {
            ObjectNode n = list.addObject();
            n.put("id", k);
            n.put("class", CLASSES[(i + k) % CLASSES.length]);
            n.put("score", 0.35 + random.nextDouble() / 2);
            ArrayNode boxes = n.putArray("boxes");
            ArrayNode regions = n.putArray("regions");
            for (int f = 0; f < 8; f++) {
                if (f == 5 && k == 1) {
                    boxes.addNull();
                    regions.addNull();
                } else {
                    double x = random.nextDouble() * 300;
                    boxes.addObject().put("x1", x).put("y1", 10.5).put("x2", x + 100).put("y2", 200.25);
                    regions.add("middle-left");
                }
            }
            n.put("position", CLASSES[(i + k) % CLASSES.length] + " moves from left to middle.");
        }
        amc.putObject("settings").put("frames", 8).put("detector", "centernet");
        ObjectNode provenance = r.putObject("provenance");
        provenance.put("tool", "instancecap 0.1.0-SNAPSHOT");
        provenance.put("captioner", i % 3 == 0 ? "mllm:qwen2-vl" : "offline");
        provenance.put("detector", "centernet");
        provenance.put("instanceThreshold", 0.35);
        provenance.put("amcSeconds", random.nextDouble() * 3);
        provenance.put("captionSeconds", random.nextDouble());
        if (i % 3 == 0) {
            provenance.putArray("fallbacks").add("Background Detail");
            provenance.putObject("tokens").put("prompt", 1000L + i).put("completion", 200L + i);
        }
        return r;
    }

    /** Writes records 0 to {@code count - 1} as JSON Lines. */
    static void write(Path file, int count) throws IOException {
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (int i = 0; i < count; i++) {
                out.write(Json.line(record(i)));
                out.write('\n');
            }
        }
    }
}
