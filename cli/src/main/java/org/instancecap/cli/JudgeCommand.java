package org.instancecap.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.instancecap.core.InstanceCapException;
import org.instancecap.core.io.FileTrees;
import org.instancecap.core.json.Json;
import org.instancecap.core.json.JsonLinesReader;
import org.instancecap.core.llm.ChatClient;
import org.instancecap.core.run.BatchRunner;
import org.instancecap.core.spec.RunSpec;
import org.instancecap.core.stage.Stages;
import org.instancecap.eval.judge.CaptionJudge;
import org.instancecap.eval.judge.JudgeJob;
import org.instancecap.eval.judge.JudgeSummary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "judge", mixinStandardHelpOptions = true,
        description = {"Score captions against their videos with a multimodal chat model (the paper's user-study rubric, "
                + "Table S2): instance detail (how completely and precisely each instance's appearance, actions and position "
                + "are described) and hallucination (how much of the caption the video does not support), each 1 to 5, "
                + "higher better on both (hallucination 5: nothing made up), with the judge's reasons.",
                "One result line per caption record in RESULTS; failures in RESULTS.errors.jsonl; records done or failed before "
                + "are skipped, so a stopped or killed run goes on (--retry-failed tries the failures again). Then the mean and "
                + "the count of each score per captioner (the records' provenance.captioner, or the captions file's name) "
                + "are printed and written to <RESULTS>.summary.json and .summary.md."})
final class JudgeCommand implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "CAPTIONS", description = "JSON Lines files of caption records (Video and a "
            + "structured caption, or a caption field).")
    List<Path> captions;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "RESULTS", description = "The JSON Lines file of results to append to.")
    Path output;

    @Option(names = "--videos", paramLabel = "DIR", description = "The folder of the records' videos (default: each Video "
            + "as recorded, or relative to the captions file).")
    Path videos;

    @Option(names = {"-n", "--frames"}, defaultValue = "8", paramLabel = "N", description = "Frames sampled uniformly per video (default: ${DEFAULT-VALUE}).")
    int frames;

    @Option(names = "--llm-image-side", defaultValue = "768", paramLabel = "PIXELS",
            description = "Long side of the frames sent to the judge (default: ${DEFAULT-VALUE}).")
    int imageSide;

    @Option(names = "--concurrency", defaultValue = "4", paramLabel = "N", description = "Captions judged at once (default: ${DEFAULT-VALUE}).")
    int concurrency;

    @Option(names = "--workers", defaultValue = "1", paramLabel = "N", description = "Videos decoded at once (default: ${DEFAULT-VALUE}).")
    int workers;

    @Option(names = "--retry-failed", description = "Try again the records of <RESULTS>.errors.jsonl.")
    boolean retryFailed;

    @Mixin
    LlmOptions llm;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (!llm.enabled()) {
            throw new ParameterException(spec.commandLine(), "judge needs a judge model: --llm-url URL --llm-model NAME");
        }
        if (frames < 1 || concurrency < 1 || workers < 1) {
            throw new ParameterException(spec.commandLine(), "--frames, --concurrency and --workers must be at least 1");
        }
        if (imageSide < 16) {
            throw new ParameterException(spec.commandLine(), "--llm-image-side must be at least 16, got " + imageSide);
        }
        for (Path file : captions) {
            if (!Files.isRegularFile(file)) {
                throw new InstanceCapException("no such file (" + file + ")");
            }
        }
        if (videos != null && !Files.isDirectory(videos)) {
            throw new ParameterException(spec.commandLine(), "--videos: no such folder: " + videos);
        }
        Path real = RunFiles.beside(output);
        Path errorsFile = RunFiles.errors(real);
        RunDisplay display = new RunDisplay("judge", "captions", spec, llm.withTokens("results in " + output + ", failures in " + errorsFile),
                (done, all) -> String.format("%d of %d captions are in %s or %s already; going on with the other %d", done, all, output,
                        errorsFile, all - done));
        BatchRunner runner = new BatchRunner(new BatchRunner.Settings(workers, concurrency, retryFailed, false),
                List.of(BatchRunner.Output.file(JudgeJob.RESULTS, output, JudgeJob::keyOfLine),
                        BatchRunner.Output.file(JudgeJob.ERRORS, errorsFile, JudgeJob::keyOfLine)),
                JudgeJob.ERRORS, RunFiles.journal(real), output, display, StopSignal.current());
        boolean[] told = new boolean[1];
        BatchRunner.Inputs<JudgeJob.Entry> inputs = JudgeJob.inputs(captions, bad -> {
            if (!told[0]) {
                display.skipped(bad);
            }
        });
        BatchRunner.Outcome outcome;
        try (ChatClient client = llm.client(spec, concurrency, imageSide); display) {
            JudgeJob job = new JudgeJob(Stages.reader(RunSpec.DEFAULT), new CaptionJudge(client),
                    new JudgeJob.Settings(videos, frames, imageSide, llm.model));
            outcome = runner.run(action -> {
                inputs.forEach(action);
                told[0] = true;
            }, job);
            if (outcome.inputs() == 0) {
                throw new ParameterException(spec.commandLine(), "no caption records in " + captions);
            }
            int code = display.exitCode(outcome, errorsFile, "run the same command again to continue");
            if (outcome.failure() == null) {
                summarise(real);
            }
            return code;
        }
    }

    /** The summary of every result in the file (this run's and the earlier ones'), printed and written beside it. */
    private void summarise(Path results) throws IOException {
        if (!Files.exists(results)) {
            return;
        }
        JudgeSummary summary = new JudgeSummary();
        JsonLinesReader.forEach(results, (number, record) -> summary.add(record), bad -> { });
        String name = results.getFileName().toString();
        String base = name.endsWith(".jsonl") ? name.substring(0, name.length() - ".jsonl".length()) : name;
        Path json = results.resolveSibling(base + ".summary.json");
        Path markdown = results.resolveSibling(base + ".summary.md");
        Json.writeAtomically(json, summary.toJson());
        FileTrees.writeAtomically(markdown, "Caption judge (" + llm.model + "): scores 1 to 5, higher is better on both; "
                + "hallucination 5 = nothing unsupported by the video.\n\n" + summary.toMarkdown());
        spec.commandLine().getOut().print(summary.toTable());
        spec.commandLine().getOut().flush();
        spec.commandLine().getErr().println("summary in " + json + " and " + markdown);
        spec.commandLine().getErr().flush();
    }
}
