package org.instancecap.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.util.DoubleAccumulator;
import org.apache.spark.util.LongAccumulator;
import org.instancecap.core.json.Json;
import org.instancecap.core.pipeline.VideoResult;

/**
 * A partition of videos {@code (id, path)} to output rows {@code (status, value)}: {@code done}
 * with the record's JSON line, or {@code failed} with the error row, in the partition's order. The
 * videos go to the executor's pools ({@link ExecutorPipeline}) and the task waits for them. A video
 * that fails is a row, never a failed task; only a failure of the run (a server that cannot be
 * reached) fails the task, for Spark to retry.
 */
final class VideoRows implements MapPartitionsFunction<Row, Row>, Serializable {
    /** Test-only: the first attempt of partition 0 fails after its first video (system property). */
    static final String FAIL_FIRST_ATTEMPT = "instancecap.test.failFirstAttempt";
    /** Attempts failed on purpose in this JVM, for the test to see that a retry happened. */
    static final AtomicInteger INJECTED = new AtomicInteger();

    private final Work work;
    private final Tally tally;

    /**
     * What every task of a job does.
     *
     * @param workers     videos analysed at once per executor; 0: half the cores of its machine
     * @param concurrency videos captioned at once per executor
     */
    record Work(String specJson, String tool, boolean withAmc, int workers, int concurrency, boolean failFirstAttempt)
            implements Serializable {
    }

    /** What the tasks count for the driver: rows done and failed, the stages' seconds, the executors' peak heap. */
    record Tally(LongAccumulator done, LongAccumulator failed, DoubleAccumulator amcSeconds, DoubleAccumulator captionSeconds,
                 PeakHeap peakHeap) implements Serializable {
    }

    VideoRows(Work work, Tally tally) {
        this.work = work;
        this.tally = tally;
    }

    @Override
    public Iterator<Row> call(Iterator<Row> videos) throws InterruptedException {
        int workers = work.workers() > 0 ? work.workers() : Math.max(1, Runtime.getRuntime().availableProcessors() / 2);
        ExecutorPipeline executor = ExecutorPipeline.of(work.specJson(), work.tool(), work.withAmc(), workers, work.concurrency());
        TaskContext task = TaskContext.get();
        AtomicBoolean abandoned = new AtomicBoolean();
        List<CompletableFuture<VideoResult>> results = new ArrayList<>();
        List<Row> rows = new ArrayList<>();
        try {
            while (videos.hasNext()) {
                Row video = videos.next();
                results.add(executor.submit(video.getString(0), video.getString(1), abandoned));
            }
            for (CompletableFuture<VideoResult> pending : results) {
                VideoResult result = await(pending, task);
                if (result instanceof VideoResult.Success success) {
                    tally.done().add(1);
                    tally.amcSeconds().add(success.amcSeconds());
                    tally.captionSeconds().add(success.captionSeconds());
                    rows.add(RowFactory.create("done", Json.line(success.record())));
                } else {
                    tally.failed().add(1);
                    rows.add(RowFactory.create("failed", Json.line(((VideoResult.Failure) result).toJson())));
                }
                if (work.failFirstAttempt() && task != null && task.partitionId() == 0 && task.attemptNumber() == 0) {
                    INJECTED.incrementAndGet();
                    throw new IllegalStateException("failing the first attempt of partition 0, as the test asked");
                }
            }
        } finally {
            abandoned.set(true); // on a failure or a kill, the pools pass over the videos of this task not started
            tally.peakHeap().addThisJvm();
        }
        return rows.iterator();
    }

    /** The video's result; a killed task (speculation, a cancelled job) stops waiting within a second. */
    private static VideoResult await(CompletableFuture<VideoResult> pending, TaskContext task) throws InterruptedException {
        while (true) {
            try {
                return pending.get(1, TimeUnit.SECONDS);
            } catch (TimeoutException e) {
                if (task != null) {
                    task.killTaskIfInterrupted();
                }
            } catch (ExecutionException e) {
                throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
            } catch (CancellationException e) {
                throw new IllegalStateException("the executor's pipeline was closed while the task ran", e);
            }
        }
    }
}
