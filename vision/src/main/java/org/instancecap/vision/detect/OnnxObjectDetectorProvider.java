package org.instancecap.vision.detect;

import org.instancecap.core.InstanceCapException;
import org.instancecap.core.detect.DetectorOptions;
import org.instancecap.core.detect.ObjectDetector;
import org.instancecap.core.detect.ObjectDetectorProvider;

/** The {@code onnx} backend: a detector exported to ONNX by the user, see {@link OnnxObjectDetector}. */
public final class OnnxObjectDetectorProvider implements ObjectDetectorProvider {

    @Override
    public String name() {
        return OnnxObjectDetector.NAME;
    }

    @Override
    public ObjectDetector create(DetectorOptions options) {
        if (options.model() == null) {
            throw new InstanceCapException("the onnx detector needs a model file (an ONNX export of YOLO or RT-DETR)");
        }
        return OnnxObjectDetector.open(options);
    }
}
