package org.instancecap.core.pose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class PoseTest {

    @Test
    void keypoints_are_found_by_name_and_missing_ones_are_absent() {
        Pose pose = new Pose(List.of(new Keypoint("nose", 10, 5, 0.9), new Keypoint("left_hip", 12, 40, 0.5)));
        assertThat(pose.find("left_hip").orElseThrow().y()).isEqualTo(40);
        assertThat(pose.find("right_hip")).isEmpty();
        assertThat(Pose.NONE.isEmpty()).isTrue();
    }

    @Test
    void bad_keypoints_are_refused_with_the_field_named() {
        assertThatThrownBy(() -> new Keypoint("tail", 0, 0, 0.5)).hasMessageContaining("name must be a COCO keypoint, got tail");
        assertThatThrownBy(() -> new Keypoint("nose", Double.NaN, 0, 0.5)).hasMessageContaining("position must be finite");
        assertThatThrownBy(() -> new Keypoint("nose", 0, 0, 1.5)).hasMessageContaining("score must be in [0, 1], got 1.5");
        assertThatThrownBy(() -> new Pose(List.of(new Keypoint("left_hip", 0, 0, 1), new Keypoint("nose", 0, 0, 1))))
                .hasMessageContaining("COCO order");
        assertThatThrownBy(() -> new Pose(List.of(new Keypoint("nose", 0, 0, 1), new Keypoint("nose", 1, 1, 1))))
                .hasMessageContaining("distinct");
    }
}
