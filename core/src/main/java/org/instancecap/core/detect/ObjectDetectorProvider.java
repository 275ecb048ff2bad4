package org.instancecap.core.detect;

import org.instancecap.core.stage.Providers;
import org.instancecap.core.stage.StageProvider;

/** A detector backend, found by name with {@link java.util.ServiceLoader}. */
public interface ObjectDetectorProvider extends StageProvider {

    /**
     * Loads the model; throws {@link org.instancecap.core.InstanceCapException} saying what is missing.
     * The detector's {@link ObjectDetector#instanceThreshold()} is {@code options.threshold()} when given.
     */
    ObjectDetector create(DetectorOptions options);

    /** The backend named in {@code options}; {@code unknown detector 'x'; available: ...} for a name none has. */
    static ObjectDetector load(DetectorOptions options) {
        return Providers.find(ObjectDetectorProvider.class, "detector", options.backend()).create(options);
    }
}
