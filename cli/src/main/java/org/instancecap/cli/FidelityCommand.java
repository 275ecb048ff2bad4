package org.instancecap.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import org.instancecap.core.run.BatchRunner;
import org.instancecap.core.run.RunSummary;
import org.instancecap.eval.fidelity.CaptionSentences;
import org.instancecap.eval.fidelity.ClipModel;
import org.instancecap.eval.fidelity.FidelityJob;
import org.instancecap.eval.fidelity.FidelityMeans;
import org.instancecap.eval.fidelity.VaeEncoder;
import org.instancecap.nlp.EnglishParser;
import org.instancecap.vision.video.JavaCvVideoReader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "fidelity", mixinStandardHelpOptions = true,
        description = {"Caption fidelity by reconstruction (the paper's recaption test): each original video against the video a "
                + "text-to-video model made from its caption, matched by name (the caption record's Video, else the file name; "
                + "a video missing on either side is a failure).",
                "CLIP sentence by sentence (--clip-image, --clip-text, --clip-vocab): per sentence of the caption the mean over "
                + "--frames frames of the cosine of CLIP's image and text embeddings, then the mean over sentences and videos. "
                + "3DVAE (--vae-encoder): the L2 distance of the two videos' latents, 8 frames at 224x224, averaged over pairs.",
                "One result line per pair in FILE, failures in FILE.errors.jsonl, means in FILE.summary.json and on standard "
                + "output; a stopped or killed run goes on where it stopped."})
final class FidelityCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "ORIGINALS", description = "Folder (or manifest) of the original videos.")
    Path originals;

    @Parameters(index = "1", paramLabel = "REGENERATED", description = "Folder (or manifest) of the videos made from the captions.")
    Path regenerated;

    @Option(names = "--captions", paramLabel = "FILE|DIR",
            description = "Caption records (JSON Lines, one per video, named by Video), or a folder of <name>.txt; needed for CLIP.")
    Path captions;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "FILE", description = "JSON Lines file of the results (appended to).")
    Path output;

    @Option(names = "--clip-image", paramLabel = "MODEL", description = "CLIP's image tower as ONNX: [batch, 3, 224, 224] -> [batch, dim].")
    Path clipImage;

    @Option(names = "--clip-text", paramLabel = "MODEL", description = "CLIP's text tower as ONNX: input_ids [batch, 77] -> [batch, dim].")
    Path clipText;

    @Option(names = "--clip-vocab", paramLabel = "FILE|DIR",
            description = "CLIP's vocabulary: bpe_simple_vocab_16e6.txt(.gz), vocab.json (merges.txt beside it), tokenizer.json, or their folder.")
    Path clipVocab;

    @Option(names = "--clip-video", defaultValue = "regenerated", paramLabel = "WHICH",
            description = "The video the caption is scored on: regenerated or original (default: ${DEFAULT-VALUE}).")
    FidelityJob.ClipVideo clipVideo;

    @Option(names = "--frames", defaultValue = "8", paramLabel = "N", description = "Frames sampled per video for CLIP (default: ${DEFAULT-VALUE}).")
    int frames;

    @Option(names = "--vae-encoder", paramLabel = "MODEL",
            description = "A video VAE's encoder as ONNX (CogVideoX's): [1, 3, 8, 224, 224] in [-1, 1] -> latent.")
    Path vaeEncoder;

    @Option(names = "--workers", defaultValue = "1", paramLabel = "N", description = "Pairs measured at once (default: ${DEFAULT-VALUE}).")
    int workers;

    @Option(names = "--retry-failed", description = "Try again the pairs of <FILE>.errors.jsonl.")
    boolean retryFailed;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        boolean clip = clipImage != null || clipText != null || clipVocab != null;
        if (clip && (clipImage == null || clipText == null || clipVocab == null)) {
            throw new ParameterException(spec.commandLine(), "CLIP needs all three of --clip-image, --clip-text and --clip-vocab");
        }
        if (!clip && vaeEncoder == null) {
            throw new ParameterException(spec.commandLine(), "give the CLIP models (--clip-image, --clip-text, --clip-vocab), --vae-encoder, or both");
        }
        if (clip && captions == null) {
            throw new ParameterException(spec.commandLine(), "CLIP scores captions: give --captions FILE|DIR");
        }
        if (frames < 1 || workers < 1) {
            throw new ParameterException(spec.commandLine(), "--frames and --workers must be at least 1");
        }
        List<Path> given = new ArrayList<>(List.of(originals, regenerated));
        if (captions != null) {
            given.add(captions);
        }
        Inputs.exist(spec, given);
        Path real = RunFiles.beside(output);
        Path errorsFile = RunFiles.errors(real);
        RunDisplay display = new RunDisplay("fidelity", "pairs", spec, () -> "results in " + output + ", failures in " + errorsFile,
                (done, all) -> String.format("%d of %d pairs are done already (in %s or %s); going on with the other %d",
                        done, all, output, errorsFile, all - done));
        BatchRunner runner = new BatchRunner(new BatchRunner.Settings(workers, 1, retryFailed, false),
                List.of(BatchRunner.Output.file(FidelityJob.RESULTS, output, null), BatchRunner.Output.file(FidelityJob.ERRORS, errorsFile, null)),
                FidelityJob.ERRORS, RunFiles.journal(real), output, display, StopSignal.current());
        try (ClipModel clipModel = clip ? ClipModel.open(clipImage, clipText, clipVocab) : null;
             VaeEncoder vae = vaeEncoder != null ? VaeEncoder.open(vaeEncoder) : null;
             display) {
            CaptionSentences sentences = clip ? new CaptionSentences(new EnglishParser(Set.of())::sentences) : null;
            FidelityJob job = new FidelityJob(new JavaCvVideoReader(), clipModel, clipVideo, frames, sentences, vae);
            BatchRunner.Outcome outcome = runner.run(FidelityJob.inputs(originals, regenerated, captions, display::skipped), job);
            if (outcome.inputs() == 0) {
                throw new ParameterException(spec.commandLine(), "no videos to compare in " + (captions != null && Files.isRegularFile(captions)
                        ? captions : originals));
            }
            int exit = display.exitCode(outcome, errorsFile, "run the same command again to continue");
            if (outcome.failure() != null) {
                return exit;
            }
            FidelityMeans means = FidelityMeans.of(output);
            means.lines().forEach(spec.commandLine().getOut()::println);
            spec.commandLine().getOut().flush();
            ObjectNode summary = RunSummary.counts(RunSummary.start(Main.tool()), outcome, "measured");
            summary.setAll(means.toJson());
            ObjectNode models = summary.putObject("models");
            if (clip) {
                models.put("clipImage", clipImage.toString());
                models.put("clipText", clipText.toString());
                models.put("clipVocab", clipVocab.toString());
                models.put("clipVideo", clipVideo.name().toLowerCase());
                models.put("clipFrames", frames);
            }
            if (vae != null) {
                models.put("vaeEncoder", vaeEncoder.toString());
                models.put("vaeFrames", vae.frames());
            }
            summary.put("results", output.toString());
            summary.put("errors", errorsFile.toString());
            try {
                RunSummary.write(real, summary);
            } catch (RuntimeException e) {
                Main.printError(spec, e);
                return Main.EXIT_FAILED;
            }
            return exit;
        }
    }
}
