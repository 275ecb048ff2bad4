package org.instancecap.core.stage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.instancecap.core.amc.AuxiliaryModelCluster;
import org.instancecap.core.detect.DetectorOptions;
import org.instancecap.core.llm.TokenTally;
import org.instancecap.core.segment.InstanceSegmenter;
import org.instancecap.core.spec.CaptionerSpec;
import org.instancecap.core.spec.ClusterSpec;
import org.instancecap.core.spec.LlmSpec;
import org.instancecap.core.spec.RunSpec;
import org.instancecap.core.spec.SegmenterSpec;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The factory's contract on the fake stages of {@link FakeStages}: what it builds, for which thread, and how it closes. */
class StagesTest {

    @BeforeEach
    void clearEvents() {
        FakeStages.EVENTS.clear();
    }

    private static RunSpec spec(String segmenter) {
        return new RunSpec("fake", ClusterSpec.DEFAULT, DetectorOptions.of("fake"), SegmenterSpec.of(segmenter), "fake", "fake", "none",
                new CaptionerSpec("fake", null));
    }

    @Test
    void nothing_is_built_before_it_is_asked_for_and_the_segmenter_comes_before_the_detector() {
        try (Stages stages = new Stages(spec("fake"), new TokenTally())) {
            assertThat(FakeStages.EVENTS).isEmpty();
            stages.load();
            assertThat(FakeStages.EVENTS).containsExactly("build captioner", "build segmenter", "build detector");
        }
    }

    @Test
    void each_thread_gets_its_own_segmenter_and_cluster_when_the_segmenter_is_not_thread_safe() throws Exception {
        try (Stages stages = new Stages(spec("fake"), new TokenTally()).load()) {
            AuxiliaryModelCluster mine = stages.cluster();
            InstanceSegmenter mySegmenter = stages.segmenter();
            ExecutorService otherThread = Executors.newSingleThreadExecutor();
            InstanceSegmenter other = otherThread.submit(stages::segmenter).get();
            AuxiliaryModelCluster otherCluster = otherThread.submit(stages::cluster).get();
            otherThread.shutdown();

            assertThat(stages.cluster()).isSameAs(mine);
            assertThat(stages.segmenter()).isSameAs(mySegmenter);
            assertThat(other).isNotSameAs(mySegmenter);
            assertThat(otherCluster).isNotSameAs(mine);
            // the one built by load() went to the first thread; one more for the other; the detector once
            assertThat(FakeStages.EVENTS).containsExactly("build captioner", "build segmenter", "build detector", "build reader",
                    "build tracker",
                    "build segmenter", "build tracker");
        }
    }

    @Test
    void a_thread_safe_segmenter_serves_every_thread() throws Exception {
        try (Stages stages = new Stages(spec("fake-shared"), new TokenTally()).load()) {
            InstanceSegmenter mine = stages.segmenter();

            assertThat(CompletableFuture.supplyAsync(stages::segmenter).get()).isSameAs(mine);
            assertThat(FakeStages.EVENTS).filteredOn("build segmenter"::equals).hasSize(1);
        }
    }

    @Test
    void the_captioner_is_one_for_the_run() throws Exception {
        try (Stages stages = new Stages(spec("fake"), new TokenTally())) {
            assertThat(CompletableFuture.supplyAsync(stages::captioner).get()).isSameAs(stages.captioner());
        }
    }

    @Test
    void close_closes_the_captioner_then_the_segmenters_then_the_detector() throws Exception {
        Stages stages = new Stages(spec("fake"), new TokenTally()).load();
        stages.captioner();
        stages.cluster();
        CompletableFuture.runAsync(stages::cluster).get();
        FakeStages.EVENTS.clear();

        stages.close();
        stages.close();

        assertThat(FakeStages.EVENTS).containsExactly("close captioner", "close segmenter", "close segmenter", "close detector");
        assertThatThrownBy(stages::cluster).isInstanceOf(IllegalStateException.class).hasMessage("the stages are closed");
    }

    @Test
    void every_stage_is_closed_when_closes_throw_and_the_first_failure_carries_the_others() {
        RunSpec failing = new RunSpec("fake", ClusterSpec.DEFAULT, new DetectorOptions("fake", Path.of("failing"), null, null),
                SegmenterSpec.of("fake-failing"), "fake", "fake", "none",
                new CaptionerSpec("fake", new LlmSpec("http://localhost/v1", "m", null, 1, 1, 0, 16, 0, 1)));
        Stages stages = new Stages(failing, new TokenTally()).load();
        stages.captioner();
        FakeStages.EVENTS.clear();

        assertThatThrownBy(stages::close)
                .hasMessage("cannot close captioner")
                .satisfies(e -> assertThat(e.getSuppressed()).extracting(Throwable::getMessage)
                        .containsExactly("cannot close segmenter", "cannot close detector"));
        assertThat(FakeStages.EVENTS).containsExactly("close captioner", "close segmenter", "close detector");
    }

    @Test
    void an_unknown_name_lists_the_names_there_are() {
        RunSpec unknown = new RunSpec("fake", ClusterSpec.DEFAULT, DetectorOptions.of("fake"), SegmenterSpec.of("x"), "fake", "fake", "none",
                new CaptionerSpec("fake", null));

        assertThatThrownBy(() -> new Stages(unknown, new TokenTally()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown segmenter 'x'; available: fake, fake-failing, fake-shared");
        assertThat(FakeStages.EVENTS).isEmpty();
    }
}
