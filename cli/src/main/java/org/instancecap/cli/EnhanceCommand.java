package org.instancecap.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.instancecap.core.enhance.Enhancer;
import org.instancecap.core.enhance.InstanceEnhancer;
import org.instancecap.core.run.BatchItem;
import org.instancecap.core.run.BatchRunner;
import org.instancecap.nlp.OpenNlpEnhancer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "enhance", mixinStandardHelpOptions = true,
        description = {"Turn short prompts into structured prompts (the paper's InstanceEnhancer): one JSON line per prompt with "
                + "Video, Prompt, Story and the InstanceVid fields, the shape of the captions a model trained on InstanceCap saw.",
                "With --llm-url a chat model writes them in stages (a detailed description from worked examples, the main "
                + "instances, then per instance appearance, action and position, then background and camera); without one "
                + "OpenNLP's English models read them from the prompt itself.",
                "With -o FILE records are appended, failures go to FILE.errors.jsonl, and prompts done or failed before (by "
                + "Video) are skipped, so a stopped or killed run goes on (--retry-failed tries the failures again)."})
final class EnhanceCommand implements Callable<Integer> {

    @Parameters(arity = "0..*", paramLabel = "PROMPT", description = "Prompts; their records are named 0000.mp4, 0001.mp4...")
    List<String> prompts = List.of();

    @Option(names = "--input", paramLabel = "FILE",
            description = "A file of prompts: one a line, or JSON Lines with a prompt (or sentence, text) field and an optional "
                    + "name for the video (Inseval's files work as they are).")
    Path input;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "JSON Lines file to append to; - or none: standard output.")
    String output;

    @Option(names = "--max-instances", defaultValue = "3", paramLabel = "N", description = "Main instances per prompt at most (default: ${DEFAULT-VALUE}).")
    int maxInstances;

    @Option(names = "--concurrency", defaultValue = "4", paramLabel = "N", description = "Prompts enhanced at once with a server (default: ${DEFAULT-VALUE}).")
    int concurrency;

    @Option(names = "--retry-failed", description = "With -o FILE: try again the prompts of <FILE>.errors.jsonl.")
    boolean retryFailed;

    @Mixin
    LlmOptions llm;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (prompts.isEmpty() && input == null) {
            throw new ParameterException(spec.commandLine(), "give prompts or --input FILE");
        }
        if (maxInstances < 1 || concurrency < 1) {
            throw new ParameterException(spec.commandLine(), "--max-instances and --concurrency must be at least 1");
        }
        List<PromptInputs.Item> items = PromptInputs.read(spec, prompts, input, !llm.enabled());
        boolean toFile = output != null && !output.equals("-");
        Path file = toFile ? Path.of(output) : null;
        Path real = toFile ? RunFiles.beside(file) : null; // a link to the output shares its journal and errors
        Path errorsFile = toFile ? RunFiles.errors(real) : null;
        RunDisplay display = new RunDisplay("enhance", "prompts", spec,
                llm.withTokens(toFile ? "records in " + file + ", failures in " + errorsFile : "records on standard output"),
                (done, all) -> String.format("%d of %d prompts are in %s or %s already; going on with the other %d", done, all, output,
                        errorsFile, all - done));
        List<BatchRunner.Output> outputs = toFile
                ? List.of(BatchRunner.Output.file(EnhanceJob.RECORDS, file, record -> record.path("Video").asText(null)),
                        BatchRunner.Output.file(EnhanceJob.ERRORS, errorsFile, null))
                : List.of(BatchRunner.Output.sink(EnhanceJob.RECORDS, new PrintingSink(spec.commandLine().getOut())),
                        BatchRunner.Output.sink(EnhanceJob.ERRORS, PrintingSink.NOWHERE));
        // records in the order of the prompts; offline, one at a time (OpenNLP's models are not shared)
        BatchRunner runner = new BatchRunner(new BatchRunner.Settings(1, llm.enabled() ? concurrency : 1, retryFailed, true),
                outputs, EnhanceJob.ERRORS, toFile ? RunFiles.journal(real) : null, file, display, StopSignal.current());
        try (Enhancer enhancer = enhancer(); display) {
            BatchRunner.Outcome outcome = runner.run(action -> items.forEach(item -> action.accept(
                    new BatchItem<>(item.where(), item.video() != null ? item.video() : item.where(), item))), new EnhanceJob(enhancer));
            return display.exitCode(outcome, errorsFile, toFile ? "run the same command again to continue" : null);
        }
    }

    private Enhancer enhancer() {
        if (llm.enabled()) {
            // an answer unusable twice takes OpenNLP's reading of the prompt for that field
            return new InstanceEnhancer(llm.client(spec, Math.max(4, concurrency)), llm.model, maxInstances,
                    new OpenNlpEnhancer(maxInstances));
        }
        return new OpenNlpEnhancer(maxInstances);
    }
}
