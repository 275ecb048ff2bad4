package org.instancecap.vision.detect;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import org.instancecap.core.detect.Box;
import org.instancecap.core.detect.Detection;

/**
 * Greedy non-maximum suppression, the one the detectors share: going down a list sorted best
 * first, an item goes when an item kept before it overlaps it (IoU) more than {@code sameClass}
 * and has its class, or more than {@code acrossClasses} whatever its class. The kept items stay in
 * their order.
 */
final class NonMaxSuppression {

    private NonMaxSuppression() {
    }

    /** Suppression within each class only. */
    static List<Detection> perClass(List<Detection> sorted, double sameClass) {
        return suppress(sorted, sameClass, Double.POSITIVE_INFINITY);
    }

    /** Suppression of detections, their class being their label. */
    static List<Detection> suppress(List<Detection> sorted, double sameClass, double acrossClasses) {
        return suppress(sorted, Detection::box, Detection::label, sameClass, acrossClasses);
    }

    /** Suppression within each class only, of items that are not detections yet. */
    static <T> List<T> perClass(List<T> sorted, Function<? super T, Box> box, Function<? super T, ?> classOf,
                                double sameClass) {
        return suppress(sorted, box, classOf, sameClass, Double.POSITIVE_INFINITY);
    }

    /**
     * @param sorted  best first
     * @param box     where an item is
     * @param classOf what an item is; items of equal classes suppress each other from {@code sameClass}
     */
    static <T> List<T> suppress(List<T> sorted, Function<? super T, Box> box, Function<? super T, ?> classOf,
                                double sameClass, double acrossClasses) {
        List<T> kept = new ArrayList<>();
        List<Box> keptBoxes = new ArrayList<>();
        for (T item : sorted) {
            Box b = box.apply(item);
            boolean duplicate = false;
            for (int k = 0; k < kept.size() && !duplicate; k++) {
                double iou = keptBoxes.get(k).iou(b);
                duplicate = iou > acrossClasses
                        || iou > sameClass && Objects.equals(classOf.apply(kept.get(k)), classOf.apply(item));
            }
            if (!duplicate) {
                kept.add(item);
                keptBoxes.add(b);
            }
        }
        return kept;
    }
}
