package org.instancecap.vision.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.instancecap.core.detect.Box;
import org.instancecap.core.detect.Detection;
import org.junit.jupiter.api.Test;

class NonMaxSuppressionTest {

    private static Detection person(double score, double x1, double x2) {
        return new Detection("person", score, new Box(x1, 0, x2, 100));
    }

    @Test
    void an_overlapping_worse_box_of_the_same_class_goes_and_the_order_stays() {
        Detection best = person(0.9, 0, 100);
        Detection twin = person(0.8, 10, 110);
        Detection apart = person(0.7, 200, 300);
        assertThat(NonMaxSuppression.perClass(List.of(best, twin, apart), 0.5)).containsExactly(best, apart);
    }

    @Test
    void an_overlap_equal_to_the_threshold_is_kept() {
        Detection best = person(0.9, 0, 100);
        Detection third = person(0.8, 50, 150);   // IoU 50 / 150
        assertThat(NonMaxSuppression.perClass(List.of(best, third), 1.0 / 3)).containsExactly(best, third);
        assertThat(NonMaxSuppression.perClass(List.of(best, third), 0.3)).containsExactly(best);
    }

    @Test
    void a_suppressed_box_does_not_suppress_others() {
        Detection a = person(0.9, 0, 100);
        Detection b = person(0.8, 40, 140);   // IoU with a: 60 / 140, suppressed
        Detection c = person(0.7, 80, 180);   // IoU with a: 20 / 180, with b: 60 / 140
        assertThat(NonMaxSuppression.perClass(List.of(a, b, c), 0.4)).containsExactly(a, c);
    }

    @Test
    void other_classes_go_only_beyond_the_across_classes_threshold() {
        Detection car = new Detection("car", 0.5, new Box(0, 0, 100, 100));
        Detection truck = new Detection("truck", 0.4, new Box(0, 0, 100, 98));
        Detection dog = new Detection("dog", 0.3, new Box(20, 20, 90, 100));
        List<Detection> sorted = List.of(car, truck, dog);

        assertThat(NonMaxSuppression.perClass(sorted, 0.5)).containsExactly(car, truck, dog);
        assertThat(NonMaxSuppression.suppress(sorted, 0.5, 0.8)).containsExactly(car, dog);
    }

    @Test
    void any_item_with_a_box_and_a_class() {
        record Raw(int classIndex, Box box) {
        }
        Raw first = new Raw(0, new Box(0, 0, 10, 10));
        Raw sameSpotOtherClass = new Raw(1, new Box(0, 0, 10, 10));
        Raw sameSpotSameClass = new Raw(0, new Box(0, 0, 10, 9));
        assertThat(NonMaxSuppression.perClass(List.of(first, sameSpotOtherClass, sameSpotSameClass), Raw::box, Raw::classIndex, 0.5))
                .containsExactly(first, sameSpotOtherClass);
    }

    @Test
    void nothing_in_nothing_out() {
        assertThat(NonMaxSuppression.suppress(List.of(), 0.5, 0.8)).isEmpty();
    }
}
