package org.instancecap.eval.inseval;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class YesNoTest {

    @Test
    void reads_the_leading_word_only() {
        assertThat(YesNo.read("YES")).contains(true);
        assertThat(YesNo.read("yes, it is red.")).contains(true);
        assertThat(YesNo.read("  **Yes**")).contains(true);
        assertThat(YesNo.read("> - \"No\"")).contains(false);
        assertThat(YesNo.read("No. The answer is not YES")).contains(false);
        assertThat(YesNo.read("NO\nbut YES in some frames")).contains(false);
    }

    @Test
    void anything_else_is_unclear() {
        assertThat(YesNo.read("The answer is YES")).isEqualTo(Optional.empty());
        assertThat(YesNo.read("Answer: yes")).isEmpty();
        assertThat(YesNo.read("Yesterday a dog ran")).isEmpty();
        assertThat(YesNo.read("None of them")).isEmpty();
        assertThat(YesNo.read("Nope")).isEmpty();
        assertThat(YesNo.read("")).isEmpty();
        assertThat(YesNo.read(null)).isEmpty();
    }
}
