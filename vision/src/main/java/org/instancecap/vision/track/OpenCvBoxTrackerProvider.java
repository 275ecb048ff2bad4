package org.instancecap.vision.track;

import org.instancecap.core.stage.TrackerProvider;
import org.instancecap.core.track.BoxTracker;

/** The {@code opencv} tracker: {@link OpenCvBoxTracker}. */
public final class OpenCvBoxTrackerProvider implements TrackerProvider {

    @Override
    public String name() {
        return "opencv";
    }

    @Override
    public BoxTracker create() {
        return new OpenCvBoxTracker();
    }
}
