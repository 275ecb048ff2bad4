package org.instancecap.core.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The retry policy alone; the real HTTP behaviour is tested in the llm module against a server. */
class RetryingChatClientTest {

    /** Fails with the scripted exceptions, then answers. */
    private static ChatClient failing(LlmException... failures) {
        Deque<LlmException> script = new ArrayDeque<>(List.of(failures));
        return conversation -> {
            LlmException next = script.poll();
            if (next != null) {
                throw next;
            }
            return "answer";
        };
    }

    private static LlmException retriable() {
        return new LlmException("busy", true, null);
    }

    @Test
    void waits_grow_exponentially_within_their_jittered_bounds() {
        List<Long> waits = new ArrayList<>();
        RetryingChatClient client = new RetryingChatClient(
                failing(retriable(), retriable(), retriable(), retriable()), 1, 5, waits::add);
        assertThat(client.chat(List.of(ChatMessage.user("x")))).isEqualTo("answer");
        assertThat(waits).hasSize(4);
        for (int i = 0; i < waits.size(); i++) {
            assertThat(waits.get(i)).isBetween(0L, RetryingChatClient.BASE_DELAY_MS << i);
        }
    }

    @Test
    void gives_up_after_the_last_retry_with_the_last_failure() {
        LlmException last = retriable();
        RetryingChatClient client = new RetryingChatClient(failing(retriable(), retriable(), last), 1, 2, w -> { });
        assertThatThrownBy(() -> client.chat(List.of(ChatMessage.user("x")))).isSameAs(last);
    }

    @Test
    void a_failure_that_cannot_pass_is_not_retried() {
        LlmException fatal = new LlmException("bad request", false, null);
        List<Long> waits = new ArrayList<>();
        RetryingChatClient client = new RetryingChatClient(failing(fatal), 1, 5, waits::add);
        assertThatThrownBy(() -> client.chat(List.of(ChatMessage.user("x")))).isSameAs(fatal);
        assertThat(waits).isEmpty();
    }

    @Test
    void waits_are_capped() {
        List<Long> waits = new ArrayList<>();
        LlmException[] many = new LlmException[12];
        java.util.Arrays.setAll(many, i -> retriable());
        new RetryingChatClient(failing(many), 1, 12, waits::add).chat(List.of(ChatMessage.user("x")));
        assertThat(waits).allSatisfy(w -> assertThat(w).isLessThanOrEqualTo(RetryingChatClient.MAX_DELAY_MS));
    }
}
