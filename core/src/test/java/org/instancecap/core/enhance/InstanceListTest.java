package org.instancecap.core.enhance;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class InstanceListTest {

    @Test
    void reads_names_separated_by_break_however_they_are_dressed() {
        assertThat(InstanceList.parse("girl BREAK kite", 3)).containsExactly("girl", "kite");
        assertThat(InstanceList.parse("Instances: 1. The girl\nBREAK\n2. A red kite BREAK", 3)).containsExactly("girl", "red kite");
        assertThat(InstanceList.parse("**dog** [BREAK] <BREAK> ball break Dog", 3)).containsExactly("dog", "ball");
        assertThat(InstanceList.parse("a woman with a red umbrella BREAK the bus (in the back). That is all.", 3))
                .containsExactly("woman", "bus");
    }

    @Test
    void keeps_at_most_the_limit_in_order() {
        assertThat(InstanceList.parse("a BREAK b BREAK c BREAK d", 2)).containsExactly("a", "b");
    }

    @Test
    void reads_a_list_without_break_and_nothing_from_a_sentence() {
        assertThat(InstanceList.parse("- cat\n- sofa", 3)).containsExactly("cat", "sofa");
        assertThat(InstanceList.parse("cat, sofa", 3)).containsExactly("cat", "sofa");
        assertThat(InstanceList.parse("I cannot tell.", 3)).isEmpty();
        assertThat(InstanceList.parse("", 3)).isEmpty();
    }

    @Test
    void lexicon_takes_out_the_banned_words_and_mends_the_sentence() {
        assertThat(Lexicon.scrub("A majestic, tall eagle flies over a breathtaking lake.")).isEqualTo("A tall eagle flies over a lake.");
        assertThat(Lexicon.scrub("Stunning waves hit an epic cliff.")).isEqualTo("Waves hit a cliff.");
        assertThat(Lexicon.scrub("A plain grey wall.")).isEqualTo("A plain grey wall.");
    }
}
