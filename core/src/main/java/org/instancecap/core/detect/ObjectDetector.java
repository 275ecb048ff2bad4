package org.instancecap.core.detect;

import java.util.List;
import org.instancecap.core.video.RgbImage;

/**
 * Finds objects in a picture. Implementations own a model and native memory: close them. One
 * instance is shared by every thread of a run: implementations are safe to call from several threads,
 * letting the calls take turns where their runtime needs it.
 */
public interface ObjectDetector extends AutoCloseable {

    /**
     * The objects in {@code image} after non-maximum suppression, highest score first, boxes in the
     * image's pixels. Includes weak detections down to the model's floor; callers keep those at or
     * above {@link #instanceThreshold()}.
     */
    List<Detection> detect(RgbImage image);

    /**
     * Detections good enough to confirm instances picked on another frame: a detector may skip
     * refinements that only matter for deciding what is an instance. By default {@link #detect}.
     */
    default List<Detection> detectQuickly(RgbImage image) {
        return detect(image);
    }

    /** The score from which a detection counts as an instance, calibrated for this model. */
    double instanceThreshold();

    /** The backend's name, as chosen on the command line ({@code centernet}, {@code onnx}). */
    String name();

    @Override
    void close();
}
