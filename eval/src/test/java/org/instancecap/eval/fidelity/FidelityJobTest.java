package org.instancecap.eval.fidelity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.instancecap.core.json.Json;
import org.instancecap.core.run.BatchItem;
import org.instancecap.core.run.StageFailure;
import org.instancecap.vision.video.JavaCvVideoReader;
import org.instancecap.vision.video.SyntheticVideos;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The job on real decoded videos: which video CLIP scores, and failures with their stage. */
class FidelityJobTest {

    @TempDir
    Path dir;

    private Path video(String name, int r, int g, int b) throws Exception {
        return SyntheticVideos.write(dir.resolve(name), SyntheticVideos.Kind.FFV1_MKV, 12, 10, 12, 12,
                k -> SyntheticVideos.flat(12, 10, r, g, b));
    }

    private static BatchItem<FidelityPair> item(FidelityPair pair) {
        return new BatchItem<>(pair.name(), "video:" + pair.name(), pair);
    }

    @Test
    void clip_scores_the_video_asked_for_and_the_vae_compares_the_two() throws Exception {
        Path original = video("a.mkv", 200, 30, 90);
        Path regenerated = video("a-regen.mkv", 20, 220, 140);
        FidelityPair pair = new FidelityPair("a.mkv", original, regenerated, null, "A cat.", null);
        CaptionSentences sentences = new CaptionSentences(List::of);
        try (ClipModel clip = ClipModel.open(TinyClip.image(dir.resolve("i.onnx"), "batch"), TinyClip.text(dir.resolve("t.onnx"), "batch"),
                ClipTokenizerTest.writeOpenAi(dir.resolve("bpe.txt")));
             VaeEncoder vae = VaeEncoder.open(TinyClip.vae(dir.resolve("v.onnx")))) {
            double[] cat = {1, 0, 1};
            for (FidelityJob.ClipVideo which : FidelityJob.ClipVideo.values()) {
                FidelityJob job = new FidelityJob(new JavaCvVideoReader(), clip, which, 8, sentences, vae);
                JsonNode result = Json.mapper().readTree(job.prepare(item(pair)));
                double[] colour = which == FidelityJob.ClipVideo.ORIGINAL ? TinyClip.flatEmbedding(200, 30, 90) : TinyClip.flatEmbedding(20, 220, 140);
                assertThat(result.path("clip").path("video").asText()).isEqualTo(which.name().toLowerCase());
                assertThat(result.path("clip").path("mean").asDouble()).as(which.name()).isCloseTo(TinyClip.cosine(colour, cat), within(1e-5));
                double vaeExpected = 2 * Math.sqrt(8 * 16 * (180.0 * 180 + 190.0 * 190 + 50.0 * 50)) / 127.5;
                assertThat(result.path("vae").path("distance").asDouble()).isCloseTo(vaeExpected, within(1e-3));
            }
        }
    }

    @Test
    void a_missing_or_broken_video_fails_in_its_stage() throws Exception {
        try (VaeEncoder vae = VaeEncoder.open(TinyClip.vae(dir.resolve("v.onnx")))) {
            FidelityJob job = new FidelityJob(new JavaCvVideoReader(), null, FidelityJob.ClipVideo.REGENERATED, 8, null, vae);
            assertThatThrownBy(() -> job.prepare(item(FidelityPair.missing("x.mp4", "no regenerated video named x.mp4 in r"))))
                    .isInstanceOf(StageFailure.class).hasMessage("no regenerated video named x.mp4 in r")
                    .extracting(e -> ((StageFailure) e).stage()).isEqualTo("match");
            Path broken = Files.writeString(dir.resolve("broken.mp4"), "not a video");
            FidelityPair pair = new FidelityPair("broken.mp4", video("ok.mkv", 1, 2, 3), broken, null, null, null);
            assertThatThrownBy(() -> job.prepare(item(pair))).isInstanceOf(StageFailure.class)
                    .extracting(e -> ((StageFailure) e).stage()).isEqualTo("decode");
            String record = job.failureRecord(item(pair), new StageFailure("decode", new IllegalStateException("x")));
            assertThat(Json.mapper().readTree(record).path("video").asText()).isEqualTo("broken.mp4");
        }
    }
}
