package org.instancecap.core.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.instancecap.core.caption.StructuredCaption;
import org.instancecap.core.caption.StructuredCaption.InstanceCaption;
import org.junit.jupiter.api.Test;

class DatasetStatisticsTest {

    private static StructuredCaption caption(String... classes) {
        List<InstanceCaption> instances = java.util.Arrays.stream(classes)
                .map(c -> new InstanceCaption(c, "red and shiny", "runs to the left", c + " stays at center-middle."))
                .toList();
        return new StructuredCaption("v.mp4", "One two three four.", instances, "A grey wall.", "The camera stays still.");
    }

    @Test
    void durations_fall_into_the_papers_bins_with_closed_upper_edges() {
        assertThat(DatasetStatistics.durationBin(0)).isEqualTo("0-4 s");
        assertThat(DatasetStatistics.durationBin(4.0)).isEqualTo("0-4 s");
        assertThat(DatasetStatistics.durationBin(4.01)).isEqualTo("4-6 s");
        assertThat(DatasetStatistics.durationBin(10)).isEqualTo("8-10 s");
        assertThat(DatasetStatistics.durationBin(30)).isEqualTo("20-30 s");
        assertThat(DatasetStatistics.durationBin(30.5)).isEqualTo("30+ s");
    }

    @Test
    void counts_classes_instances_cameras_and_lengths() {
        DatasetStatistics stats = new DatasetStatistics();
        stats.add(caption("person", "dog"), 3.0, "static");
        stats.add(caption("Person"), 9.5, "pan_left");
        stats.add(caption(), null, null);

        assertThat(stats.videos()).isEqualTo(3);
        assertThat(stats.durations()).containsEntry("0-4 s", 1).containsEntry("8-10 s", 1).containsEntry("unknown", 1)
                .containsEntry("4-6 s", 0);
        assertThat(stats.classes()).containsExactly(java.util.Map.entry("person", 2), java.util.Map.entry("dog", 1));
        assertThat(stats.instancesPerClip()).containsExactly(java.util.Map.entry("0", 1), java.util.Map.entry("1", 1),
                java.util.Map.entry("2", 1));
        assertThat(stats.cameraLabels()).containsEntry("static", 1).containsEntry("pan_left", 1).containsEntry("unknown", 1);
        // 4 + 3 + 4 words of global, background and camera, and 3 + 4 + 4 words per instance
        assertThat(DatasetStatistics.wordCount(caption())).isEqualTo(11);
        assertThat(DatasetStatistics.wordCount(caption("dog"))).isEqualTo(22);
        assertThat(stats.meanWords()).isCloseTo((33 + 22 + 11) / 3.0, org.assertj.core.api.Assertions.within(1e-9));
        assertThat(stats.captionLengths()).containsEntry("0-49 words", 3);
    }
}
