package org.instancecap.core.enhance;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.instancecap.core.amc.PositionPhrase;
import org.instancecap.core.caption.AnswerCleaner;
import org.instancecap.core.caption.StructuredCaption;
import org.instancecap.core.llm.AskTwice;
import org.instancecap.core.llm.ChatClient;
import org.instancecap.core.llm.ChatMessage;

/**
 * The paper's InstanceEnhancer over a chat model (DESIGN §2.5), in two conversations per prompt.
 * Stage A: the system prompt, the project's worked examples as earlier turns, then the request;
 * the answer is the story. Stage B: the main instances separated by BREAK (B-I), then in the same
 * conversation, per instance, one sentence of appearance, one of action and a position in the grammar
 * of DESIGN §2.2.4, asked again once when the answer breaks it (B-II); then one sentence of background
 * and one of camera movement. Every question is a user turn; answers stay in the conversation as
 * assistant turns, so later answers agree with earlier ones. 4 + 3 × instances calls. A position is
 * read leniently ({@link PositionPhrase#lenient}) before it is asked again; an answer unusable twice
 * gives its field the offline reading (or a neutral value), named in {@link EnhancedPrompt#fallbacks()}.
 */
public final class InstanceEnhancer implements Enhancer {

    private final ChatClient client;
    private final String model;
    private final int maxInstances;
    private final Enhancer fallback;

    /** @param model the model's name, for provenance */
    public InstanceEnhancer(ChatClient client, String model, int maxInstances) {
        this(client, model, maxInstances, null);
    }

