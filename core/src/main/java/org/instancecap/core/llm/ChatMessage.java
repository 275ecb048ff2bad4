package org.instancecap.core.llm;

import java.util.List;
import org.instancecap.core.video.RgbImage;

/**
 * One turn of a conversation with a multimodal model. A user turn's images are sent before its
 * text, so that servers with prefix caching can reuse the images across questions about them.
 */
public record ChatMessage(Role role, String text, List<RgbImage> images) {

    public enum Role {
        SYSTEM, USER, ASSISTANT
    }

    public ChatMessage {
        if (role == null) {
            throw new IllegalArgumentException("role must not be null");
        }
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("text must not be blank");
        }
        images = List.copyOf(images);
        if (role != Role.USER && !images.isEmpty()) {
            throw new IllegalArgumentException("only user messages carry images, got " + images.size() + " in a " + role + " message");
        }
    }

    public static ChatMessage system(String text) {
        return new ChatMessage(Role.SYSTEM, text, List.of());
    }

    public static ChatMessage user(String text, List<RgbImage> images) {
        return new ChatMessage(Role.USER, text, images);
    }

    public static ChatMessage user(String text) {
        return user(text, List.of());
    }

    public static ChatMessage assistant(String text) {
        return new ChatMessage(Role.ASSISTANT, text, List.of());
    }
}
