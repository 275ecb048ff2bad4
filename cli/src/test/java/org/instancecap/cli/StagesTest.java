package org.instancecap.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.instancecap.core.amc.VideoAnalysis;
import org.instancecap.core.caption.Captioner;
import org.instancecap.core.detect.Box;
import org.instancecap.core.detect.DetectorOptions;
import org.instancecap.core.detect.ObjectDetectorProvider;
import org.instancecap.core.llm.TokenTally;
import org.instancecap.core.segment.Mask;
import org.instancecap.core.spec.CaptionerSpec;
import org.instancecap.core.spec.ClusterSpec;
import org.instancecap.core.spec.LlmSpec;
import org.instancecap.core.spec.RunSpec;
import org.instancecap.core.spec.SegmenterSpec;
import org.instancecap.core.stage.BuiltInModels;
import org.instancecap.core.stage.CameraEstimatorProvider;
import org.instancecap.core.stage.CaptionerProvider;
import org.instancecap.core.stage.Providers;
import org.instancecap.core.stage.SegmenterProvider;
import org.instancecap.core.stage.StageProvider;
import org.instancecap.core.stage.Stages;
import org.instancecap.core.stage.TrackerProvider;
import org.instancecap.core.stage.VideoReaderProvider;
import org.instancecap.core.video.RgbImage;
import org.instancecap.vision.segment.OnnxSamSegmenter;
import org.instancecap.vision.segment.TinySam;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The stages the modules register, built by name from a spec, on tiny models that need no download. */
class StagesTest {

    @TempDir
    Path dir;

    @Test
    void every_stage_is_found_by_name_among_the_modules_providers() {
        assertThat(names(VideoReaderProvider.class)).containsExactly("javacv");
        assertThat(names(SegmenterProvider.class)).containsExactly("box", "grabcut", "sam");
        assertThat(names(TrackerProvider.class)).containsExactly("opencv");
        assertThat(names(CameraEstimatorProvider.class)).containsExactly("opencv");
        assertThat(names(CaptionerProvider.class)).containsExactly("mllm", "offline");
        assertThat(names(ObjectDetectorProvider.class)).containsExactly("centernet", "nanodet", "onnx");
        assertThat(Providers.find(SegmenterProvider.class, "segmenter", "sam").name()).isEqualTo("sam");
    }

    @Test
    void an_unknown_name_is_refused_with_the_names_there_are() throws Exception {
        RunSpec spec = RunSpec.DEFAULT.withCaptioner(new CaptionerSpec("gpt", null));
        assertThatThrownBy(() -> new Stages(spec, new TokenTally())).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown captioner 'gpt'; available: mllm, offline");

        Path video = TinyModels.clip(dir.resolve("clip.mkv"), 4);
        Cli cli = Cli.run("amc", video.toString(), "--segmenter", "x");
        assertThat(cli.exitCode()).isEqualTo(2);
        assertThat(cli.err()).contains("unknown segmenter 'x'; available: box, grabcut, sam");
    }

    @Test
    void setup_fetches_what_the_detector_providers_have_built_in() {
        assertThat(Providers.all(ObjectDetectorProvider.class).stream().filter(p -> p.builtInModels().isPresent())
                .map(StageProvider::name)).containsExactly("centernet", "nanodet");

        Cli cli = Cli.run("setup", "--detector", "onnx");
        assertThat(cli.exitCode()).isEqualTo(2);
        assertThat(cli.err()).contains("no built-in model for detector 'onnx'; built in: centernet, nanodet");
    }

    @Test
    void setup_says_where_the_providers_models_are() {
        BuiltInModels centernet = Providers.find(ObjectDetectorProvider.class, "detector", "centernet").builtInModels().orElseThrow();
        assumeTrue(centernet.present(), "the built-in detector model is not in the cache (setup would fetch it), skipping");

        Cli cli = Cli.run("setup", "--people", "none");

        assertThat(cli.exitCode()).as(cli.err()).isZero();
        assertThat(cli.outLines()).containsExactly("centernet: models already in " + centernet.ensure());
    }

