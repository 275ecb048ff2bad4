package org.instancecap.core.stage;

import org.instancecap.core.segment.InstanceSegmenter;
import org.instancecap.core.spec.SegmenterSpec;

/** A mask backend ({@code grabcut}, {@code box}, {@code sam}), found by name. */
public interface SegmenterProvider extends StageProvider {

    /**
     * A segmenter, owned by the caller, who closes it.
     *
     * @throws IllegalArgumentException when {@code spec} lacks what this backend needs
     * @throws org.instancecap.core.InstanceCapException when its model cannot be loaded, naming the file
     */
    InstanceSegmenter create(SegmenterSpec spec);
}
