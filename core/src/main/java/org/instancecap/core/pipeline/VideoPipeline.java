package org.instancecap.core.pipeline;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.function.Supplier;
import org.instancecap.core.Failures;
import org.instancecap.core.amc.AuxiliaryModelCluster;
import org.instancecap.core.amc.VideoAnalysis;
import org.instancecap.core.caption.Captioner;
import org.instancecap.core.run.RunFailureException;
import org.instancecap.core.run.StageFailure;
import org.instancecap.core.stage.Stages;
import org.instancecap.core.video.VideoReadException;

/**
 * One video from its file to its record: the auxiliary model cluster, then the captioner, then the
 * record. Callable from any thread (a worker pool, a Spark task): {@code clusters} gives the calling
 * thread its cluster; the captioner is shared. The two halves are public so that a runner can give
 * each its own pool.
 */
public final class VideoPipeline {

    /** What the cluster found, and how long it took. */
    public record Analysed(VideoAnalysis analysis, double seconds) {
        /** The same analysis, of the file at {@code path}: the original of the staged copy that was read. */
        public Analysed readFrom(String path) {
            return new Analysed(analysis.withResult(analysis.result().readFrom(path)), seconds);
        }
    }

    private final Supplier<AuxiliaryModelCluster> clusters;
    private final Captioner captioner;
    private final String tool;
    private final boolean withAmc;

    /**
     * @param clusters a cluster for the calling thread (clusters are not thread-safe)
     * @param tool     {@code instancecap <version>}, for provenance
     * @param withAmc  whether records carry {@code amc} and the full provenance
     */
    public VideoPipeline(Supplier<AuxiliaryModelCluster> clusters, Captioner captioner, String tool, boolean withAmc) {
        this.clusters = clusters;
        this.captioner = captioner;
        this.tool = tool;
        this.withAmc = withAmc;
    }

    /** The pipeline of a run's stages: each calling thread gets its own cluster, all share the captioner. */
    public static VideoPipeline of(Stages stages, String tool, boolean withAmc) {
        return new VideoPipeline(stages::cluster, stages.captioner(), tool, withAmc);
    }

    /** The video through the cluster; throws {@link StageFailure} in {@code decode} or {@code amc}. */
    public Analysed analyse(String id, Path file) {
        try {
            long start = System.nanoTime();
            VideoAnalysis analysis = clusters.get().analyse(file);
            analysis = analysis.withResult(analysis.result().withVideo(id));
            return new Analysed(analysis, (System.nanoTime() - start) / 1e9);
        } catch (RuntimeException | OutOfMemoryError e) {
            throw new StageFailure(e instanceof VideoReadException ? "decode" : "amc", e);
        }
    }

    /** The analysed video's record; throws {@link StageFailure} in {@code caption}. */
    public VideoResult.Success caption(String id, Analysed analysed) {
        try {
            long start = System.nanoTime();
            Captioner.Captioned captioned = captioner.captionWithFallbacks(analysed.analysis());
            double seconds = (System.nanoTime() - start) / 1e9;
            ObjectNode record = CaptionRecord.of(captioned, analysed.analysis(), tool, captioner.name(), captioner.analyses(), withAmc,
                    analysed.seconds(), seconds);
            return new VideoResult.Success(id, record, analysed.seconds(), seconds);
        } catch (RuntimeException | OutOfMemoryError e) {
            throw new StageFailure("caption", e);
        }
    }

    /**
     * Both halves: the record, or the stage that failed and why. A failure of the run itself (the
     * server cannot be reached) is thrown as {@link RunFailureException}, not returned.
     */
    public VideoResult process(String id, Path file) {
        try {
            return caption(id, analyse(id, file));
        } catch (StageFailure f) {
            return failed(id, f);
        }
    }

    /**
     * The video's failure of a stage as its error row; a failure of the run itself (the server
     * cannot be reached) is thrown as {@link RunFailureException}.
     */
    public static VideoResult.Failure failed(String id, StageFailure f) {
        if (RunFailureException.ofTheRun(f.getCause())) {
            throw f.getCause() instanceof RunFailureException r ? r : new RunFailureException(Failures.inWords(f.getCause()), f.getCause());
        }
        return new VideoResult.Failure(id, f.stage(), reason(f.getCause()), f.getCause());
    }

    /** The words of an error record: a decoding failure's own reason, else the failure in words. */
    public static String reason(Throwable e) {
        return e instanceof VideoReadException v ? v.reason() : Failures.inWords(e);
    }
}
