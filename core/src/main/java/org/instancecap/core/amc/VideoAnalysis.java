package org.instancecap.core.amc;

import java.util.List;
import org.instancecap.core.pose.PersonFacts;
import org.instancecap.core.segment.Mask;
import org.instancecap.core.video.RgbImage;
import org.instancecap.core.video.SampledFrame;
import org.instancecap.core.video.SampledFrames;

/**
 * Everything the captioner needs about one clip, as {@link AuxiliaryModelCluster#analyse} finds it.
 *
 * @param result  the JSON-able findings
 * @param frames  the sampled frames, full size
 * @param masks   per instance, per sampled frame: its mask, null where it is out of frame
 * @param between more frames from the same decode, between the sampled ones, made small (see
 *                {@link BetweenFrames}); empty unless the people analysis asked for them
 * @param people  what was measured of the person instances
 */
public record VideoAnalysis(AmcResult result, SampledFrames frames, List<List<Mask>> masks, BetweenFrames between,
                            People people) {

    /** An analysis without frames between the sampled ones and without people facts. */
    public VideoAnalysis(AmcResult result, SampledFrames frames, List<List<Mask>> masks) {
        this(result, frames, masks, BetweenFrames.NONE, People.NONE);
    }

    /**
     * The people analysis's findings.
     *
     * @param analyses what it measured, for the record's provenance ({@code pose}, {@code clothing}...)
     * @param facts    each person instance's facts, in instance order
     */
    public record People(List<String> analyses, List<PersonFacts> facts) {
        public static final People NONE = new People(List.of(), List.of());

        public People {
            analyses = List.copyOf(analyses);
            facts = List.copyOf(facts);
        }
    }

    /** The same analysis with other findings (the video's id for its file name, a staged copy's original). */
    public VideoAnalysis withResult(AmcResult other) {
        return new VideoAnalysis(other, frames, masks, between, people);
    }

    public VideoAnalysis withPeople(People found) {
        return new VideoAnalysis(result, frames, masks, between, found);
    }

    /** The facts of instance {@code id}, when it is a person who was analysed. */
    public java.util.Optional<PersonFacts> person(int id) {
        return people.facts().stream().filter(p -> p.instance() == id).findFirst();
    }

    /** The instance's frame with everything else smeared, or null where it is out of frame. */
    public RgbImage instanceFrame(int instance, int frame) {
        Mask mask = masks.get(instance).get(frame);
        return mask == null ? null
                : InstanceFrames.blurBackground(frames.frames().get(frame).image(), mask, InstanceFrames.DEFAULT_SMEAR);
    }

    /**
     * Frames decoded between the sampled ones, for what needs a finer time step than the sampled
     * frames give (a person's actions), scaled down by {@code scale} to bound their memory.
     *
     * @param scale  their size over the video's (1 when not scaled)
     * @param frames in decoding order, none of them a sampled frame
     */
    public record BetweenFrames(double scale, List<SampledFrame> frames) {
        public static final BetweenFrames NONE = new BetweenFrames(1, List.of());

        public BetweenFrames {
            frames = List.copyOf(frames);
            if (!(scale > 0 && scale <= 1)) {
                throw new IllegalArgumentException("scale must be in (0, 1], got " + scale);
            }
        }
    }
}