    @Test
    void offline_stages_from_a_spec_analyse_and_caption_a_clip() throws Exception {
        Path video = TinyModels.clip(dir.resolve("clip.mkv"), 4);
        RunSpec spec = RunSpec.of(ClusterSpec.DEFAULT, new DetectorOptions("onnx", TinyModels.detector(dir), null, 0.6),
                SegmenterSpec.of("box"), CaptionerSpec.OFFLINE);

        try (Stages stages = new Stages(RunSpec.fromJson(spec.toJson()), new TokenTally()).load()) {
            VideoAnalysis analysis = stages.cluster().analyse(video);
            Captioner captioner = stages.captioner();

            assertThat(analysis.result().instances()).extracting(i -> i.label()).containsExactly("person", "dog");
            assertThat(analysis.result().settings()).isEqualTo(spec.amcSettings());
            assertThat(analysis.result().settings().instanceThreshold()).isEqualTo(0.6);
            assertThat(captioner.name()).isEqualTo("offline");
            assertThat(captioner.caption(analysis).toJson().get("Structured Description").get("Main Instance").size()).isEqualTo(2);
            assertThat(stages.reader().probe(video).frameCount()).isEqualTo(16);
        }
    }

    @Test
    void the_mllm_captioner_is_built_from_the_spec_with_the_server_model_in_its_name() {
        RunSpec spec = RunSpec.DEFAULT.withCaptioner(CaptionerSpec.mllm(new LlmSpec("http://127.0.0.1:9/v1", "tiny-vl", null, 5, 64, 0,
                64, 0, 2)));
        try (Stages stages = new Stages(spec, new TokenTally())) {
            assertThat(stages.captioner().name()).isEqualTo("mllm:tiny-vl");
        }
    }

    @Test
    void two_threads_segmenting_different_frames_with_the_sam_stage_get_the_masks_of_one_thread() throws Exception {
        RunSpec spec = RunSpec.of(ClusterSpec.DEFAULT, DetectorOptions.of("onnx"),
                new SegmenterSpec("sam", TinySam.encoder(dir), TinySam.decoder(dir)), CaptionerSpec.OFFLINE);
        Box box = new Box(10, 10, 60, 50);
        int rounds = 300;
        try (Stages stages = new Stages(spec, new TokenTally())) {
            Mask bright = stages.segmenter().segment(TinySam.frame(TinyModels.WIDTH, TinyModels.HEIGHT, true), box, "person");
            Mask dark = stages.segmenter().segment(TinySam.frame(TinyModels.WIDTH, TinyModels.HEIGHT, false), box, "person");
            assertThat(bright.area()).isEqualTo(TinyModels.WIDTH * TinyModels.HEIGHT);
            assertThat(dark.area()).isZero();

            ExecutorService pool = Executors.newFixedThreadPool(2);
            try {
                List<Future<List<Mask>>> results = new ArrayList<>();
                for (boolean first : new boolean[] {true, false}) {
                    Callable<List<Mask>> work = () -> {
                        List<Mask> masks = new ArrayList<>();
                        for (int r = 0; r < rounds; r++) {
                            // a new frame each round, so that each call encodes
                            RgbImage frame = TinySam.frame(TinyModels.WIDTH, TinyModels.HEIGHT, first == (r % 2 == 0));
                            masks.add(stages.segmenter().segment(frame, box, "person"));
                        }
                        return masks;
                    };
                    results.add(pool.submit(work));
                }
                for (int t = 0; t < 2; t++) {
                    List<Mask> masks = results.get(t).get();
                    for (int r = 0; r < rounds; r++) {
                        assertThat(masks.get(r).bits()).as("thread %d round %d", t, r)
                                .isEqualTo(((t == 0) == (r % 2 == 0) ? bright : dark).bits());
                    }
                }
            } finally {
                pool.shutdownNow();
            }
            assertThat(stages.segmenter()).isInstanceOf(OnnxSamSegmenter.class);
        }
    }

    private static List<String> names(Class<? extends StageProvider> type) {
        return Providers.all(type).stream().map(StageProvider::name).toList();
    }
}
