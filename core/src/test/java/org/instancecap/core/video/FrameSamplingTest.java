package org.instancecap.core.video;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class FrameSamplingTest {

    @Test
    void eight_frames_of_241_follow_rounded_linspace() {
        assertThat(FrameSampling.uniformIndices(241, 8)).containsExactly(0, 34, 69, 103, 137, 171, 206, 240);
    }

    @Test
    void eight_frames_of_289_follow_rounded_linspace() {
        // linspace(0, 288, 8) = 0, 41.14, 82.29, 123.43, 164.57, 205.71, 246.86, 288
        assertThat(FrameSampling.uniformIndices(289, 8)).containsExactly(0, 41, 82, 123, 165, 206, 247, 288);
    }

    @Test
    void halves_round_to_even_like_numpy() {
        // linspace(0, 5, 3) = 0, 2.5, 5 and numpy rounds 2.5 to 2
        assertThat(FrameSampling.uniformIndices(6, 3)).containsExactly(0, 2, 5);
        // linspace(0, 7, 3) = 0, 3.5, 7 and 3.5 rounds to 4
        assertThat(FrameSampling.uniformIndices(8, 3)).containsExactly(0, 4, 7);
    }

    @Test
    void short_video_gives_each_frame_once() {
        assertThat(FrameSampling.uniformIndices(1, 8)).containsExactly(0);
        assertThat(FrameSampling.uniformIndices(5, 8)).containsExactly(0, 1, 2, 3, 4);
    }

    @Test
    void one_frame_is_the_first() {
        assertThat(FrameSampling.uniformIndices(100, 1)).containsExactly(0);
    }

    @Test
    void rejects_nonsense() {
        assertThatThrownBy(() -> FrameSampling.uniformIndices(0, 8)).hasMessageContaining("frameCount");
        assertThatThrownBy(() -> FrameSampling.uniformIndices(10, 0)).hasMessageContaining("number of frames");
    }
}
