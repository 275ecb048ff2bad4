package org.instancecap.core.amc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.instancecap.core.detect.Box;
import org.instancecap.core.detect.Detection;
import org.instancecap.core.track.BoxTracker;
import org.instancecap.core.video.RgbImage;
import org.junit.jupiter.api.Test;

class InstanceAssociationTest {

    private static final double THRESHOLD = 0.5;
    /** A tracker that never follows anything: every box not detected is out of frame. */
    private static final BoxTracker LOSES_EVERYTHING = (from, box, to) -> null;
    /** A tracker that sees every object move 5 pixels to the right between two frames. */
    private static final BoxTracker MOVES_RIGHT = (from, box, to) -> box.shift(5, 0);

    private static List<RgbImage> frames(int n) {
        return Collections.nCopies(n, new RgbImage(100, 100, new byte[100 * 100 * 3]));
    }

    private static Detection person(double score, double x1, double x2) {
        return new Detection("person", score, new Box(x1, 0, x2, 10));
    }

    private static InstanceAssociation.Tracks associate(BoxTracker tracker, int maxInstances, boolean allFrames,
                                                        List<List<Detection>> detections) {
        return new InstanceAssociation(tracker, maxInstances, allFrames)
                .associate(frames(detections.size()), detections, THRESHOLD);
    }

    @Test
    void picks_the_largest_confident_detections_up_to_max_instances() {
        Detection small = new Detection("person", 0.9, new Box(0, 0, 10, 10));
        Detection large = new Detection("dog", 0.8, new Box(20, 20, 50, 50));
        Detection middle = new Detection("car", 0.9, new Box(60, 60, 80, 80));
        Detection unsure = new Detection("cat", 0.2, new Box(0, 0, 90, 90));

        InstanceAssociation.Tracks tracks = associate(LOSES_EVERYTHING, 2, false, List.of(List.of(small, large, middle, unsure)));

        assertThat(tracks.seeds()).containsExactly(large, middle);
        assertThat(tracks.boxes()).containsExactly(List.of(large.box()), List.of(middle.box()));
    }

    @Test
    void follows_instances_with_the_jointly_best_matches() {
        Detection a = person(0.9, 0, 10);
        Detection b = person(0.9, 6, 16);
        // greedy matching would give x to a (its best overlap) and the far y to b; jointly, a takes y
        // and b takes x; both weaker than the instance threshold, which is enough to confirm an instance
        Detection x = person(0.3, 1, 11);
        Detection y = person(0.3, -3, 7);
        BoxTracker still = (from, box, to) -> box;

        InstanceAssociation.Tracks tracks = associate(still, 3, false, List.of(List.of(a, b), List.of(x, y)));

        assertThat(tracks.seeds()).containsExactly(a, b);
        assertThat(tracks.boxes()).containsExactly(List.of(a.box(), y.box()), List.of(b.box(), x.box()));
    }

    @Test
    void never_matches_a_detection_of_another_class() {
        Detection person = person(0.9, 0, 10);
        Detection dog = new Detection("dog", 0.9, person.box());

        InstanceAssociation.Tracks tracks = associate(LOSES_EVERYTHING, 3, false, List.of(List.of(person), List.of(dog)));

        assertThat(tracks.boxes()).containsExactly(frameBoxes(person.box(), null));
    }

    @Test
    void the_tracker_bridges_one_missed_frame_not_two() {
        Detection person = person(0.9, 0, 10);

        InstanceAssociation.Tracks tracks = associate(MOVES_RIGHT, 3, false, List.of(List.of(person), List.of(), List.of()));

        assertThat(tracks.boxes()).containsExactly(frameBoxes(person.box(), person.box().shift(5, 0), null));
    }

    @Test
    void an_instance_out_of_frame_comes_back_only_with_a_confident_detection_of_similar_size() {
        Detection person = person(0.9, 0, 10);
        Detection weak = person(0.3, 60, 70);
        Detection huge = new Detection("person", 0.9, new Box(0, 20, 100, 100));
        Detection back = person(0.9, 60, 70);

        InstanceAssociation.Tracks tracks = associate(LOSES_EVERYTHING, 3, false,
                List.of(List.of(person), List.of(), List.of(weak, huge), List.of(back)));

        assertThat(tracks.boxes()).containsExactly(frameBoxes(person.box(), null, null, back.box()));
    }

    @Test
    void all_frames_mode_does_not_take_the_same_instance_twice() {
        Detection first = new Detection("person", 0.9, new Box(0, 0, 20, 20));
        Detection moved = new Detection("person", 0.9, new Box(2, 0, 22, 20));
        Detection dog = new Detection("dog", 0.9, new Box(50, 50, 60, 60));
        List<List<Detection>> detections = List.of(List.of(first), List.of(moved, dog));

        InstanceAssociation.Tracks all = associate(LOSES_EVERYTHING, 3, true, detections);
        InstanceAssociation.Tracks firstFrame = associate(LOSES_EVERYTHING, 3, false, detections);

        assertThat(all.seeds()).containsExactly(first, dog);
        assertThat(all.boxes()).containsExactly(frameBoxes(first.box(), moved.box()), frameBoxes(null, dog.box()));
        assertThat(firstFrame.seeds()).containsExactly(first);
    }

    @Test
    void no_frames_no_instances() {
        assertThat(associate(LOSES_EVERYTHING, 3, true, List.of()).seeds()).isEmpty();
    }

    /** One instance's boxes frame by frame, nulls allowed. */
    private static List<Box> frameBoxes(Box... boxes) {
        List<Box> list = new ArrayList<>();
        Collections.addAll(list, boxes);
        return list;
    }
}
