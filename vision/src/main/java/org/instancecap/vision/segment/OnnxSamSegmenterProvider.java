package org.instancecap.vision.segment;

import org.instancecap.core.segment.InstanceSegmenter;
import org.instancecap.core.spec.SegmenterSpec;
import org.instancecap.core.stage.SegmenterProvider;

/** The {@code sam} segmenter: {@link OnnxSamSegmenter} on the spec's encoder and decoder files. */
public final class OnnxSamSegmenterProvider implements SegmenterProvider {

    @Override
    public String name() {
        return "sam";
    }

    @Override
    public InstanceSegmenter create(SegmenterSpec spec) {
        if (spec.samEncoder() == null || spec.samDecoder() == null) {
            throw new IllegalArgumentException("segmenter sam needs samEncoder and samDecoder, got " + spec.samEncoder() + " and "
                    + spec.samDecoder());
        }
        return OnnxSamSegmenter.open(spec.samEncoder(), spec.samDecoder());
    }
}
