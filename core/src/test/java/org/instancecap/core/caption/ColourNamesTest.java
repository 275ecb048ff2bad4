package org.instancecap.core.caption;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class ColourNamesTest {

    @Test
    void names_plain_colours() {
        assertThat(ColourNames.name(250, 250, 250)).isEqualTo("white");
        assertThat(ColourNames.name(5, 5, 5)).isEqualTo("black");
        assertThat(ColourNames.name(210, 25, 30)).isEqualTo("red");
        assertThat(ColourNames.name(30, 60, 210)).isEqualTo("blue");
        assertThat(ColourNames.name(60, 160, 60)).isEqualTo("green");
        assertThat(ColourNames.name(130, 80, 45)).isEqualTo("brown");
    }

    @Test
    void finds_the_main_colours_and_their_shares() {
        int[] rgb = new int[300 * 3];
        for (int i = 0; i < 300; i++) {
            int[] c = i < 200 ? new int[] {35, 70, 190} : new int[] {245, 245, 240};
            System.arraycopy(c, 0, rgb, 3 * i, 3);
        }
        List<ColourNames.Share> shares = ColourNames.dominant(rgb, 3);
        assertThat(shares.get(0).name()).isEqualTo("blue");
        assertThat(shares.get(0).share()).isCloseTo(2 / 3.0, within(0.01));
        assertThat(shares.get(1).name()).isEqualTo("white");
    }
}
