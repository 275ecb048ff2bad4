package org.instancecap.core.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AskTwiceTest {

    /** A chat model that gives scripted answers and keeps a copy of every conversation it was sent. */
    private static final class ScriptedChat implements ChatClient {
        final Deque<String> answers;
        final List<List<ChatMessage>> sent = new ArrayList<>();

        ScriptedChat(String... answers) {
            this.answers = new ArrayDeque<>(Arrays.asList(answers));
        }

        @Override
        public String chat(List<ChatMessage> conversation) {
            sent.add(List.copyOf(conversation));
            String answer = answers.removeFirst();
            if (answer.equals("500")) {
                throw new LlmException("server error", true, null);
            }
            return answer;
        }
    }

    private static final ChatMessage QUESTION = ChatMessage.user("How many legs has a dog?");

    /** A number is usable; anything else is sent back with a correction, except "?" which is asked again. */
    private static AskTwice.Verdict<Integer> number(String answer) {
        if (answer.matches("\\d+")) {
            return AskTwice.Verdict.usable(Integer.parseInt(answer));
        }
        return answer.equals("?") ? AskTwice.Verdict.again() : AskTwice.Verdict.correct(answer, "Answer with a number.");
    }

    private static Optional<Integer> ask(ScriptedChat chat, List<ChatMessage> conversation) {
        return AskTwice.ask(chat::chat, conversation, AskTwiceTest::number);
    }

    @Test
    void a_usable_first_answer_is_asked_once() {
        ScriptedChat chat = new ScriptedChat("4");
        List<ChatMessage> conversation = new ArrayList<>(List.of(QUESTION));
        assertThat(ask(chat, conversation)).contains(4);
        assertThat(chat.sent).containsExactly(List.of(QUESTION));
        assertThat(conversation).containsExactly(QUESTION);
    }

    @Test
    void an_unusable_answer_is_sent_back_with_the_correction_and_asked_once_more() {
        ScriptedChat chat = new ScriptedChat("four", "4");
        List<ChatMessage> conversation = new ArrayList<>(List.of(QUESTION));
        assertThat(ask(chat, conversation)).contains(4);
        List<ChatMessage> corrected = List.of(QUESTION, ChatMessage.assistant("four"), ChatMessage.user("Answer with a number."));
        assertThat(chat.sent).containsExactly(List.of(QUESTION), corrected);
        assertThat(conversation).isEqualTo(corrected);
    }

    @Test
    void without_a_correction_the_same_conversation_is_asked_again_and_may_be_immutable() {
        ScriptedChat chat = new ScriptedChat("?", "4");
        assertThat(ask(chat, List.of(QUESTION))).contains(4);
        assertThat(chat.sent).containsExactly(List.of(QUESTION), List.of(QUESTION));
    }

    @Test
    void two_unusable_answers_give_nothing_and_the_second_is_not_kept() {
        ScriptedChat chat = new ScriptedChat("four", "quattro", "never asked");
        List<ChatMessage> conversation = new ArrayList<>(List.of(QUESTION));
        assertThat(ask(chat, conversation)).isEmpty();
        assertThat(chat.sent).hasSize(2);
        assertThat(conversation).containsExactly(QUESTION, ChatMessage.assistant("four"), ChatMessage.user("Answer with a number."));
    }

    @Test
    void a_failing_model_fails_the_question() {
        ScriptedChat chat = new ScriptedChat("500", "4");
        assertThatThrownBy(() -> ask(chat, List.of(QUESTION))).isInstanceOf(LlmException.class);
        assertThat(chat.sent).hasSize(1);
    }

    @Test
    void a_verdict_is_usable_or_unusable_never_both() {
        assertThatThrownBy(() -> AskTwice.Verdict.usable(null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new AskTwice.Verdict<>(1, "one", "Say a number.")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new AskTwice.Verdict<>(null, "one", null)).isInstanceOf(IllegalArgumentException.class);
    }
}
