package org.instancecap.core.stage;

import org.instancecap.core.camera.CameraMotionEstimator;

/** A camera motion estimator ({@code opencv}), found by name. */
public interface CameraEstimatorProvider extends StageProvider {

    /** An estimator for one clip, owned by the caller, who closes it. */
    CameraMotionEstimator create();
}
