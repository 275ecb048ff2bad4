package org.instancecap.core.caption;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.instancecap.core.llm.AskTwice;
import org.instancecap.core.llm.ChatClient;
import org.instancecap.core.llm.ChatMessage;
import org.instancecap.core.llm.ChatReply;
import org.instancecap.core.llm.EmptyAnswerException;

/**
 * Turns a model's answer into caption text: one paragraph, no markdown, no list markers, no
 * opening pleasantries, no references to frame numbers or timestamps. Says when an answer is
 * unusable (empty, a refusal), so the question can be asked again.
 */
public final class AnswerCleaner {

    private static final Pattern MARKDOWN = Pattern.compile("(\\*\\*|__|`|^#+\\s*)", Pattern.MULTILINE);
    private static final Pattern LIST_MARKER = Pattern.compile("^\\s*([-*•]|\\d+[.)])\\s+", Pattern.MULTILINE);
    private static final Pattern PREAMBLE = Pattern.compile(
            "^(sure|certainly|of course|absolutely|okay|ok)[,.!]?\\s+|^here(?: is|'s) [^.:\\n]*:\\s*", Pattern.CASE_INSENSITIVE);
    private static final Pattern FRAME_REFERENCE = Pattern.compile(
            "\\s*(\\(\\s*)?\\b(in |at |by |from |of )?(the )?(frames?|images?) ?#?\\d+(\\s*(-|–|to|and)\\s*\\d+)?(\\s*\\))?,?"
                    + "|\\s*\\b(at|around|by) \\d+(\\.\\d+)? ?(seconds|secs|s)\\b,?", Pattern.CASE_INSENSITIVE);
    private static final List<String> REFUSALS = List.of(
            "i'm sorry", "i am sorry", "i cannot", "i can't", "i am unable", "i'm unable", "as an ai", "unable to view",
            "cannot see the", "no image", "not able to see");

    private AnswerCleaner() {
    }

    /**
     * The model's answer, or null when the server sent an empty one (which clients report as a
     * retriable failure): an empty answer is an unusable answer, not a failed server. Other failures
     * are thrown as they are.
     */
    public static String answer(ChatClient client, List<ChatMessage> conversation) {
        ChatReply reply = reply(client, conversation);
        return reply == null ? null : reply.text();
    }

    /** As {@link #answer}, with the server's token counts. */
    public static ChatReply reply(ChatClient client, List<ChatMessage> conversation) {
        try {
            return client.reply(conversation);
        } catch (EmptyAnswerException e) {
            return null;
        }
    }

    /** The cleaned answer, or null when it cannot be used. */
    public static String clean(String answer) {
        if (answer == null) {
            return null;
        }
        String text = MARKDOWN.matcher(answer).replaceAll("");
        List<String> sentences = new ArrayList<>();
        for (String line : text.split("\\R")) {
            String l = LIST_MARKER.matcher(line).replaceFirst("").strip();
            if (l.isEmpty()) {
                continue;
            }
            if (l.endsWith(":") && sentences.isEmpty()) {
                continue; // a heading line such as "Description:"
            }
            sentences.add(l.matches(".*[.!?]$") ? l : l + ".");
        }
        text = String.join(" ", sentences);
        for (String before = null; !text.equals(before); ) {
            before = text;
            text = PREAMBLE.matcher(text).replaceFirst("");
        }
        text = FRAME_REFERENCE.matcher(text).replaceAll("");
        text = text.replaceAll("\\s+([,.!?])", "$1").replaceAll("\\s{2,}", " ").strip();
        if (!text.isEmpty()) {
            text = Character.toUpperCase(text.charAt(0)) + text.substring(1);
        }
        return usable(text) ? text : null;
    }

    /** For {@link AskTwice}: the cleaned answer, or the same question again when it cannot be used. */
    public static AskTwice.Verdict<String> check(String answer) {
        String cleaned = clean(answer);
        return cleaned != null && !cleaned.isBlank() ? AskTwice.Verdict.usable(cleaned) : AskTwice.Verdict.again();
    }

    private static boolean usable(String text) {
        if (text.split("\\s+").length < 3) {
            return false;
        }
        String lower = text.toLowerCase(Locale.ROOT);
        return REFUSALS.stream().noneMatch(lower::startsWith) && REFUSALS.stream().noneMatch(r -> lower.contains(r + " see"));
    }
}
