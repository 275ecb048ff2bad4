package org.instancecap.vision.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.instancecap.core.detect.Box;
import org.instancecap.core.detect.Detection;
import org.junit.jupiter.api.Test;

/** The model's output rows into detections, without the model. */
class TfjsCenterNetPostprocessingTest {

    private static final List<String> LABELS = List.of("person", "bicycle", "car");

    @Test
    void rows_above_the_floor_become_detections_in_frame_pixels_best_first() {
        float[] rows = {
                10, 20, 110, 220, 0.30f, 2,
                0, 0, 51.2f, 51.2f, 0.90f, 0,
                5, 5, 6, 6, 0.05f, 1,
                1, 1, 2, 2, 0.50f, Float.NaN,
                1, 1, 2, 2, 0.50f, 3};
        List<Detection> found = TfjsCenterNetDetector.candidates(rows, new SquarePadding(1024, 512, 512), LABELS, 0.1);
        assertThat(found).containsExactly(
                new Detection("person", 0.9f, new Box(0, 0, 102.4f, 102.4f)),
                new Detection("car", 0.3f, new Box(20, 40, 220, 440)));
    }

    @Test
    void boxes_entirely_in_the_padding_are_dropped() {
        float[] rows = {10, 300, 50, 400, 0.8f, 0};
        assertThat(TfjsCenterNetDetector.candidates(rows, new SquarePadding(1024, 512, 512), LABELS, 0.1)).isEmpty();
    }

    @Test
    void overlapping_boxes_of_one_class_keep_the_best() {
        List<Detection> sorted = List.of(
                new Detection("person", 0.9, new Box(0, 0, 100, 100)),
                new Detection("person", 0.8, new Box(10, 0, 110, 100)),
                new Detection("person", 0.7, new Box(200, 0, 300, 100)));
        assertThat(NonMaxSuppression.perClass(sorted, TfjsCenterNetDetector.NMS_IOU)).extracting(Detection::score).containsExactly(0.9, 0.7);
    }

    @Test
    void one_spot_seen_as_two_classes_keeps_the_best_class_but_distinct_objects_stay() {
        List<Detection> sorted = List.of(
                new Detection("car", 0.5, new Box(0, 0, 100, 100)),
                new Detection("truck", 0.4, new Box(0, 0, 100, 98)),
                new Detection("dog", 0.3, new Box(20, 20, 90, 100)));
        assertThat(NonMaxSuppression.perClass(sorted, TfjsCenterNetDetector.NMS_IOU)).hasSize(3);
        assertThat(NonMaxSuppression.suppress(sorted, TfjsCenterNetDetector.NMS_IOU, TfjsCenterNetDetector.NMS_IOU_ACROSS_CLASSES))
                .extracting(Detection::label).containsExactly("car", "dog");
    }
}
