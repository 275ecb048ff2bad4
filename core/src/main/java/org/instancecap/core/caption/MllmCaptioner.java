package org.instancecap.core.caption;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.instancecap.core.amc.Instance;
import org.instancecap.core.amc.VideoAnalysis;
import org.instancecap.core.llm.AskTwice;
import org.instancecap.core.llm.ChatClient;
import org.instancecap.core.llm.ChatMessage;
import org.instancecap.core.video.RgbImage;
import org.instancecap.core.video.SampledFrame;

/**
 * The paper's chain-of-thought captioning over a multimodal chat model (DESIGN §2.3). Per video: the
 * global description (original frames); per instance an appearance chain and an actions chain of
 * two rounds each on its blurred-background frames, the actions chain given the global description;
 * a two-round background chain and a camera question on the original frames; the position from the
 * cluster. Only the actions chains wait (for the global description), so the chains run at once and
 * the longest path is three calls; 4 + 4 × instances calls in all. Each request is the system
 * prompt, then the images, then the question, so servers that cache prefixes reuse the images. An
 * answer unusable twice gives its field the fallback captioner's text, named in the fallbacks; server
 * failures still fail the video.
 */
public final class MllmCaptioner implements Captioner {

    private final ChatClient client;
    private final String model;
    private final Captioner fallback;
    private final boolean hints;
    private final ExecutorService executor = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "caption-chain");
        thread.setDaemon(true);
        return thread;
    });

    /** @param model the model's name, for provenance */
    public MllmCaptioner(ChatClient client, String model) {
        this(client, model, new OfflineCaptioner());
    }

    /**
     * @param fallback writes a field whose answer is unusable twice (the CLI passes the
     *                 {@link OfflineCaptioner} with OCR); the field is named in the fallbacks
     */
    public MllmCaptioner(ChatClient client, String model, Captioner fallback) {
        this(client, model, fallback, false);
    }

    /**
     * @param hints whether the appearance and actions questions are told what was measured ({@link Prompts#hints}),
     *              beyond the paper's method
     */
    public MllmCaptioner(ChatClient client, String model, Captioner fallback, boolean hints) {
        this.client = client;
        this.model = model;
        this.fallback = fallback;
        this.hints = hints;
    }

    /** The people analyses the hints draw on, when hints are on. */
    @Override
    public List<String> analyses() {
        return hints ? List.of("hints") : List.of();
    }

    @Override
    public String name() {
        return "mllm:" + model;
    }

    @Override
    public StructuredCaption caption(VideoAnalysis analysis) {
        return captionWithFallbacks(analysis).caption();
    }

    /**
     * What the questions about one video share: the fallback caption (written once, when a field first
     * needs it), the fields that fell back, and the tokens the server counted.
     */
    private final class OneVideo {
        private final VideoAnalysis analysis;
        private final List<String> fallbacks = java.util.Collections.synchronizedList(new ArrayList<>());
        private final org.instancecap.core.llm.TokenTally tokens = new org.instancecap.core.llm.TokenTally();
        private StructuredCaption caption;

        OneVideo(VideoAnalysis analysis) {
            this.analysis = analysis;
        }

        synchronized StructuredCaption caption() {
            if (caption == null) {
                caption = fallback.caption(analysis);
            }
            return caption;
        }

        /** The answer, or the fallback's text for {@code field}, which is then named. */
        String or(String answer, String field, java.util.function.Function<StructuredCaption, String> text) {
            if (answer != null) {
                return answer;
            }
            fallbacks.add(field);
            return text.apply(caption());
        }
    }

    @Override
    public Captioned captionWithFallbacks(VideoAnalysis analysis) {
        OneVideo video = new OneVideo(analysis);
        List<SampledFrame> frames = analysis.frames().frames();
        String timing = Prompts.timing(analysis.frames().info(), frames);
        List<RgbImage> originals = frames.stream().map(SampledFrame::image).toList();

        CompletableFuture<String> global = ask(video, List.of(ChatMessage.system(Prompts.system()),
                ChatMessage.user(timing + " " + Prompts.globalDescription(), originals)))
                .thenApply(a -> video.or(a, "Global Description", StructuredCaption::globalDescription));
        CompletableFuture<String> background = chain(video, originals, timing, Prompts.backgroundFirst(), Prompts.backgroundSecond())
                .thenApply(a -> video.or(a, "Background Detail", StructuredCaption::background));
        CompletableFuture<String> camera = ask(video, List.of(ChatMessage.system(Prompts.system()),
                ChatMessage.user(timing + " " + Prompts.camera(analysis.result().camera()), originals)))
                .thenApply(a -> video.or(a, "Camera Movement", StructuredCaption::camera));
        List<CompletableFuture<StructuredCaption.InstanceCaption>> instances = new ArrayList<>();
        List<Instance> found = analysis.result().instances();
        for (int n = 0; n < found.size(); n++) {
            Instance instance = found.get(n);
            int index = n;
            String field = "Main Instance.No." + n + ".";
            List<RgbImage> blurred = new ArrayList<>();
            List<SampledFrame> shown = new ArrayList<>();
            for (int f = 0; f < frames.size(); f++) {
                RgbImage image = analysis.instanceFrame(instance.id(), f);
                if (image != null) {
                    blurred.add(image);
                    shown.add(frames.get(f));
                }
            }
            String instanceTiming = Prompts.timing(analysis.frames().info(), shown);
            String label = instance.label();
            java.util.Optional<org.instancecap.core.pose.PersonFacts> person = analysis.person(instance.id());
            String looks = hints ? Prompts.appearanceHint(label, person) : "";
            String moves = hints ? Prompts.actionsHint(label, person, analysis.result().camera()) : "";
            CompletableFuture<String> appearance = chain(video, blurred, instanceTiming,
                    Prompts.appearanceFirst(label) + looks, Prompts.appearanceSecond(label))
                    .thenApply(a -> video.or(a, field + "Appearance", c -> c.instances().get(index).appearance()));
            CompletableFuture<String> actions = global.thenCompose(g -> chain(video, blurred, instanceTiming,
                    Prompts.actionsFirst(label, g) + moves, Prompts.actionsSecond(label)))
                    .thenApply(a -> video.or(a, field + "Actions and Motion", c -> c.instances().get(index).actions()));
            instances.add(appearance.thenCombine(actions,
                    (a, m) -> new StructuredCaption.InstanceCaption(label, a, m, instance.position())));
        }
        try {
            StructuredCaption caption = new StructuredCaption(analysis.result().video(), global.join(),
                    instances.stream().map(CompletableFuture::join).toList(), background.join(), camera.join());
            List<String> order = new ArrayList<>(List.of("Global Description"));
            for (int n = 0; n < found.size(); n++) {
                order.add("Main Instance.No." + n + ".Appearance");
                order.add("Main Instance.No." + n + ".Actions and Motion");
            }
            order.addAll(List.of("Background Detail", "Camera Movement"));
            org.instancecap.core.llm.TokenTally tokens = video.tokens;
            return new Captioned(caption, order.stream().filter(video.fallbacks::contains).toList(),
                    tokens.withoutUsage() == tokens.replies() ? null : tokens.total());
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
    }

    /** A two-round chain of thought: the first answer stays in the conversation for the second question. */
    private CompletableFuture<String> chain(OneVideo video, List<RgbImage> images, String timing, String first, String second) {
        List<ChatMessage> opening = List.of(ChatMessage.system(Prompts.system()), ChatMessage.user(timing + " " + first, images));
        return ask(video, opening).thenCompose(answer -> {
            if (answer == null) {
                return CompletableFuture.completedFuture(null);
            }
            List<ChatMessage> conversation = new ArrayList<>(opening);
            conversation.add(ChatMessage.assistant(answer));
            conversation.add(ChatMessage.user(second));
            return ask(video, conversation);
        });
    }

    /** One question, its answer cleaned; an unusable answer is asked once more, then null (the field falls back). */
    private CompletableFuture<String> ask(OneVideo video, List<ChatMessage> conversation) {
        return CompletableFuture.supplyAsync(() -> AskTwice.ask(c -> {
            org.instancecap.core.llm.ChatReply reply = AnswerCleaner.reply(client, c);
            if (reply != null) {
                video.tokens.add(reply);
            }
            return reply == null ? null : reply.text();
        }, conversation, AnswerCleaner::check).orElse(null), executor);
    }

    @Override
    public void close() {
        executor.shutdownNow();
        client.close();
        fallback.close();
    }
}
