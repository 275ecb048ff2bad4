package org.instancecap.vision.detect;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.instancecap.core.InstanceCapException;
import org.instancecap.core.detect.CocoClasses;
import org.instancecap.core.detect.DetectorOptions;
import org.instancecap.core.detect.ObjectDetector;
import org.instancecap.core.detect.ObjectDetectorProvider;
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
    public ObjectDetector create(DetectorOptions options) {
        Path model = options.model() != null ? options.model() : HumanModels.atDefaultLocation().file(HumanModels.CENTERNET_JSON);
        List<String> labels = options.labels() != null ? readLabels(options.labels()) : CocoClasses.NAMES;
        double threshold = options.threshold() != null ? options.threshold() : TfjsCenterNetDetector.INSTANCE_THRESHOLD;
        return new TfjsCenterNetDetector(model, labels, threshold);
    }

    private static List<String> readLabels(Path file) {
        try {
            List<String> labels = Files.readAllLines(file).stream().map(String::strip).filter(s -> !s.isEmpty()).toList();
            if (labels.isEmpty()) {
                throw new InstanceCapException("labels file has no names (" + file + ")");
            }
            return labels;
        } catch (IOException e) {
            throw new InstanceCapException("cannot read the labels file (" + file + "): " + e.getMessage(), e);
        }
    }
}
