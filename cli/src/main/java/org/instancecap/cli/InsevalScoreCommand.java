package org.instancecap.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.instancecap.core.io.FileTrees;
import org.instancecap.core.io.SkippedLines;
import org.instancecap.core.json.Json;
import org.instancecap.core.llm.TokenTally;
import org.instancecap.core.run.BatchItem;
import org.instancecap.core.run.BatchRunner;
import org.instancecap.core.spec.CaptionerSpec;
import org.instancecap.core.stage.Stages;
import org.instancecap.eval.inseval.ChatJudge;
import org.instancecap.eval.inseval.InsevalJudge;
import org.instancecap.eval.inseval.InsevalPrompt;
import org.instancecap.eval.inseval.InsevalTable;
import org.instancecap.eval.inseval.OfflineProxyJudge;
import org.instancecap.eval.inseval.PromptSet;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "score", mixinStandardHelpOptions = true,
        description = {"Score the videos a text-to-video model made from the Inseval prompts: for each prompt, its video "
                + "VIDEOS/<set>/<dimension>/<name> (the `video` of `inseval prompts`), judged by a multimodal chat model "
                + "(--llm-url) or by the offline proxy (--offline).",
                "One JSON line per video with every question and answer in RESULTS; missing and undecodable videos in "
                + "RESULTS.errors.jsonl (they count as failures); the table in the paper's layout in RESULTS.table.md and "
                + "RESULTS.table.json, and on standard output. A stopped or killed run goes on where it was (--retry-failed "
                + "tries the failures again, missing videos included)."})
final class InsevalScoreCommand implements Callable<Integer> {
    /** Instances the offline proxy's cluster keeps unless -k says otherwise. */
    static final int OFFLINE_INSTANCES = 10;

    @Parameters(index = "0", paramLabel = "VIDEOS", description = "The folder of videos: VIDEOS/{single,multiple}/<dimension>/<name>.")
    Path videos;

    @Option(names = "--set", required = true, paramLabel = "DIR",
            description = "The Inseval prompts: a folder with single/ and multiple/ (<dimension>.jsonl each), or its parent.")
    Path set;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "RESULTS", description = "JSON Lines file of the judgements.")
    Path output;

    @Option(names = "--offline",
            description = "The offline proxy judge (no server): class presence by the built-in COCO detector, colour by naming "
                    + "the colours of the instance's mask. It judges colour only; the rest is reported as not judged.")
    boolean offline;

    @Option(names = "--workers", defaultValue = "1", paramLabel = "N", description = "Videos decoded at once (default: ${DEFAULT-VALUE}).")
    int workers;

    @Option(names = "--concurrency", defaultValue = "4", paramLabel = "N",
            description = "Videos judged at once by the server (default: ${DEFAULT-VALUE}).")
    int concurrency;

    @Option(names = "--retry-failed", description = "Try again the prompts of RESULTS.errors.jsonl (missing videos included).")
    boolean retryFailed;

    @Mixin
    ClusterOptions cluster;

    @Mixin
    LlmOptions llm;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (offline == llm.enabled()) {
            throw new ParameterException(spec.commandLine(), offline ? "--offline takes no --llm-url"
                    : "give --llm-url URL --llm-model NAME for a chat judge, or --offline for the offline proxy");
        }
        if (workers < 1 || concurrency < 1) {
            throw new ParameterException(spec.commandLine(), "--workers and --concurrency must be at least 1");
        }
        if (!Files.isDirectory(videos)) {
            throw new ParameterException(spec.commandLine(), "no such folder: " + videos);
        }
        if (!Files.isDirectory(set)) {
            throw new ParameterException(spec.commandLine(), "no such folder: " + set);
        }
        if (offline) {
            // the prompt's class need not be among the three largest things, nor in the first frame
            if (!spec.commandLine().getParseResult().hasMatchedOption("--max-instances")) {
                cluster.maxInstances = OFFLINE_INSTANCES;
            }
            cluster.allFrames = true;
        }
        SkippedLines skipped = SkippedLines.printingTo(spec.commandLine().getErr());
        List<InsevalPrompt> prompts = PromptSet.read(set, skipped);
        skipped.finish();
        Path real = RunFiles.beside(output);
        Path errorsFile = RunFiles.errors(real);
        Path markdown = real.resolveSibling(real.getFileName() + ".table.md");
        Path json = real.resolveSibling(real.getFileName() + ".table.json");
        RunDisplay display = new RunDisplay("inseval score", "videos", spec,
                llm.withTokens("results in " + output + ", failures in " + errorsFile + ", table in " + markdown + " and " + json),
                (done, all) -> String.format("%d of %d videos are judged already (in %s or %s); going on with the other %d", done, all,
                        output, errorsFile, all - done));
        BatchRunner runner = new BatchRunner(new BatchRunner.Settings(workers, offline ? 1 : concurrency, retryFailed, true),
                List.of(BatchRunner.Output.file(InsevalJob.RESULTS, output, record -> record.path("video").asText(null)),
                        BatchRunner.Output.file(InsevalJob.ERRORS, errorsFile, null)),
                InsevalJob.ERRORS, RunFiles.journal(real), output, display, StopSignal.current());
        try (Stages stages = offline ? cluster.stages(spec, CaptionerSpec.OFFLINE, new TokenTally()) : null;
             InsevalJudge<?> judge = judge(stages);
             display) {
            checkSameJudge(judge.name());
            BatchRunner.Outcome outcome = run(runner, prompts, judge);
            InsevalTable table = InsevalTable.read(prompts, output, errorsFile, judge.name(), judge.offline(), skipped);
            FileTrees.writeAtomically(markdown, table.markdown());
            FileTrees.writeAtomically(json, Json.pretty(table.toJson()) + "\n");
            spec.commandLine().getOut().print(table.markdown(10)); // the file names them all
            spec.commandLine().getOut().flush();
            return display.exitCode(outcome, errorsFile, "run the same command again to continue");
        }
    }

    private <S> BatchRunner.Outcome run(BatchRunner runner, List<InsevalPrompt> prompts, InsevalJudge<S> judge)
            throws InterruptedException {
        return runner.run(action -> prompts.forEach(p -> action.accept(
                new BatchItem<>(p.video(), p.video(), new InsevalJob.Task(p, videos.resolve(p.video()))))), new InsevalJob<>(judge));
    }

    private InsevalJudge<?> judge(Stages stages) {
        if (offline) {
            return new OfflineProxyJudge(stages::cluster);
        }
        int frames = cluster.frames;
        if (frames < 1) {
            throw new ParameterException(spec.commandLine(), "--frames must be at least 1, got " + frames);
        }
        return new ChatJudge(llm.client(spec, concurrency), llm.model,
                Stages.reader(org.instancecap.core.spec.RunSpec.DEFAULT), frames);
    }

    /** Results of two judges in one file would make one meaningless table. */
    private void checkSameJudge(String judge) throws IOException {
        if (!Files.isRegularFile(output)) {
            return;
        }
        try (BufferedReader in = Files.newBufferedReader(output, StandardCharsets.UTF_8)) {
            String first = in.readLine();
            if (first == null) {
                return;
            }
            JsonNode record;
            try {
                record = Json.mapper().readTree(first);
            } catch (IOException unreadable) {
                return; // the run's repair deals with it
            }
            String before = record.path("judge").asText(null);
            if (before != null && !before.equals(judge)) {
                throw new ParameterException(spec.commandLine(), output + " holds the judgements of " + before + ", not of " + judge
                        + "; write to another file");
            }
        }
    }
}
