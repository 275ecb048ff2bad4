package org.instancecap.vision.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.instancecap.core.detect.Box;
import org.instancecap.core.detect.Detection;
import org.junit.jupiter.api.Test;

/** The head's outputs into detections, without the model. */
class TfjsNanoDetPostprocessingTest {

    private static final List<String> LABELS = List.of("person", "bicycle", "car");
    private static final int BINS = 11;

    /** Logits whose softmax puts (almost) all weight on {@code bin}. */
    private static void peak(float[] distances, int offset, int bin) {
        for (int b = 0; b < BINS; b++) {
            distances[offset + b] = b == bin ? 30 : 0;
        }
    }

    @Test
    void the_distance_of_a_side_is_the_mean_of_its_distribution() {
        float[] flat = new float[BINS];
        assertThat(TfjsNanoDetDetector.expectation(flat, 0, BINS)).isCloseTo(5.0, within(1e-9));
        float[] twoBins = new float[BINS + 2];
        twoBins[2 + 3] = 50;
        twoBins[2 + 4] = 50;
        assertThat(TfjsNanoDetDetector.expectation(twoBins, 2, BINS)).isCloseTo(3.5, within(1e-9));
        float[] huge = new float[BINS];
        huge[10] = 1e6f;
        assertThat(TfjsNanoDetDetector.expectation(huge, 0, BINS)).as("no overflow").isCloseTo(10.0, within(1e-9));
    }

    @Test
    void cells_above_the_floor_become_boxes_around_their_centre_in_frame_pixels() {
        // a 4 x 4 grid of stride 8 on a 32-pixel input; the frame is 64 x 32, so frame = 2 x input
        TfjsNanoDetDetector.Level level = new TfjsNanoDetDetector.Level("s", "d", 4, 8, BINS);
        float[] scores = new float[16 * LABELS.size()];
        float[] distances = new float[16 * 4 * BINS];
        int cell = 1 * 4 + 2;                        // column 2, row 1: centre (20, 12)
        scores[cell * 3 + 2] = 0.7f;                 // car
        scores[cell * 3] = 0.2f;                     // person, same box
        scores[5 * 3 + 1] = 0.05f;                   // under the floor
        int o = cell * 4 * BINS;
        peak(distances, o, 1);                       // left 8
        peak(distances, o + BINS, 1);                // top 8
        peak(distances, o + 2 * BINS, 0);            // right 0
        peak(distances, o + 3 * BINS, 2);            // bottom 16 (into the padding: clipped)
        List<Detection> found = TfjsNanoDetDetector.candidates(scores, distances, level, new SquarePadding(64, 32, 32), LABELS, 0.1);
        assertThat(found).hasSize(2);
        Detection car = found.stream().filter(d -> d.label().equals("car")).findFirst().orElseThrow();
        assertThat(car.score()).isCloseTo(0.7, within(1e-6));
        assertThat(car.box().x1()).isCloseTo(24, within(1e-6));
        assertThat(car.box().y1()).isCloseTo(8, within(1e-6));
        assertThat(car.box().x2()).isCloseTo(40, within(1e-6));
        assertThat(car.box().y2()).isCloseTo(32, within(1e-6));
        assertThat(found).extracting(Detection::box).containsOnly(car.box());
    }

    @Test
    void the_input_is_bgr_planes_less_the_mean_over_the_deviation() {
        float[] rgb = {123.675f, 116.28f, 103.53f, 255, 0, 0};
        float[] planes = new float[6];
        TfjsNanoDetDetector.normalize(rgb, planes);
        // plane B: pixels 0 and 1; plane G; plane R
        assertThat(planes[0]).isCloseTo(0, within(1e-5f));
        assertThat(planes[1]).isCloseTo(-103.53f / 57.375f, within(1e-5f));
        assertThat(planes[2]).isCloseTo(0, within(1e-5f));
        assertThat(planes[3]).isCloseTo(-116.28f / 57.12f, within(1e-5f));
        assertThat(planes[4]).isCloseTo(0, within(1e-5f));
        assertThat(planes[5]).isCloseTo((255 - 123.675f) / 58.395f, within(1e-5f));
    }

    @Test
    void one_cell_seen_as_two_classes_keeps_the_best_class() {
        List<Detection> sorted = List.of(
                new Detection("car", 0.5, new Box(0, 0, 100, 100)),
                new Detection("person", 0.4, new Box(0, 0, 100, 100)),
                new Detection("car", 0.3, new Box(30, 0, 130, 100)),
                new Detection("car", 0.2, new Box(0, 0, 100, 90)));
        assertThat(NonMaxSuppression.suppress(sorted, TfjsNanoDetDetector.NMS_IOU, TfjsNanoDetDetector.NMS_IOU_ACROSS_CLASSES))
                .extracting(Detection::score).containsExactly(0.5, 0.3);
    }
}
