package org.instancecap.eval.fidelity;

import java.util.ArrayList;
import java.util.List;
import org.instancecap.core.InstanceCapException;
import org.instancecap.core.video.RgbImage;

/**
 * CLIP sentence by sentence for one video: for each sentence the mean over the frames of the cosine
 * similarity between the frame's and the sentence's embeddings; the video's score is the mean over
 * its sentences. Sentences longer than the text model's context are cut to fit and counted.
 */
public final class SentenceScore {

    /** One sentence's score, its token count (start and end included, after any cut) and whether it was cut. */
    public record Sentence(String text, double score, int tokens, boolean truncated) {
    }

    /** A video's scores: per sentence, their mean, and how many sentences were cut. */
    public record Result(List<Sentence> sentences, double mean, int truncated) {
        public Result {
            sentences = List.copyOf(sentences);
        }
    }

    private SentenceScore() {
    }

    public static Result score(ClipModel model, List<RgbImage> frames, List<String> sentences) {
        if (frames.isEmpty()) {
            throw new InstanceCapException("no frames to score");
        }
        if (sentences.isEmpty()) {
            throw new InstanceCapException("the caption has no sentences");
        }
        List<float[]> images = model.embedImages(frames);
        List<ClipModel.TextEmbedding> texts = model.embedTexts(sentences);
        List<Sentence> out = new ArrayList<>();
        double total = 0;
        int truncated = 0;
        for (int s = 0; s < sentences.size(); s++) {
            ClipModel.TextEmbedding text = texts.get(s);
            double sum = 0;
            for (float[] image : images) {
                sum += cosine(image, text.vector());
            }
            double score = sum / images.size();
            out.add(new Sentence(sentences.get(s), score, text.tokens(), text.truncated()));
            total += score;
            truncated += text.truncated() ? 1 : 0;
        }
        return new Result(out, total / sentences.size(), truncated);
    }

    /** The cosine of two unit vectors: their dot product. */
    static double cosine(float[] a, float[] b) {
        if (a.length != b.length) {
            throw new InstanceCapException("the CLIP image and text models disagree on the embedding size: " + a.length + " and " + b.length);
        }
        double dot = 0;
        for (int i = 0; i < a.length; i++) {
            dot += (double) a[i] * b[i];
        }
        return dot;
    }
}
