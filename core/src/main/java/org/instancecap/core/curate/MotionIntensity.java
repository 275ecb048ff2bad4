package org.instancecap.core.curate;

import java.util.List;
import org.instancecap.core.amc.AmcResult;
import org.instancecap.core.amc.Instance;
import org.instancecap.core.detect.Box;

/**
 * How much the instances of a clip move: for each instance, the length of the path its box centre
 * takes through the sampled frames where it is seen, as a share of the frame's diagonal, per second
 * between the first and the last of those frames; the clip's intensity is its most moving instance's.
 * 0.05 means crossing a twentieth of the diagonal each second. An instance seen once does not count.
 */
public final class MotionIntensity {
    private MotionIntensity() {
    }

    public static double of(AmcResult result) {
        double diagonal = Math.hypot(result.info().width(), result.info().height());
        double most = 0;
        for (Instance instance : result.instances()) {
            most = Math.max(most, of(instance, result.frames(), diagonal));
        }
        return most;
    }

    private static double of(Instance instance, List<AmcResult.FrameRef> frames, double diagonal) {
        double path = 0;
        Box previous = null;
        int first = -1;
        int last = -1;
        for (int f = 0; f < instance.boxes().size(); f++) {
            Box box = instance.boxes().get(f);
            if (box == null) {
                continue;
            }
            if (previous != null) {
                path += Math.hypot(box.centerX() - previous.centerX(), box.centerY() - previous.centerY());
            }
            previous = box;
            first = first < 0 ? f : first;
            last = f;
        }
        if (first < 0 || first == last) {
            return 0;
        }
        double seconds = frames.get(last).timeSeconds() - frames.get(first).timeSeconds();
        return seconds <= 0 ? 0 : path / diagonal / seconds;
    }
}
