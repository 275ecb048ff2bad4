package org.instancecap.cli;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.instancecap.core.json.Json;
import org.instancecap.core.scene.ContentShotDetector;
import org.instancecap.core.scene.Shot;
import org.instancecap.core.scene.ShotFinder;
import org.instancecap.core.spec.RunSpec;
import org.instancecap.core.stage.Stages;
import org.instancecap.core.video.VideoFiles;
import org.instancecap.core.video.VideoInfo;
import org.instancecap.vision.video.JavaCvShotSplitter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "scenes", mixinStandardHelpOptions = true,
        description = {"Find the shots of each video with a content-aware cut detector (HSV frame differences, "
                + "adaptive threshold, minimum shot length; --fades adds fades through black) and print one JSON "
                + "object per video: video, fps, frameCount and shots (startFrame, endFrame inclusive, "
                + "startSeconds, endSeconds).",
                "--split writes each shot as its own clip into the --output directory."})
final class ScenesCommand implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "Video files, or directories to search for videos.")
    List<Path> inputs;

    @Option(names = "--threshold", defaultValue = "3.0", paramLabel = "RATIO",
            description = "How many times a frame's change must exceed its neighbours' to be a cut (default: ${DEFAULT-VALUE}).")
    double threshold;

    @Option(names = "--min-score", defaultValue = "15", paramLabel = "SCORE",
            description = "Smallest HSV change (0-255) that can be a cut (default: ${DEFAULT-VALUE}).")
    double minScore;

    @Option(names = "--min-shot", defaultValue = "0.5", paramLabel = "SECONDS",
            description = "Shortest shot in seconds (default: ${DEFAULT-VALUE}).")
    double minShotSeconds;

    @Option(names = "--fades", arity = "0..1", fallbackValue = "12", paramLabel = "LEVEL",
            description = "Also cut where the picture fades through black (mean brightness below LEVEL, 0-255; default level 12).")
    double fadeThreshold;

    @Option(names = "--split", description = "Write each shot as its own clip (needs --output).")
    boolean split;

    @Option(names = {"-o", "--output"}, paramLabel = "DIR", description = "Directory for the clips of --split.")
    Path output;

    @Option(names = "--workers", defaultValue = "2", paramLabel = "N",
            description = "Videos analysed at once (default: ${DEFAULT-VALUE}); results are printed in input order.")
    int workers;

    @Spec
    CommandSpec spec;

    /** The scenes of one video, as printed. */
    record Result(String video, double fps, int frameCount, List<Shot> shots,
                  @JsonInclude(JsonInclude.Include.NON_NULL) List<String> clips) {
    }

    @Override
    public Integer call() {
        if (split && output == null) {
            throw new ParameterException(spec.commandLine(), "--split needs --output DIR");
        }
        if (workers < 1) {
            throw new ParameterException(spec.commandLine(), "--workers must be at least 1, got " + workers);
        }
        ShotFinder finder = new ShotFinder(Stages.reader(RunSpec.DEFAULT), new ShotFinder.Settings(
                new ContentShotDetector.Settings(threshold, minScore, 2), minShotSeconds, fadeThreshold));
        PrintWriter out = spec.commandLine().getOut();
        Set<String> names = new HashSet<>();
        List<Path> files = Inputs.videos(spec, inputs);
        // FFmpeg's frame threads leave cores idle between frames; a second video decoding fills them.
        // The pool runs `workers` videos at once, in input order; results are printed in that order.
        ExecutorService pool = Executors.newFixedThreadPool(workers, DaemonThreads.named("scenes"));
        Deque<Future<ShotFinder.Result>> running = new ArrayDeque<>();
        files.forEach(file -> running.add(pool.submit(() -> finder.find(file))));
        try {
            return Progress.eachFile("scenes", files, spec, file -> {
                ShotFinder.Result found = DaemonThreads.result(running.remove());
                VideoInfo info = found.info();
                List<String> clips = split
                        ? new JavaCvShotSplitter().split(file, info, found.shots(), output.resolve(VideoFiles.uniqueStem(file, names)))
                                .stream().map(Path::toString).toList()
                        : null;
                out.println(Json.line(new Result(file.toString(), info.fps(), info.frameCount(), found.shots(), clips)));
                out.flush();
            });
        } finally {
            pool.shutdownNow();
        }
    }
}
