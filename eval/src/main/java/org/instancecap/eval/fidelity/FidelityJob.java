package org.instancecap.eval.fidelity;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.instancecap.core.InstanceCapException;
import org.instancecap.core.io.BadLine;
import org.instancecap.core.json.Json;
import org.instancecap.core.pipeline.VideoPipeline;
import org.instancecap.core.run.BatchItem;
import org.instancecap.core.run.BatchJob;
import org.instancecap.core.run.BatchRunner;
import org.instancecap.core.run.StageFailure;
import org.instancecap.core.video.FrameSampling;
import org.instancecap.core.video.RgbImage;
import org.instancecap.core.video.SampledFrame;
import org.instancecap.core.video.VideoReadException;
import org.instancecap.core.video.VideoReader;

/**
 * The caption-fidelity measurements as a batch job: for each pair, CLIP sentence by sentence of the
 * caption on one of the two videos and/or the 3DVAE distance between them; one result line each.
 */
public final class FidelityJob implements BatchJob<FidelityPair, String> {
    public static final String RESULTS = "results";
    public static final String ERRORS = "errors";

    /** Which video the caption's sentences are scored on. */
    public enum ClipVideo { REGENERATED, ORIGINAL }

    private final VideoReader reader;
    private final ClipModel clip;
    private final ClipVideo clipVideo;
    private final int clipFrames;
    private final CaptionSentences sentences;
    private final VaeEncoder vae;

    /**
     * @param clip       null for no CLIP score
     * @param clipFrames frames sampled uniformly for CLIP (8 in the paper)
     * @param vae        null for no 3DVAE score
     */
    public FidelityJob(VideoReader reader, ClipModel clip, ClipVideo clipVideo, int clipFrames, CaptionSentences sentences, VaeEncoder vae) {
        if (clip == null && vae == null) {
            throw new IllegalArgumentException("give a CLIP model or a VAE encoder, or both");
        }
        this.reader = reader;
        this.clip = clip;
        this.clipVideo = clipVideo;
        this.clipFrames = clipFrames;
        this.sentences = sentences;
        this.vae = vae;
    }

    /**
     * The items of the run, each known by its name; the caption lines that cannot be read go to
     * {@code bad} in the first of the runner's two passes only.
     */
    public static BatchRunner.Inputs<FidelityPair> inputs(Path originals, Path regenerated, Path captions, Consumer<BadLine> bad) {
        boolean[] told = new boolean[1];
        return action -> {
            boolean tell = !told[0];
            told[0] = true;
            FidelityPairs.forEach(originals, regenerated, captions,
                    pair -> action.accept(new BatchItem<>(pair.name(), "video:" + pair.name(), pair)), line -> {
                        if (tell) {
                            bad.accept(line);
                        }
                    });
        };
    }

    @Override
    public String prepare(BatchItem<FidelityPair> item) {
        FidelityPair pair = item.input();
        if (pair.problem() != null) {
            throw new StageFailure("match", new InstanceCapException(pair.problem()));
        }
        ObjectNode result = Json.mapper().createObjectNode();
        result.put("video", pair.name());
        result.put("original", pair.original().toString());
        result.put("regenerated", pair.regenerated().toString());
        int needed = Math.max(clip != null ? clipFrames : 0, vae != null ? vae.frames() : 0);
        List<RgbImage> original = frames(pair.original(), needed);
        List<RgbImage> regenerated = frames(pair.regenerated(), needed);
        if (clip != null) {
            if (!pair.hasCaption()) {
                throw new StageFailure("caption", new InstanceCapException("no caption for " + pair.name()));
            }
            List<String> text;
            try {
                text = pair.record() != null ? sentences.ofRecord(pair.record()) : sentences.ofText(pair.text());
            } catch (RuntimeException e) {
                throw new StageFailure("caption", e);
            }
            List<RgbImage> scored = clipVideo == ClipVideo.ORIGINAL ? original : regenerated;
            SentenceScore.Result score;
            try {
                score = SentenceScore.score(clip, uniform(scored, clipFrames), text);
            } catch (RuntimeException e) {
                throw new StageFailure("clip", e);
            }
            ObjectNode node = result.putObject("clip");
            node.put("video", clipVideo.name().toLowerCase());
            node.put("mean", score.mean());
            node.put("frames", Math.min(clipFrames, scored.size()));
            node.put("truncated", score.truncated());
            ArrayNode list = node.putArray("sentences");
            for (SentenceScore.Sentence s : score.sentences()) {
                ObjectNode one = list.addObject();
                one.put("text", s.text());
                one.put("score", s.score());
                one.put("tokens", s.tokens());
                one.put("truncated", s.truncated());
            }
        }
        if (vae != null) {
            try {
                VaeEncoder.Latent a = vae.encode(uniform(original, vae.frames()));
                VaeEncoder.Latent b = vae.encode(uniform(regenerated, vae.frames()));
                ObjectNode node = result.putObject("vae");
                node.put("distance", vae.distance(a, b));
                ArrayNode shape = node.putArray("latentShape");
                for (long d : a.shape()) {
                    shape.add(d);
                }
            } catch (RuntimeException e) {
                throw new StageFailure("vae", e);
            }
        }
        return Json.line(result);
    }

    /** {@code count} frames sampled uniformly, decoded once. */
    private List<RgbImage> frames(Path file, int count) {
        try {
            return reader.sample(file, count).frames().stream().map(SampledFrame::image).toList();
        } catch (VideoReadException e) {
            throw new StageFailure("decode", e);
        }
    }

    /** {@code count} of {@code frames} spread evenly (all of them when there are fewer). */
    private static List<RgbImage> uniform(List<RgbImage> frames, int count) {
        if (frames.size() <= count) {
            return frames;
        }
        int[] picks = FrameSampling.uniformIndices(frames.size(), count);
        return Arrays.stream(picks).mapToObj(frames::get).toList();
    }

    @Override
    public Map<String, List<String>> finish(BatchItem<FidelityPair> item, String line) {
        return Map.of(RESULTS, List.of(line));
    }

    @Override
    public String failureRecord(BatchItem<FidelityPair> item, StageFailure failure) {
        ObjectNode error = Json.mapper().createObjectNode();
        error.put("video", item.id());
        error.put("stage", failure.stage());
        error.put("reason", VideoPipeline.reason(failure.getCause()));
        return Json.line(error);
    }

    @Override
    public String firstStage() {
        return "measure";
    }
}
