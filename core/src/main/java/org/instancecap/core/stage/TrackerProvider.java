package org.instancecap.core.stage;

import org.instancecap.core.track.BoxTracker;

/** A box tracker ({@code opencv}), found by name. */
public interface TrackerProvider extends StageProvider {

    /** A tracker for one thread. */
    BoxTracker create();
}
