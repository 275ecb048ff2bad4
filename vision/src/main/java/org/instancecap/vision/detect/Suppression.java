package org.instancecap.vision.detect;

import java.util.ArrayList;
import java.util.List;
import org.instancecap.core.detect.Detection;

/** Non-maximum suppression of detections that carry one class each. */
final class Suppression {

    private Suppression() {
    }

    /**
     * Greedy non-maximum suppression: a detection goes when a better one of its class overlaps it more
     * than {@code sameClass}, or one of another class more than {@code acrossClasses}.
     *
     * @param sorted highest score first
     */
    static List<Detection> suppress(List<Detection> sorted, double sameClass, double acrossClasses) {
        List<Detection> kept = new ArrayList<>();
        for (Detection d : sorted) {
            boolean duplicate = false;
            for (Detection k : kept) {
                double iou = k.box().iou(d.box());
                if (iou > acrossClasses || iou > sameClass && k.label().equals(d.label())) {
                    duplicate = true;
                    break;
                }
            }
            if (!duplicate) {
                kept.add(d);
            }
        }
        return kept;
    }
}
