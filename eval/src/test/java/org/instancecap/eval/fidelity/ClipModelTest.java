package org.instancecap.eval.fidelity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.instancecap.core.InstanceCapException;
import org.instancecap.core.video.RgbImage;
import org.instancecap.vision.onnx.TinyOnnx;
import org.instancecap.vision.video.SyntheticVideos;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CLIP path on tiny towers whose outputs are known: pixels, tokens, embeddings, normalisation, averaging. */
class ClipModelTest {
    private static final double[] HELLO = {1, 1, 0};   // start + hello</w> + end (+ padding rows, all 0)
    private static final double[] A_CAT = {1, 0, 1};   // start + a</w> + cat</w> + end

    @TempDir
    Path dir;

    private ClipModel open(Object imageBatch, Object textBatch) throws IOException {
        return ClipModel.open(TinyClip.image(dir.resolve("image.onnx"), imageBatch), TinyClip.text(dir.resolve("text.onnx"), textBatch),
                ClipTokenizerTest.writeOpenAi(dir.resolve("bpe.txt")));
    }

    @Test
    void embeddings_are_the_towers_outputs_l2_normalised() throws IOException {
        try (ClipModel clip = open("batch", "batch")) {
            assertThat(clip.imageSize()).isEqualTo(4);
            assertThat(clip.context()).isEqualTo(77);
            float[] image = clip.embedImages(List.of(SyntheticVideos.flat(9, 6, 200, 30, 90))).get(0);
            double[] expected = TinyClip.flatEmbedding(200, 30, 90);
            double norm = Math.sqrt(expected[0] * expected[0] + expected[1] * expected[1] + expected[2] * expected[2]);
            for (int c = 0; c < 3; c++) {
                assertThat((double) image[c]).isCloseTo(expected[c] / norm, within(1e-5));
            }
            List<ClipModel.TextEmbedding> texts = clip.embedTexts(List.of("Hello.", "A cat"));
            assertThat(texts.get(0).vector()).containsExactly(new float[] {(float) (1 / Math.sqrt(2)), (float) (1 / Math.sqrt(2)), 0},
                    org.assertj.core.data.Offset.offset(1e-6f));
            assertThat(texts.get(1).vector()).containsExactly(new float[] {(float) (1 / Math.sqrt(2)), 0, (float) (1 / Math.sqrt(2))},
                    org.assertj.core.data.Offset.offset(1e-6f));
            assertThat(texts.get(1).tokens()).isEqualTo(4);
        }
    }

    @Test
    void a_sentence_scores_the_mean_over_frames_and_a_video_the_mean_over_sentences() throws IOException {
        List<RgbImage> frames = List.of(SyntheticVideos.flat(8, 8, 200, 30, 90), SyntheticVideos.flat(8, 8, 20, 220, 140),
                SyntheticVideos.flat(8, 8, 120, 120, 250));
        double[][] images = {TinyClip.flatEmbedding(200, 30, 90), TinyClip.flatEmbedding(20, 220, 140), TinyClip.flatEmbedding(120, 120, 250)};
        double hello = 0;
        double cat = 0;
        for (double[] image : images) {
            hello += TinyClip.cosine(image, HELLO) / 3;
            cat += TinyClip.cosine(image, A_CAT) / 3;
        }
        for (Object batch : List.of("batch", 1)) { // a dynamic batch runs all at once, a batch of 1 one by one: the same numbers
            try (ClipModel clip = open(batch, batch)) {
                SentenceScore.Result result = SentenceScore.score(clip, frames, List.of("hello", "a cat"));
                assertThat(result.sentences()).hasSize(2);
                assertThat(result.sentences().get(0).score()).as("batch %s", batch).isCloseTo(hello, within(1e-5));
                assertThat(result.sentences().get(1).score()).isCloseTo(cat, within(1e-5));
                assertThat(result.mean()).isCloseTo((hello + cat) / 2, within(1e-5));
                assertThat(result.truncated()).isZero();
            }
        }
        assertThat(hello).isNotCloseTo(cat, within(0.01)); // the two sentences are told apart
    }

