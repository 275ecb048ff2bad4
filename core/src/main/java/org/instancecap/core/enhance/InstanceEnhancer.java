package org.instancecap.core.enhance;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.instancecap.core.InstanceCapException;
import org.instancecap.core.amc.PositionPhrase;
import org.instancecap.core.caption.AnswerCleaner;
import org.instancecap.core.caption.StructuredCaption;
import org.instancecap.core.llm.ChatClient;
import org.instancecap.core.llm.ChatMessage;

/**
 * The paper's InstanceEnhancer over a chat model (DESIGN §2.5), in two conversations per prompt.
 * Stage A: the system prompt, the project's worked examples as earlier turns, then the request;
 * the answer is the story. Stage B: the main instances separated by BREAK (B-I), then in the same
 * conversation, per instance, one sentence of appearance, one of action and a position in the grammar
 * of DESIGN §2.2.4, asked again once when the answer breaks it (B-II); then one sentence of background
 * and one of camera movement. Every question is a user turn; answers stay in the conversation as
 * assistant turns, so later answers agree with earlier ones. 4 + 3 × instances calls.
 */
public final class InstanceEnhancer implements Enhancer {

    private final ChatClient client;
    private final String model;
    private final int maxInstances;

    /** @param model the model's name, for provenance */
    public InstanceEnhancer(ChatClient client, String model, int maxInstances) {
        if (maxInstances < 1) {
            throw new IllegalArgumentException("maxInstances must be >= 1, got " + maxInstances);
        }
        this.client = client;
        this.model = model;
        this.maxInstances = maxInstances;
    }

    @Override
    public String name() {
        return "llm:" + model;
    }

    @Override
    public EnhancedPrompt enhance(String prompt, String video) {
        String request = Sentences.asSentence(prompt);
        String story = Lexicon.scrub(ask(storyConversation(request)));

        List<ChatMessage> conversation = new ArrayList<>();
        conversation.add(ChatMessage.system(EnhancerPrompts.system()));
        List<String> labels = instances(conversation, request, story);

        List<StructuredCaption.InstanceCaption> instances = new ArrayList<>();
        for (String label : labels) {
            String appearance = sentence(conversation, EnhancerPrompts.appearance(label));
            String action = sentence(conversation, EnhancerPrompts.action(label));
            String position = position(conversation, label);
            instances.add(new StructuredCaption.InstanceCaption(label, appearance, action, position));
        }
        String background = sentence(conversation, EnhancerPrompts.background());
        String camera = sentence(conversation, EnhancerPrompts.camera());
        return new EnhancedPrompt(prompt.strip(), story,
                new StructuredCaption(video, request, instances, background, camera));
    }

    private static List<ChatMessage> storyConversation(String request) {
        List<ChatMessage> conversation = new ArrayList<>();
        conversation.add(ChatMessage.system(EnhancerPrompts.system()));
        for (EnhancerPrompts.Example example : EnhancerPrompts.EXAMPLES) {
            conversation.add(ChatMessage.user(EnhancerPrompts.exampleQuestion(example)));
            conversation.add(ChatMessage.assistant(example.description()));
        }
        conversation.add(ChatMessage.user(EnhancerPrompts.story(request)));
        return conversation;
    }

    /** Stage B-I; the list goes back into the conversation in its clean form. */
    private List<String> instances(List<ChatMessage> conversation, String request, String story) {
        conversation.add(ChatMessage.user(EnhancerPrompts.instances(request, story, maxInstances)));
        String answer = client.chat(conversation);
        List<String> labels = InstanceList.parse(answer, maxInstances);
        if (labels.isEmpty()) {
            answer = askAgain(conversation, answer, EnhancerPrompts.instancesAgain(maxInstances));
            labels = InstanceList.parse(answer, maxInstances);
            if (labels.isEmpty()) {
                throw new InstanceCapException("the model named no instances twice for: " + shorten(request));
            }
        }
        conversation.add(ChatMessage.assistant(String.join(" BREAK ", labels)));
        return labels;
    }

    private String position(List<ChatMessage> conversation, String label) {
        conversation.add(ChatMessage.user(EnhancerPrompts.position(label)));
        String answer = client.chat(conversation);
        Optional<PositionPhrase> phrase = PositionPhrase.fromAnswer(label, answer);
        if (phrase.isEmpty()) {
            answer = askAgain(conversation, answer, EnhancerPrompts.positionAgain(label));
            phrase = PositionPhrase.fromAnswer(label, answer);
            if (phrase.isEmpty()) {
                throw new InstanceCapException("the model gave no position in the grammar twice for the " + label + ", last: "
                        + shorten(String.valueOf(answer)));
            }
        }
        String text = phrase.get().text();
        conversation.add(ChatMessage.assistant(text));
        return text;
    }

    /** Keeps a wrong answer in the conversation, says what was wrong, and asks once more. */
    private String askAgain(List<ChatMessage> conversation, String wrong, String correction) {
        if (wrong != null && !wrong.isBlank()) {
            conversation.add(ChatMessage.assistant(wrong.strip()));
            conversation.add(ChatMessage.user(correction));
        }
        return client.chat(conversation);
    }

    /** One question of B-II; its one-sentence answer joins the conversation. */
    private String sentence(List<ChatMessage> conversation, String question) {
        conversation.add(ChatMessage.user(question));
        String answer = Lexicon.scrub(Sentences.first(ask(conversation)));
        conversation.add(ChatMessage.assistant(answer));
        return answer;
    }

    /** The cleaned answer; an unusable one is asked once more, then fails the prompt. */
    private String ask(List<ChatMessage> conversation) {
        for (int attempt = 0; attempt < 2; attempt++) {
            String cleaned = AnswerCleaner.clean(client.chat(conversation));
            if (cleaned != null) {
                return cleaned;
            }
        }
        throw new InstanceCapException("the model gave no usable answer twice to: "
                + shorten(conversation.get(conversation.size() - 1).text()));
    }

    private static String shorten(String text) {
        return text.length() > 80 ? text.substring(0, 80) + "..." : text;
    }

    @Override
    public void close() {
        client.close();
    }
}
