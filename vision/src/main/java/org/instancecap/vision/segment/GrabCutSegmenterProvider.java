package org.instancecap.vision.segment;

import org.instancecap.core.segment.InstanceSegmenter;
import org.instancecap.core.spec.SegmenterSpec;
import org.instancecap.core.stage.SegmenterProvider;

/** The {@code grabcut} segmenter: {@link GrabCutSegmenter}, thread-safe. */
public final class GrabCutSegmenterProvider implements SegmenterProvider {

    @Override
    public String name() {
        return "grabcut";
    }

    @Override
    public InstanceSegmenter create(SegmenterSpec spec) {
        return new GrabCutSegmenter();
    }
}
