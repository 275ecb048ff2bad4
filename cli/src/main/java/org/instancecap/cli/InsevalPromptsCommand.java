package org.instancecap.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.instancecap.core.enhance.EnhancedPrompt;
import org.instancecap.core.enhance.Enhancer;
import org.instancecap.core.enhance.InstanceEnhancer;
import org.instancecap.core.io.SkippedLines;
import org.instancecap.core.json.Json;
import org.instancecap.core.render.ApproximateT5TokenCounter;
import org.instancecap.core.render.RenderTarget;
import org.instancecap.core.render.RenderedParagraph;
import org.instancecap.core.render.Renderer;
import org.instancecap.core.render.UnigramTokenCounter;
import org.instancecap.core.run.BatchItem;
import org.instancecap.core.run.BatchJob;
import org.instancecap.core.run.BatchRunner;
import org.instancecap.core.run.StageFailure;
import org.instancecap.eval.inseval.InsevalPrompt;
import org.instancecap.eval.inseval.PromptSet;
import org.instancecap.nlp.OpenNlpEnhancer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(name = "prompts", mixinStandardHelpOptions = true,
        description = {"The Inseval prompts to give a text-to-video model: one JSON line per prompt with `name` and `sentence` "
                + "as in the Inseval files, `set`, `dimension`, `video` (where `inseval score` looks for the video made from it: "
                + "VIDEOS/<set>/<dimension>/<name>) and `prompt` (the text to give the model).",
                "With --target the prompt is the sentence made a structured prompt (as `enhance`) and written as one paragraph "
                + "within that model's token budget (as `render`), to test whether structured prompts help. Resumes like `enhance`."})
final class InsevalPromptsCommand implements Callable<Integer> {

    @Option(names = "--set", required = true, paramLabel = "DIR",
            description = "The Inseval prompts: a folder with single/ and multiple/ (<dimension>.jsonl each), or its parent.")
    Path set;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "FILE", description = "JSON Lines file of the prompts.")
    Path output;

    @Option(names = "--target", paramLabel = "MODEL",
            description = "cogvideox, opensora or plain: enhance each sentence and render it for this model (default: the sentence as it is).")
    RenderTarget target;

    @Option(names = "--max-tokens", paramLabel = "N", description = "With --target: a token budget instead of the target's.")
    Integer maxTokens;

    @Option(names = "--tokenizer", paramLabel = "FILE", description = "With --target: T5's tokenizer.json, for exact token counts.")
    Path tokenizer;

    @Option(names = "--concurrency", defaultValue = "4", paramLabel = "N", description = "Prompts enhanced at once with a server (default: ${DEFAULT-VALUE}).")
    int concurrency;

    @Option(names = "--retry-failed", description = "Try again the prompts of FILE.errors.jsonl.")
    boolean retryFailed;

    @Mixin
    LlmOptions llm;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (target == null && (maxTokens != null || tokenizer != null || llm.enabled())) {
            throw new ParameterException(spec.commandLine(), "--max-tokens, --tokenizer and --llm-url go with --target");
        }
        if (maxTokens != null && maxTokens < 2) {
            throw new ParameterException(spec.commandLine(), "--max-tokens must be at least 2, got " + maxTokens);
        }
        if (concurrency < 1) {
            throw new ParameterException(spec.commandLine(), "--concurrency must be at least 1");
        }
        if (!Files.isDirectory(set)) {
            throw new ParameterException(spec.commandLine(), "no such folder: " + set);
        }
        SkippedLines skipped = SkippedLines.printingTo(spec.commandLine().getErr());
        List<InsevalPrompt> prompts = PromptSet.read(set, skipped);
        skipped.finish();
        Path real = RunFiles.beside(output);
        Path errorsFile = RunFiles.errors(real);
        RunDisplay display = new RunDisplay("inseval prompts", "prompts", spec,
                llm.withTokens("prompts in " + output + ", failures in " + errorsFile),
                (done, all) -> String.format("%d of %d prompts are in %s or %s already; going on with the other %d", done, all, output,
                        errorsFile, all - done));
        BatchRunner runner = new BatchRunner(new BatchRunner.Settings(1, llm.enabled() ? concurrency : 1, retryFailed, true),
                List.of(BatchRunner.Output.file(Job.PROMPTS, output, record -> record.path("video").asText(null)),
                        BatchRunner.Output.file(Job.ERRORS, errorsFile, null)),
                Job.ERRORS, RunFiles.journal(real), output, display, StopSignal.current());
        Renderer renderer = target == null ? null
                : new Renderer(tokenizer != null ? UnigramTokenCounter.load(tokenizer) : new ApproximateT5TokenCounter());
        try (Enhancer enhancer = target == null ? null : enhancer(); display) {
            BatchRunner.Outcome outcome = runner.run(action -> prompts.forEach(p -> action.accept(new BatchItem<>(p.video(), p.video(), p))),
                    new Job(enhancer, renderer, target, maxTokens != null ? maxTokens : target == null ? 0 : target.budget()));
            return display.exitCode(outcome, errorsFile, "run the same command again to continue");
        }
    }

    private Enhancer enhancer() {
        return llm.enabled() ? new InstanceEnhancer(llm.client(spec, Math.max(4, concurrency)), llm.model, 3, new OpenNlpEnhancer(3))
                : new OpenNlpEnhancer(3);
    }

    /** One prompt to its line; with a target, enhanced then rendered. */
    private record Job(Enhancer enhancer, Renderer renderer, RenderTarget target, int budget)
            implements BatchJob<InsevalPrompt, InsevalPrompt> {
        static final String PROMPTS = "prompts";
        static final String ERRORS = "errors";

        @Override
        public InsevalPrompt prepare(BatchItem<InsevalPrompt> item) {
            return item.input();
        }

        @Override
        public Map<String, List<String>> finish(BatchItem<InsevalPrompt> item, InsevalPrompt prompt) {
            var line = Json.mapper().createObjectNode();
            line.put("video", prompt.video());
            line.put("set", prompt.set());
            line.put("dimension", prompt.dimension().id());
            line.put("name", prompt.name());
            line.put("sentence", prompt.sentence());
            if (target == null) {
                line.put("prompt", prompt.sentence());
            } else {
                EnhancedPrompt enhanced = enhancer.enhance(prompt.sentence(), prompt.name());
                RenderedParagraph paragraph = renderer.render(enhanced.caption(), budget);
                line.put("prompt", paragraph.text());
                line.put("target", target.id());
                line.put("tokens", paragraph.tokens());
                line.put("budget", budget);
                line.put("enhancer", enhancer.name());
            }
            return Map.of(PROMPTS, List.of(Json.line(line)));
        }

        @Override
        public String failureRecord(BatchItem<InsevalPrompt> item, StageFailure failure) {
            var record = Json.mapper().createObjectNode();
            record.put("video", item.id());
            record.put("stage", failure.stage());
            record.put("reason", Main.message(failure.getCause()));
            return Json.line(record);
        }

        @Override
        public String secondStage() {
            return "enhance";
        }
    }
}
