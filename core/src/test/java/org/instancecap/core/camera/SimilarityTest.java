package org.instancecap.core.camera;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class SimilarityTest {

    @Test
    void about_keeps_the_centre_and_scales_around_it() {
        Similarity zoom = Similarity.about(100, 50, 2, 0, 0, 0);
        assertThat(zoom.x(100, 50)).isCloseTo(100, within(1e-9));
        assertThat(zoom.y(100, 50)).isCloseTo(50, within(1e-9));
        assertThat(zoom.x(110, 50)).isCloseTo(120, within(1e-9));
        assertThat(zoom.scale()).isCloseTo(2, within(1e-12));
    }

    @Test
    void counter_clockwise_on_screen_moves_a_point_right_of_the_centre_up() {
        Similarity turn = Similarity.about(0, 0, 1, Math.toRadians(90), 0, 0);
        assertThat(turn.x(10, 0)).isCloseTo(0, within(1e-9));
        assertThat(turn.y(10, 0)).isCloseTo(-10, within(1e-9));
        assertThat(Math.toDegrees(turn.counterClockwiseRadians())).isCloseTo(90, within(1e-9));
    }

    @Test
    void then_applies_this_transform_first() {
        Similarity shift = new Similarity(1, 0, 5, 0);
        Similarity twice = Similarity.about(0, 0, 2, 0, 0, 0);
        Similarity both = shift.then(twice);
        assertThat(both.x(1, 3)).isCloseTo(12, within(1e-9));
        assertThat(both.y(1, 3)).isCloseTo(6, within(1e-9));
        assertThat(twice.then(shift).x(1, 3)).isCloseTo(7, within(1e-9));
    }

    @Test
    void rejects_a_collapsed_or_non_finite_transform() {
        assertThatThrownBy(() -> new Similarity(0, 0, 1, 1)).hasMessageContaining("scale");
        assertThatThrownBy(() -> new Similarity(Double.NaN, 0, 0, 0)).hasMessageContaining("finite");
    }
}
