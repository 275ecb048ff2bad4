package org.instancecap.vision.detect;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.instancecap.core.detect.Box;
import org.instancecap.core.detect.Detection;
import org.instancecap.core.video.RgbImage;

/**
 * A second, closer look at small detections, for detectors that see the frame shrunk to a small square.
 *
 * <p>At a few hundred pixels small blobs are ambiguous: a white cloud on blue sky scores as a bird, a
 * dark patch at the frame's edge as a kite. A detection whose box is small against the frame (a window
 * {@value #CONTEXT} times its size is at most {@value #MAX_SHARE} of the frame's longer side) and whose
 * score reaches {@value #FROM} of the instance threshold is detected again in that window, which the
 * network sees at least twice as large; it keeps the score and box found there for its class, or is
 * dropped when the close look does not find it. Real objects hold or gain while look-alikes collapse.
 * One close look serves every small detection inside its window; each costs one more run of the
 * network, at most {@value #MAX_LOOKS} per frame.
 */
final class CloseLooks {

    /**
     * Small detections from this share of the instance threshold up get a close look: those that are,
     * or after a closer look could be, instances.
     */
    static final double FROM = 0.8;
    /** The close look's window side, in multiples of the box's longer side. */
    static final double CONTEXT = 3;
    /** The smallest close-look window, in frame pixels: tinier boxes are not blown up further. */
    static final int MIN_WINDOW = 128;
    /** A close look is taken when its window is at most this share of the frame's longer side. */
    static final double MAX_SHARE = 0.5;
    /** A close-look detection of the same class overlapping the first box this much is the same object. */
    static final double SAME_OBJECT_IOU = 0.3;
    /**
     * At most this many extra runs per frame; small detections left over when the runs are spent keep
     * their first score.
     */
    static final int MAX_LOOKS = 2;

    /** One run of the network over a window of the frame: its detections in frame pixels, best first. */
    @FunctionalInterface
    interface Pass {
        List<Detection> run(SquarePadding window);
    }

    private CloseLooks() {
    }

    /**
     * {@code found} (best first) with each small detection replaced by what a close look finds, or
     * dropped; best first, not suppressed.
     *
     * @param inputSize the side of the network's square input
     */
    static List<Detection> refine(RgbImage image, List<Detection> found, double threshold, int inputSize, Pass pass) {
        double maxWindow = MAX_SHARE * Math.max(image.width(), image.height());
        List<Detection> checked = new ArrayList<>(found.size());
        List<Look> looks = new ArrayList<>();
        for (Detection d : found) {
            double side = Math.max(MIN_WINDOW, CONTEXT * Math.max(d.box().width(), d.box().height()));
            if (d.score() < FROM * threshold || side > maxWindow) {
                checked.add(d);
                continue;
            }
            Look look = looks.stream().filter(l -> l.covers(d.box())).findFirst().orElse(null);
            if (look == null && looks.size() < MAX_LOOKS) {
                SquarePadding.Window window = SquarePadding.Window.around(d.box(), side, image.width(), image.height());
                look = new Look(window, pass.run(new SquarePadding(image.width(), image.height(), window, inputSize)));
                looks.add(look);
            }
            if (look == null) {
                checked.add(d);
            } else {
                look.find(d).ifPresent(checked::add);
            }
        }
        checked.sort((a, b) -> Double.compare(b.score(), a.score()));
        return checked;
    }

    /** What the network found in a window around a small detection. */
    private record Look(SquarePadding.Window window, List<Detection> found) {

        boolean covers(Box box) {
            return box.x1() >= window.x() && box.y1() >= window.y()
                    && box.x2() <= window.x() + window.width() && box.y2() <= window.y() + window.height();
        }

        /** The best detection of {@code first}'s class on the same spot, if the close look confirms it. */
        Optional<Detection> find(Detection first) {
            return found.stream()
                    .filter(z -> z.label().equals(first.label()) && z.box().iou(first.box()) > SAME_OBJECT_IOU)
                    .findFirst();
        }
    }
}