    @Test
    void long_sentences_are_cut_and_counted() throws IOException {
        try (ClipModel clip = open("batch", "batch")) {
            SentenceScore.Result result = SentenceScore.score(clip, List.of(SyntheticVideos.flat(4, 4, 10, 20, 30)),
                    List.of("hello", "a ".repeat(100) + "cat"));
            assertThat(result.truncated()).isEqualTo(1);
            assertThat(result.sentences().get(1).truncated()).isTrue();
            assertThat(result.sentences().get(1).tokens()).isEqualTo(77);
            // cut before "cat": start + 75 x a</w> (rows 0) + end: the embedding is the end row alone
            double expected = TinyClip.cosine(TinyClip.flatEmbedding(10, 20, 30), new double[] {1, 0, 0});
            assertThat(result.sentences().get(1).score()).isCloseTo(expected, within(1e-5));
        }
    }

    @Test
    void an_attention_mask_marks_the_tokens() throws IOException {
        try (ClipModel clip = ClipModel.open(TinyClip.image(dir.resolve("image.onnx"), "batch"), TinyClip.textWithMask(dir.resolve("text.onnx")),
                ClipTokenizerTest.writeOpenAi(dir.resolve("bpe.txt")))) {
            float[] v = clip.embedTexts(List.of("hello a cat")).get(0).vector(); // 5 tokens: (5, 0, 72)
            double norm = Math.sqrt(5 * 5 + 72 * 72);
            assertThat((double) v[0]).isCloseTo(5 / norm, within(1e-6));
            assertThat((double) v[2]).isCloseTo(72 / norm, within(1e-6));
        }
    }

    @Test
    void models_of_the_wrong_shape_are_named_with_the_input_and_the_shape_expected() throws IOException {
        Path bpe = ClipTokenizerTest.writeOpenAi(dir.resolve("bpe.txt"));
        Path text = TinyClip.text(dir.resolve("text.onnx"), "batch");
        Path grey = new TinyOnnx().input("pixels", TinyOnnx.FLOAT, "batch", 1, 4, 4)
                .identity("pixels", "out", TinyOnnx.FLOAT, "batch", 1, 4, 4).write(dir.resolve("grey.onnx"));
        assertThatThrownBy(() -> ClipModel.open(grey, text, bpe)).isInstanceOf(InstanceCapException.class)
                .hasMessageContaining("CLIP image model").hasMessageContaining("input 'pixels' is ?x1x4x4 float")
                .hasMessageContaining("expected [batch, 3, size, size] float").hasMessageContaining("grey.onnx");
        Path image = TinyClip.image(dir.resolve("image.onnx"), "batch");
        Path floats = new TinyOnnx().input("tokens", TinyOnnx.FLOAT, "batch", 77)
                .identity("tokens", "out", TinyOnnx.FLOAT, "batch", 77).write(dir.resolve("floats.onnx"));
        assertThatThrownBy(() -> ClipModel.open(image, floats, bpe)).isInstanceOf(InstanceCapException.class)
                .hasMessageContaining("CLIP text model").hasMessageContaining("input 'tokens' is ?x77 float")
                .hasMessageContaining("expected input_ids [batch, context] int64").hasMessageContaining("floats.onnx");
        // an image tower that keeps the picture: the output is not [batch, dim]
        Path spatial = new TinyOnnx().input("pixel_values", TinyOnnx.FLOAT, "batch", 3, 4, 4)
                .identity("pixel_values", "image_embeds", TinyOnnx.FLOAT, "batch", 3, 4, 4).write(dir.resolve("spatial.onnx"));
        try (ClipModel clip = ClipModel.open(spatial, text, bpe)) {
            assertThatThrownBy(() -> clip.embedImages(List.of(SyntheticVideos.flat(4, 4, 1, 2, 3)))).isInstanceOf(InstanceCapException.class)
                    .hasMessageContaining("output 'image_embeds' is 1x3x4x4").hasMessageContaining("expected [batch, dim]")
                    .hasMessageContaining("spatial.onnx");
        }
        assertThatThrownBy(() -> ClipModel.open(dir.resolve("missing.onnx"), text, bpe)).isInstanceOf(InstanceCapException.class)
                .hasMessageContaining("not found").hasMessageContaining("missing.onnx");
    }
}
