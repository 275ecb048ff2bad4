package org.instancecap.vision.detect;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.instancecap.core.detect.CocoClasses;
import org.instancecap.core.detect.DetectorOptions;
import org.instancecap.core.detect.ObjectDetector;
import org.instancecap.core.detect.ObjectDetectorProvider;
import org.instancecap.core.stage.BuiltInModels;
import org.instancecap.vision.model.NanoDetModels;

/**
 * The {@code nanodet} detector: {@link TfjsNanoDetDetector} on the model of {@link NanoDetModels},
 * fetched on first use. A {@code model} in the options replaces it with another TF.js NanoDet graph of
 * the same input, {@code labels} the COCO names.
 */
public final class NanoDetDetectorProvider implements ObjectDetectorProvider {

    public static final String NAME = "nanodet";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Optional<BuiltInModels> builtInModels() {
        return Optional.of(NanoDetModels.atDefaultLocation());
    }

    @Override
    public ObjectDetector create(DetectorOptions options) {
        Path model = options.model() != null ? options.model() : NanoDetModels.atDefaultLocation().file(NanoDetModels.NANODET_JSON);
        List<String> labels = CocoClasses.NAMES;
        if (options.labels() != null) {
            DetectorLabels file = DetectorLabels.read(options.labels());
            file.check(CocoClasses.NAMES.size());
            labels = file.names();
        }
        double threshold = options.threshold() != null ? options.threshold() : TfjsNanoDetDetector.INSTANCE_THRESHOLD;
        return new TfjsNanoDetDetector(model, labels, threshold);
    }
}
