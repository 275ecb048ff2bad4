package org.instancecap.core.caption;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AnswerCleanerTest {

    @Test
    void lists_become_one_paragraph() {
        assertThat(AnswerCleaner.clean("- A red coat\n- Short brown hair\n1. White sneakers"))
                .isEqualTo("A red coat. Short brown hair. White sneakers.");
    }

    @Test
    void markdown_and_pleasantries_go() {
        assertThat(AnswerCleaner.clean("Sure! Here is the description:\n**The dog** has a `brown` coat."))
                .isEqualTo("The dog has a brown coat.");
        assertThat(AnswerCleaner.clean("Certainly. The woman walks to the left."))
                .isEqualTo("The woman walks to the left.");
    }

    @Test
    void frame_numbers_and_timestamps_go() {
        assertThat(AnswerCleaner.clean("In frame 3, the man raises his arm and at 2.5 seconds he waves."))
                .isEqualTo("The man raises his arm and he waves.");
        assertThat(AnswerCleaner.clean("The ball rises (frames 2-4) and falls."))
                .isEqualTo("The ball rises and falls.");
    }

    @Test
    void refusals_and_empty_answers_are_unusable() {
        assertThat(AnswerCleaner.clean("I'm sorry, I cannot see the image.")).isNull();
        assertThat(AnswerCleaner.clean("   ")).isNull();
        assertThat(AnswerCleaner.clean("Yes.")).isNull();
        assertThat(AnswerCleaner.clean(null)).isNull();
    }

    @Test
    void plain_prose_is_kept() {
        String prose = "A woman in a white blouse and blue jeans walks a brown and white dog along a concrete path.";
        assertThat(AnswerCleaner.clean(prose)).isEqualTo(prose);
    }
}
