package org.instancecap.vision.segment;

import org.instancecap.core.segment.BoxSegmenter;
import org.instancecap.core.segment.InstanceSegmenter;
import org.instancecap.core.spec.SegmenterSpec;
import org.instancecap.core.stage.SegmenterProvider;

/**
 * The {@code box} segmenter: {@link BoxSegmenter}, the box itself as the mask. It lives in the core;
 * it is registered here, beside the other segmenters, since the core registers no providers.
 */
public final class BoxSegmenterProvider implements SegmenterProvider {

    @Override
    public String name() {
        return "box";
    }

    @Override
    public InstanceSegmenter create(SegmenterSpec spec) {
        return new BoxSegmenter();
    }
}
