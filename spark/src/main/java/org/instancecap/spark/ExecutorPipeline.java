package org.instancecap.spark;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.instancecap.core.llm.TokenTally;
import org.instancecap.core.pipeline.VideoPipeline;
import org.instancecap.core.pipeline.VideoResult;
import org.instancecap.core.run.StageFailure;
import org.instancecap.core.spec.RunSpec;
import org.instancecap.core.stage.Stages;

/**
 * The caption pipeline of this JVM (a Spark executor, or the driver in local mode) with its two
 * pools, as the local runner has them: {@code workers} threads analyse videos, {@code concurrency}
 * threads caption them, for every task of the executor together. So a task hands its videos over
 * and waits, the executor analyses only as many at once as its cores allow, and while some videos
 * wait on the server others are analysed; the spec's {@code maxInFlight} limits the open requests
 * of the executor's one captioner. Built on first use from the broadcast spec (models load once per
 * executor, not per task or video) and closed when the JVM ends.
 */
final class ExecutorPipeline {
    /** Builds of the stages in this JVM, for tests that count model loads. */
    static final AtomicInteger LOADS = new AtomicInteger();
    /** The most videos analysed and captioned at once in this JVM, for tests of the pools' limits. */
    static final AtomicInteger MOST_ANALYSED = new AtomicInteger();
    static final AtomicInteger MOST_CAPTIONED = new AtomicInteger();

    private static String builtFor;
    private static ExecutorPipeline current;
    private static boolean hooked;

    private final Stages stages;
    private final VideoPipeline pipeline;
    private final ExecutorService analysis;
    private final ExecutorService captioning;
    /** Videos between the start of their analysis and the end of their caption: what the executor holds in memory. */
    private final Semaphore inProgress;
    private final AtomicInteger analysing = new AtomicInteger();
    private final AtomicInteger captioningNow = new AtomicInteger();

    private ExecutorPipeline(Stages stages, VideoPipeline pipeline, int workers, int concurrency) {
        this.stages = stages;
        this.pipeline = pipeline;
        this.analysis = Executors.newFixedThreadPool(workers, daemons("instancecap-amc-"));
        this.captioning = Executors.newFixedThreadPool(concurrency, daemons("instancecap-caption-"));
        this.inProgress = new Semaphore(workers + concurrency);
    }

    /**
     * The executor's pipeline for {@code specJson}; a different spec or pool size (a new job in the same
     * JVM) closes the old one first.
     */
    static synchronized ExecutorPipeline of(String specJson, String tool, boolean withAmc, int workers, int concurrency) {
        String wanted = specJson + "\n" + withAmc + "\n" + workers + "\n" + concurrency;
        if (!wanted.equals(builtFor)) {
            close();
            Stages built = new Stages(RunSpec.fromJson(specJson), new TokenTally()).load();
            LOADS.incrementAndGet();
            current = new ExecutorPipeline(built, VideoPipeline.of(built, tool, withAmc), workers, concurrency);
            builtFor = wanted;
            if (!hooked) {
                Runtime.getRuntime().addShutdownHook(new Thread(ExecutorPipeline::close, "instancecap-stages-close"));
                hooked = true;
            }
        }
        return current;
    }

    /**
     * The video's result, once the pools have had it (a remote file is staged for its analysis);
     * {@code abandoned} tells the pools to pass over a video whose task is gone. A failure of a stage
     * completes it as the error row; a failure of the run completes it exceptionally.
     */
    CompletableFuture<VideoResult> submit(String id, String path, AtomicBoolean abandoned) {
        CompletableFuture<VideoResult> result = new CompletableFuture<>();
        analysis.execute(() -> {
            if (abandoned.get()) {
                result.cancel(false);
                return;
            }
            inProgress.acquireUninterruptibly();
            boolean handedOver = false;
            try {
                VideoPipeline.Analysed analysed = analyse(id, path);
                captioning.execute(() -> {
                    try {
                        if (abandoned.get()) {
                            result.cancel(false);
                        } else {
                            result.complete(counted(captioningNow, MOST_CAPTIONED, () -> pipeline.caption(id, analysed)));
                        }
                    } catch (Throwable e) {
                        fail(result, id, e);
                    } finally {
                        inProgress.release();
                    }
                });
                handedOver = true;
            } catch (Throwable e) {
                fail(result, id, e);
            } finally {
                if (!handedOver) {
                    inProgress.release();
                }
            }
        });
        return result;
    }

    private VideoPipeline.Analysed analyse(String id, String path) {
        try (StagedFile file = StagedFile.of(path)) {
            VideoPipeline.Analysed analysed = counted(analysing, MOST_ANALYSED, () -> pipeline.analyse(id, file.path()));
            return file.copied() ? analysed.readFrom(path) : analysed;
        }
    }

    private static void fail(CompletableFuture<VideoResult> result, String id, Throwable e) {
        Throwable failure = e;
        if (e instanceof StageFailure f) {
            try {
                result.complete(VideoPipeline.failed(id, f));
                return;
            } catch (RuntimeException ofTheRun) {
                failure = ofTheRun;
            }
        }
        result.completeExceptionally(failure);
    }

    private static <T> T counted(AtomicInteger now, AtomicInteger most, java.util.function.Supplier<T> work) {
        most.accumulateAndGet(now.incrementAndGet(), Math::max);
        try {
            return work.get();
        } finally {
            now.decrementAndGet();
        }
    }

    /** Closes the pools and the stages (models, native memory); the next use builds them again. */
    static synchronized void close() {
        if (current != null) {
            current.analysis.shutdownNow();
            current.captioning.shutdownNow();
            current.stages.close();
        }
        current = null;
        builtFor = null;
    }

    private static ThreadFactory daemons(String prefix) {
        AtomicInteger next = new AtomicInteger();
        return work -> {
            Thread thread = new Thread(work, prefix + next.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
