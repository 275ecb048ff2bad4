package org.instancecap.core.amc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class PositionPhraseTest {

    @Test
    void reads_back_every_form_positions_writes() {
        for (List<String> regions : List.of(List.of("top-left", "top-left"), Arrays.asList("bottom-left", "center-middle"),
                Arrays.asList("center-right", null), Arrays.asList("top-middle", "bottom-right", null))) {
            String phrase = Positions.phrase("sports ball", regions);
            PositionPhrase read = PositionPhrase.parse(phrase).orElseThrow();
            assertThat(read.label()).isEqualTo("sports ball");
            assertThat(read.text()).isEqualTo(phrase);
        }
    }

    @Test
    void rejects_what_is_not_the_grammar() {
        assertThat(PositionPhrase.parse("dog is at the top left.")).isEmpty();
        assertThat(PositionPhrase.parse("dog stays at middle-center.")).isEmpty();
        assertThat(PositionPhrase.parse("dog stays at top-left")).as("no final period").isEmpty();
        assertThat(PositionPhrase.parse("dog moves from top-left to the right.")).isEmpty();
    }

    @Test
    void reads_answers_leniently_in_their_wrapping_and_strictly_in_their_grammar() {
        assertThat(PositionPhrase.fromAnswer("dog", "Position: **The Dog stays at Bottom-Left**").orElseThrow().text())
                .isEqualTo("dog stays at bottom-left.");
        assertThat(PositionPhrase.fromAnswer("cat", "Here it is:\n\"kitten moves from top-left to top-right and out of frame in the end.\"")
                .orElseThrow().text()).isEqualTo("cat moves from top-left to top-right and out of frame in the end.");
        assertThat(PositionPhrase.fromAnswer("dog", "The dog is in the lower left corner.")).isEmpty();
    }
}
