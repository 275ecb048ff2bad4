package org.instancecap.core.pose;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.List;

/**
 * What was measured of one person instance.
 *
 * @param instance its instance id
 * @param track    its pose on each frame looked at (sampled and between), in time order, in the
 *                 video's pixels; not written to JSON
 * @param clothing its clothes' colours by body part
 * @param actions  what it does, as {@link Actions} found from the keypoint track
 * @param face     its face's apparent attributes
 */
public record PersonFacts(int instance, @JsonIgnore List<PoseTrack.Step> track, ClothingColours clothing, Actions actions,
                          FaceAttributes face) {
    public PersonFacts {
        track = List.copyOf(track);
    }
}
