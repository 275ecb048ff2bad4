package org.instancecap.core.amc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class PositionsTest {

    @Test
    void the_grid_has_a_top_row() {
        assertThat(Positions.region(0.1, 0.1)).isEqualTo("top-left");
        assertThat(Positions.region(0.5, 0.2)).isEqualTo("top-middle");
        assertThat(Positions.region(0.9, 0.3)).isEqualTo("top-right");
        assertThat(Positions.region(0.5, 0.5)).isEqualTo("center-middle");
        assertThat(Positions.region(0.2, 0.6)).isEqualTo("center-left");
        assertThat(Positions.region(0.7, 0.9)).isEqualTo("bottom-right");
        assertThat(Positions.region(0.0, 1.0)).isEqualTo("bottom-left");
    }

    @Test
    void cell_borders_belong_to_the_next_cell() {
        assertThat(Positions.region(1 / 3.0, 1 / 3.0)).isEqualTo("center-middle");
        assertThat(Positions.region(2 / 3.0, 2 / 3.0)).isEqualTo("bottom-right");
    }

    @Test
    void an_instance_that_stays() {
        assertThat(Positions.phrase("dog", Arrays.asList("bottom-middle", "bottom-middle", "bottom-middle")))
                .isEqualTo("dog stays at bottom-middle.");
    }

    @Test
    void an_instance_that_moves_goes_from_its_first_to_its_last_cell() {
        assertThat(Positions.phrase("person", Arrays.asList("bottom-left", "center-middle", "bottom-middle")))
                .isEqualTo("person moves from bottom-left to bottom-middle.");
    }

    @Test
    void an_instance_missing_at_the_end_leaves_the_frame() {
        assertThat(Positions.phrase("car", Arrays.asList("center-left", "center-middle", null)))
                .isEqualTo("car moves from center-left to center-middle and out of frame in the end.");
        assertThat(Positions.phrase("car", Arrays.asList("top-left", null, null)))
                .isEqualTo("car stays at top-left and out of frame in the end.");
    }

    @Test
    void an_instance_that_enters_later_starts_where_it_is_first_seen() {
        assertThat(Positions.phrase("car", Arrays.asList(null, "center-right", "center-middle")))
                .isEqualTo("car moves from center-right to center-middle.");
    }

    @Test
    void never_seen_has_no_phrase() {
        assertThat(Positions.phrase("car", Arrays.asList(null, null))).isNull();
    }
}
