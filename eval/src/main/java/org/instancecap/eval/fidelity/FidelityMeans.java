package org.instancecap.eval.fidelity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.instancecap.core.json.Json;

/**
 * The means over a run's result lines, all of them (this run's and the earlier ones' it resumed):
 * CLIP as the mean over videos of each video's mean over its sentences, and the 3DVAE distance as the
 * mean over pairs.
 */
public record FidelityMeans(int clipVideos, double clipMean, int sentences, int truncated, int vaePairs, double vaeMean) {

    public static FidelityMeans of(List<String> lines) {
        int clipVideos = 0;
        double clipSum = 0;
        int sentences = 0;
        int truncated = 0;
        int vaePairs = 0;
        double vaeSum = 0;
        for (String line : lines) {
            if (line.isBlank()) {
                continue;
            }
            JsonNode result;
            try {
                result = Json.mapper().readTree(line);
            } catch (IOException e) {
                continue; // a torn line: the journal repairs the file on the next run
            }
            JsonNode clip = result.path("clip");
            if (clip.path("mean").isNumber()) {
                clipVideos++;
                clipSum += clip.path("mean").asDouble();
                sentences += clip.path("sentences").size();
                truncated += clip.path("truncated").asInt();
            }
            JsonNode vae = result.path("vae");
            if (vae.path("distance").isNumber()) {
                vaePairs++;
                vaeSum += vae.path("distance").asDouble();
            }
        }
        return new FidelityMeans(clipVideos, clipVideos > 0 ? clipSum / clipVideos : Double.NaN, sentences, truncated, vaePairs,
                vaePairs > 0 ? vaeSum / vaePairs : Double.NaN);
    }

    public static FidelityMeans of(Path results) {
        if (!Files.isRegularFile(results)) {
            return of(List.of());
        }
        try {
            return of(Files.readAllLines(results, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the results " + results, e);
        }
    }

    /** The means as the summary's {@code clip} and {@code vae} objects (absent for a metric with no result). */
    public ObjectNode toJson() {
        ObjectNode out = Json.mapper().createObjectNode();
        if (clipVideos > 0) {
            ObjectNode clip = out.putObject("clip");
            clip.put("mean", clipMean);
            clip.put("videos", clipVideos);
            clip.put("sentences", sentences);
            clip.put("truncatedSentences", truncated);
        }
        if (vaePairs > 0) {
            ObjectNode vae = out.putObject("vae");
            vae.put("mean", vaeMean);
            vae.put("pairs", vaePairs);
        }
        return out;
    }

    /** The means in words, one line per metric. */
    public List<String> lines() {
        List<String> out = new ArrayList<>();
        if (clipVideos > 0) {
            out.add(String.format(Locale.ROOT, "CLIP sentence by sentence: %.4f over %d videos (%d sentences, %d cut to fit the context)",
                    clipMean, clipVideos, sentences, truncated));
        }
        if (vaePairs > 0) {
            out.add(String.format(Locale.ROOT, "3DVAE distance: %.2f over %d pairs (lower is closer)", vaeMean, vaePairs));
        }
        return out;
    }
}
