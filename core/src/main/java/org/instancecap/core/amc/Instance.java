package org.instancecap.core.amc;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Collections;
import java.util.List;
import org.instancecap.core.detect.Box;

/**
 * One main instance of a clip, followed through the sampled frames.
 *
 * @param id       0-based, in order of box area on the frame where it was found
 * @param label    its class, written {@code class} in JSON
 * @param score    the detector's score where it was found
 * @param boxes    one per sampled frame, in displayed-frame pixels; null where it is out of frame
 * @param regions  one grid cell per sampled frame (see {@link Positions}); null where out of frame
 * @param position the position phrase
 */
public record Instance(int id, @JsonProperty("class") String label, double score, List<Box> boxes,
                       List<String> regions, String position) {
    public Instance {
        boxes = Collections.unmodifiableList(new java.util.ArrayList<>(boxes));
        regions = Collections.unmodifiableList(new java.util.ArrayList<>(regions));
        if (boxes.size() != regions.size()) {
            throw new IllegalArgumentException("boxes and regions differ in length: " + boxes.size() + " vs " + regions.size());
        }
    }
}
