package org.instancecap.core.caption;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.instancecap.core.InstanceCapException;
import org.instancecap.core.amc.AuxiliaryModelCluster;
import org.instancecap.core.amc.Instance;
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
 * prompt, then the images, then the question, so servers that cache prefixes reuse the images.
 */
public final class MllmCaptioner implements Captioner {

    private final ChatClient client;
    private final String model;
    private final ExecutorService executor = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "caption-chain");
        thread.setDaemon(true);
        return thread;
    });

    /** @param model the model's name, for provenance */
    public MllmCaptioner(ChatClient client, String model) {
        this.client = client;
        this.model = model;
    }

    @Override
    public String name() {
        return "mllm:" + model;
    }

    @Override
    public StructuredCaption caption(AuxiliaryModelCluster.Analysis analysis) {
        List<SampledFrame> frames = analysis.frames().frames();
        String timing = Prompts.timing(analysis.frames().info(), frames);
        List<RgbImage> originals = frames.stream().map(SampledFrame::image).toList();

        CompletableFuture<String> global = ask(List.of(ChatMessage.system(Prompts.system()),
                ChatMessage.user(timing + " " + Prompts.globalDescription(), originals)));
        CompletableFuture<String> background = chain(originals, timing, Prompts.backgroundFirst(), Prompts.backgroundSecond());
        CompletableFuture<String> camera = ask(List.of(ChatMessage.system(Prompts.system()),
                ChatMessage.user(timing + " " + Prompts.camera(analysis.result().camera()), originals)));
        List<CompletableFuture<StructuredCaption.InstanceCaption>> instances = new ArrayList<>();
        for (Instance instance : analysis.result().instances()) {
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
            CompletableFuture<String> appearance = chain(blurred, instanceTiming,
                    Prompts.appearanceFirst(label), Prompts.appearanceSecond(label));
            CompletableFuture<String> actions = global.thenCompose(g -> chain(blurred, instanceTiming,
                    Prompts.actionsFirst(label, g), Prompts.actionsSecond(label)));
            instances.add(appearance.thenCombine(actions,
                    (a, m) -> new StructuredCaption.InstanceCaption(label, a, m, instance.position())));
        }
        try {
            return new StructuredCaption(analysis.result().video(), global.join(),
                    instances.stream().map(CompletableFuture::join).toList(), background.join(), camera.join());
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
    }

    /** A two-round chain of thought: the first answer stays in the conversation for the second question. */
    private CompletableFuture<String> chain(List<RgbImage> images, String timing, String first, String second) {
        List<ChatMessage> opening = List.of(ChatMessage.system(Prompts.system()), ChatMessage.user(timing + " " + first, images));
        return ask(opening).thenCompose(answer -> {
            List<ChatMessage> conversation = new ArrayList<>(opening);
            conversation.add(ChatMessage.assistant(answer));
            conversation.add(ChatMessage.user(second));
            return ask(conversation);
        });
    }

    /** One question, its answer cleaned; an unusable answer is asked once more, then fails the video. */
    private CompletableFuture<String> ask(List<ChatMessage> conversation) {
        return CompletableFuture.supplyAsync(() -> {
            for (int attempt = 0; attempt < 2; attempt++) {
                String cleaned = AnswerCleaner.clean(client.chat(conversation));
                if (cleaned != null) {
                    return cleaned;
                }
            }
            String question = conversation.get(conversation.size() - 1).text();
            throw new InstanceCapException("the model gave no usable answer twice to: "
                    + (question.length() > 80 ? question.substring(0, 80) + "..." : question));
        }, executor);
    }

    @Override
    public void close() {
        executor.shutdownNow();
        client.close();
    }
}
