package org.instancecap.core.render;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.instancecap.core.caption.AnswerCleaner;
import org.instancecap.core.caption.StructuredCaption;
import org.instancecap.core.llm.AskTwice;
import org.instancecap.core.llm.ChatClient;
import org.instancecap.core.llm.ChatMessage;

/**
 * Has a chat model write the paragraph, with the budget still enforced: the model is given the record
 * and a word limit; a paragraph over the budget, or one that leaves out an instance's class, is sent
 * back once with its count; if the second is no better, the rule-based {@link Renderer} writes it.
 */
public final class LlmParagraphWriter implements AutoCloseable {

    private final ChatClient client;
    private final String model;
    private final Renderer rules;

    public LlmParagraphWriter(ChatClient client, String model, Renderer rules) {
        this.client = client;
        this.model = model;
        this.rules = rules;
    }

    public RenderedParagraph render(StructuredCaption caption, int budget) {
        List<ChatMessage> conversation = new ArrayList<>();
        conversation.add(ChatMessage.system(system()));
        conversation.add(ChatMessage.user(question(caption, budget)));
        return AskTwice.ask(client::chat, conversation, raw -> {
            String answer = AnswerCleaner.clean(raw);
            if (answer == null) {
                return AskTwice.Verdict.again();
            }
            int tokens = rules.counter().count(answer);
            List<String> missing = missingClasses(caption, answer);
            if (tokens <= budget && missing.isEmpty()) {
                return AskTwice.Verdict.usable(
                        new RenderedParagraph(caption.video(), answer, tokens, budget, rules.counter().name(), 0, "llm:" + model));
            }
            return AskTwice.Verdict.correct(answer, correction(tokens, budget, missing));
        }).orElseGet(() -> rules.render(caption, budget));
    }

    static String system() {
        return "You rewrite structured video descriptions as a single paragraph for a text-to-video model. Keep to the "
                + "facts given, add nothing, and write plain visual sentences with no lists, headings or quotation marks.";
    }

    private static String question(StructuredCaption caption, int budget) {
        ObjectNode record = caption.toJson();
        record.remove("Video");
        String limit = budget == Integer.MAX_VALUE ? ""
                : " Use at most " + wordsFor(budget) + " words.";
        return "Write this description as one continuous paragraph. For every main instance keep its class, the core of "
                + "its appearance, its action and its position in the frame; then, as room allows, the background and the "
                + "camera movement." + limit + "\n" + record;
    }

    private static String correction(int tokens, int budget, List<String> missing) {
        StringBuilder text = new StringBuilder("Write the paragraph again.");
        if (tokens > budget) {
            text.append(" It is ").append(tokens).append(" tokens long and must be at most ").append(budget)
                    .append(": use at most ").append(wordsFor(budget) * 4 / 5).append(" words.");
        }
        if (!missing.isEmpty()) {
            text.append(" It must name ").append(String.join(", ", missing)).append('.');
        }
        return text.toString();
    }

    /** Words that fit a budget with room to spare: English runs about 1.3 T5 tokens a word with punctuation. */
    static int wordsFor(int budget) {
        return Math.max(10, (budget - 1) * 2 / 3);
    }

    private static List<String> missingClasses(StructuredCaption caption, String paragraph) {
        String lower = paragraph.toLowerCase(Locale.ROOT);
        return caption.instances().stream().map(StructuredCaption.InstanceCaption::label)
                .filter(label -> !lower.contains(label.toLowerCase(Locale.ROOT))).distinct().toList();
    }

    @Override
    public void close() {
        client.close();
    }
}
