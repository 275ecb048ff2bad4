package org.instancecap.core.amc;

import java.util.List;
import org.instancecap.core.segment.Mask;
import org.instancecap.core.video.RgbImage;
import org.instancecap.core.video.SampledFrames;

/**
 * Everything the captioner needs about one clip, as {@link AuxiliaryModelCluster#analyse} finds it.
 *
 * @param result the JSON-able findings
 * @param frames the sampled frames, full size
 * @param masks  per instance, per sampled frame: its mask, null where it is out of frame
 */
public record VideoAnalysis(AmcResult result, SampledFrames frames, List<List<Mask>> masks) {

    /** The instance's frame with everything else smeared, or null where it is out of frame. */
    public RgbImage instanceFrame(int instance, int frame) {
        Mask mask = masks.get(instance).get(frame);
        return mask == null ? null
                : InstanceFrames.blurBackground(frames.frames().get(frame).image(), mask, InstanceFrames.DEFAULT_SMEAR);
    }
}
