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
        assertThat(PositionPhrase.fromAnswer("dog", "The dog is in the lower left corner.").orElseThrow().text())
                .as("read leniently now").isEqualTo("dog stays at bottom-left.");
    }

    private static String loose(String label, String answer) {
        return PositionPhrase.lenient(label, answer).map(PositionPhrase::text).orElse(null);
    }

    @Test
    void reads_loose_answers_for_the_cells_they_name() {
        assertThat(loose("man", "A man from bottom-left to center.")).isEqualTo("man moves from bottom-left to center-middle.");
        assertThat(PositionPhrase.fromAnswer("man", "A man from bottom-left to center.").orElseThrow().text())
                .isEqualTo("man moves from bottom-left to center-middle.");
        assertThat(loose("dog", "center")).isEqualTo("dog stays at center-middle.");
        assertThat(loose("dog", "In the middle.")).isEqualTo("dog stays at center-middle.");
        assertThat(loose("dog", "Top.")).isEqualTo("dog stays at top-middle.");
        assertThat(loose("dog", "at the bottom")).isEqualTo("dog stays at bottom-middle.");
        assertThat(loose("dog", "On the left.")).isEqualTo("dog stays at center-left.");
        assertThat(loose("dog", "right side of the frame")).isEqualTo("dog stays at center-right.");
        assertThat(loose("kite", "Top left.")).isEqualTo("kite stays at top-left.");
        assertThat(loose("kite", "upper left corner")).isEqualTo("kite stays at top-left.");
        assertThat(loose("kite", "upper-right")).isEqualTo("kite stays at top-right.");
        assertThat(loose("kite", "left top")).isEqualTo("kite stays at top-left.");
        assertThat(loose("ball", "Lower right.")).isEqualTo("ball stays at bottom-right.");
        assertThat(loose("ball", "**Bottom-Right**")).isEqualTo("ball stays at bottom-right.");
        assertThat(loose("cat", "The cat runs from left to right.")).isEqualTo("cat moves from center-left to center-right.");
        assertThat(loose("cat", "from the top left towards the bottom right"))
                .isEqualTo("cat moves from top-left to bottom-right.");
        assertThat(loose("cat", "center-left -> center-right")).isEqualTo("cat moves from center-left to center-right.");
        assertThat(loose("car", "The car drives from the left to the right and out of frame."))
                .isEqualTo("car moves from center-left to center-right and out of frame in the end.");
        assertThat(loose("cat", "The cat stays at center-left.")).isEqualTo("cat stays at center-left.");
        assertThat(loose("top hat", "The top hat sits at the bottom.")).as("the label's own words are not cells")
                .isEqualTo("top hat stays at bottom-middle.");
        assertThat(PositionPhrase.parse(loose("man", "A man from bottom-left to center."))).as("written in the grammar").isPresent();
    }

    @Test
    void still_rejects_loose_answers_that_name_no_single_place_or_path() {
        assertThat(loose("dog", "I cannot tell from the prompt.")).isNull();
        assertThat(loose("dog", "Somewhere in the park.")).isNull();
        assertThat(loose("dog", "")).isNull();
        assertThat(loose("dog", null)).isNull();
        assertThat(loose("dog", "Not on the left.")).as("a negation").isNull();
        assertThat(loose("dog", "Sorry, I don't know.")).isNull();
        assertThat(loose("dog", "The dog is in the lower left corner, moving right.")).as("a place and a direction").isNull();
        assertThat(loose("dog", "The dog moves right.")).as("a direction, not a place").isNull();
        assertThat(loose("dog", "left, top, right")).as("three cells").isNull();
        assertThat(loose("dog", "left or right")).as("two cells with no path between").isNull();
        assertThat(loose("dog", "The dog is on the left. " + "It is a very good dog indeed. ".repeat(6))).as("too long").isNull();
        assertThat(loose("dog", "banana")).isNull();
        assertThat(loose("dog", "The topmost bottomless leftovers.")).as("whole words only").isNull();
    }
}