    /**
     * @param fallback reads the prompt offline (the CLI passes OpenNLP's enhancer): a field whose answer
     *                 is unusable twice takes its value from that reading, or, without one or when it
     *                 cannot read the prompt, a neutral value; the record's provenance names the field
     */
    public InstanceEnhancer(ChatClient client, String model, int maxInstances, Enhancer fallback) {
        this.fallback = fallback;
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

    /** One prompt's run: the fields that fell back, and the offline reading, made when first needed. */
    private final class Run {
        final String prompt;
        final String video;
        final List<String> fallbacks = new ArrayList<>();
        private Optional<EnhancedPrompt> offline;

        Run(String prompt, String video) {
            this.prompt = prompt;
            this.video = video;
        }

        Optional<EnhancedPrompt> offline() {
            if (offline == null) {
                try {
                    offline = fallback == null ? Optional.empty() : Optional.of(fallback.enhance(prompt, video));
                } catch (RuntimeException e) {
                    offline = Optional.empty(); // the offline reader found nothing either: neutral values
                }
            }
            return offline;
        }

        Optional<StructuredCaption.InstanceCaption> offlineInstance(String label) {
            return offline().flatMap(o -> o.caption().instances().stream().filter(i -> i.label().equals(label)).findFirst());
        }
    }

    @Override
    public EnhancedPrompt enhance(String prompt, String video) {
        Run run = new Run(prompt, video);
        String request = Sentences.asSentence(prompt);
        String storyAnswer = ask(storyConversation(request));
        String story;
        if (storyAnswer != null) {
            story = Lexicon.scrub(storyAnswer);
        } else {
            run.fallbacks.add("Story");
            story = run.offline().map(EnhancedPrompt::story).orElse(request);
        }

        List<ChatMessage> conversation = new ArrayList<>();
        conversation.add(ChatMessage.system(EnhancerPrompts.system()));
        List<String> labels = instances(run, conversation, request, story);

        List<StructuredCaption.InstanceCaption> instances = new ArrayList<>();
        for (int i = 0; i < labels.size(); i++) {
            String label = labels.get(i);
            String field = "Main Instance.No." + i + ".";
            String appearance = sentence(conversation, EnhancerPrompts.appearance(label), () -> {
                run.fallbacks.add(field + "Appearance");
                return run.offlineInstance(label).map(StructuredCaption.InstanceCaption::appearance)
                        .orElse("The " + label + " is seen whole and in clear view.");
            });
            String action = sentence(conversation, EnhancerPrompts.action(label), () -> {
                run.fallbacks.add(field + "Actions and Motion");
                return run.offlineInstance(label).map(StructuredCaption.InstanceCaption::actions)
                        .orElse("The " + label + " stays still.");
            });
            String position = position(run, conversation, label, field + "Position", i, labels.size());
            instances.add(new StructuredCaption.InstanceCaption(label, appearance, action, position));
        }
        String background = sentence(conversation, EnhancerPrompts.background(), () -> {
            run.fallbacks.add("Background Detail");
            return run.offline().map(o -> o.caption().background()).orElse("The background is plain and evenly lit.");
        });
        String camera = sentence(conversation, EnhancerPrompts.camera(), () -> {
            run.fallbacks.add("Camera Movement");
            return run.offline().map(o -> o.caption().camera()).orElse("The camera stays still.");
        });
        return new EnhancedPrompt(prompt.strip(), story,
                new StructuredCaption(video, request, instances, background, camera), run.fallbacks);
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
    private List<String> instances(Run run, List<ChatMessage> conversation, String request, String story) {
        conversation.add(ChatMessage.user(EnhancerPrompts.instances(request, story, maxInstances)));
        List<String> labels = AskTwice.ask(client::chat, conversation, answer -> {
            List<String> parsed = InstanceList.parse(answer, maxInstances);
            return !parsed.isEmpty() ? AskTwice.Verdict.usable(parsed) : correcting(answer, EnhancerPrompts.instancesAgain(maxInstances));
        }).orElseGet(() -> {
            run.fallbacks.add("Main Instance");
            return run.offline().map(o -> o.caption().instances().stream().map(StructuredCaption.InstanceCaption::label).toList())
                    .filter(l -> !l.isEmpty()).orElse(List.of(neutralLabel(request)));
        });
        conversation.add(ChatMessage.assistant(String.join(" BREAK ", labels)));
        return labels;
    }

    private String position(Run run, List<ChatMessage> conversation, String label, String field, int index, int count) {
        conversation.add(ChatMessage.user(EnhancerPrompts.position(label)));
        String text = AskTwice.ask(client::chat, conversation, answer -> PositionPhrase.fromAnswer(label, answer)
                .map(phrase -> AskTwice.Verdict.usable(phrase.text()))
                .orElseGet(() -> correcting(answer, EnhancerPrompts.positionAgain(label))))
                .orElseGet(() -> {
                    run.fallbacks.add(field);
                    return run.offlineInstance(label).map(StructuredCaption.InstanceCaption::position)
                            .orElse(new PositionPhrase(label, neutralCell(index, count), neutralCell(index, count), false).text());
                });
        conversation.add(ChatMessage.assistant(text));
        return text;
    }

    /** Keeps a wrong answer in the conversation and says what was wrong; an empty one is just asked again. */
    private static <T> AskTwice.Verdict<T> correcting(String wrong, String correction) {
        return wrong == null || wrong.isBlank() ? AskTwice.Verdict.again() : AskTwice.Verdict.correct(wrong.strip(), correction);
    }

    /**
     * One question of B-II; its one-sentence answer joins the conversation, or, when it is unusable
     * twice, the fallback's value does.
     */
    private String sentence(List<ChatMessage> conversation, String question, java.util.function.Supplier<String> otherwise) {
        conversation.add(ChatMessage.user(question));
        String cleaned = ask(conversation);
        String answer = cleaned != null ? Lexicon.scrub(Sentences.first(cleaned)) : null;
        if (answer == null || answer.isBlank()) {
            answer = otherwise.get();
        }
        conversation.add(ChatMessage.assistant(answer));
        return answer;
    }

    /** The cleaned answer; an unusable one is asked once more, then null (the field falls back). */
    private String ask(List<ChatMessage> conversation) {
        return AskTwice.ask(c -> AnswerCleaner.answer(client, c), conversation, AnswerCleaner::check).orElse(null);
    }

    /** Where an instance stands when nothing says: one in the middle, two apart, three across. */
    private static String neutralCell(int index, int count) {
        String[] columns = count == 1 ? new String[] {"middle"} : count == 2 ? new String[] {"left", "right"}
                : new String[] {"left", "middle", "right"};
        return "center-" + columns[Math.min(index, columns.length - 1)];
    }

    /** An instance name from the prompt alone, when nothing else gave one: its first content word, or "subject". */
    static String neutralLabel(String request) {
        java.util.Set<String> skip = java.util.Set.of("a", "an", "the", "this", "that", "his", "her", "its", "their", "my", "some",
                "one", "two", "three", "and", "of", "in", "on", "at", "with");
        for (String word : request.toLowerCase(java.util.Locale.ROOT).split("[^\\p{L}]+")) {
            if (word.length() > 1 && !skip.contains(word)) {
                return word;
            }
        }
        return "subject";
    }

    @Override
    public void close() {
        client.close();
    }
}
