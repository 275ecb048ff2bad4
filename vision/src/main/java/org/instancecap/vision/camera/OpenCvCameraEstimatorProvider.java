package org.instancecap.vision.camera;

import org.instancecap.core.camera.CameraMotionEstimator;
import org.instancecap.core.stage.CameraEstimatorProvider;

/** The {@code opencv} camera motion estimator: {@link OpenCvCameraMotionEstimator} with its default settings. */
public final class OpenCvCameraEstimatorProvider implements CameraEstimatorProvider {

    @Override
    public String name() {
        return "opencv";
    }

    @Override
    public CameraMotionEstimator create() {
        return new OpenCvCameraMotionEstimator();
    }
}
