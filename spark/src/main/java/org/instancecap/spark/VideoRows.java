package org.instancecap.spark;

import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.util.DoubleAccumulator;
import org.apache.spark.util.LongAccumulator;
import org.instancecap.core.json.Json;
import org.instancecap.core.pipeline.VideoPipeline;
import org.instancecap.core.pipeline.VideoResult;

/**
 * A partition of videos {@code (id, path)} to output rows {@code (status, value)}: {@code done}
 * with the record's JSON line, or {@code failed} with the error row. A video that fails is a row,
 * never a failed task; only a failure of the run (a server that cannot be reached) fails the task,
 * for Spark to retry. Files on another file system ({@code hdfs:}…) are copied to local temporary
 * space first and removed after.
 */
final class VideoRows implements MapPartitionsFunction<Row, Row>, Serializable {
    /** Test-only: the first attempt of partition 0 fails after its first video (system property). */
    static final String FAIL_FIRST_ATTEMPT = "instancecap.test.failFirstAttempt";
    /** Attempts failed on purpose in this JVM, for the test to see that a retry happened. */
    static final java.util.concurrent.atomic.AtomicInteger INJECTED = new java.util.concurrent.atomic.AtomicInteger();

    private final String specJson;
    private final String tool;
    private final boolean withAmc;
    private final boolean failFirstAttempt;
    private final Tally tally;

    /** What the tasks count for the driver: rows done and failed, the stages' seconds. */
    record Tally(LongAccumulator done, LongAccumulator failed, DoubleAccumulator amcSeconds, DoubleAccumulator captionSeconds)
            implements Serializable {
    }

    VideoRows(String specJson, String tool, boolean withAmc, boolean failFirstAttempt, Tally tally) {
        this.specJson = specJson;
        this.tool = tool;
        this.withAmc = withAmc;
        this.failFirstAttempt = failFirstAttempt;
        this.tally = tally;
    }

    @Override
    public Iterator<Row> call(Iterator<Row> videos) {
        VideoPipeline pipeline = ExecutorPipeline.of(specJson, tool, withAmc);
        TaskContext task = TaskContext.get();
        List<Row> rows = new ArrayList<>();
        while (videos.hasNext()) {
            Row video = videos.next();
            String id = video.getString(0);
            VideoResult result = process(pipeline, id, video.getString(1));
            if (result instanceof VideoResult.Success success) {
                tally.done().add(1);
                tally.amcSeconds().add(success.amcSeconds());
                tally.captionSeconds().add(success.captionSeconds());
            } else {
                tally.failed().add(1);
            }
            rows.add(result instanceof VideoResult.Success s ? RowFactory.create("done", Json.line(s.record()))
                    : RowFactory.create("failed", Json.line(((VideoResult.Failure) result).toJson())));
            if (failFirstAttempt && task != null && task.partitionId() == 0 && task.attemptNumber() == 0) {
                INJECTED.incrementAndGet();
                throw new IllegalStateException("failing the first attempt of partition 0, as the test asked");
            }
        }
        return rows.iterator();
    }

    private static VideoResult process(VideoPipeline pipeline, String id, String path) {
        URI uri = uriOf(path);
        if (uri == null || uri.getScheme() == null || uri.getScheme().equals("file")) {
            return pipeline.process(id, uri != null && "file".equals(uri.getScheme()) ? Path.of(uri) : Path.of(path));
        }
        Path local = null;
        try {
            local = Files.createTempFile("instancecap-", "-" + Path.of(uri.getPath()).getFileName());
            org.apache.hadoop.fs.Path remote = new org.apache.hadoop.fs.Path(uri);
            FileSystem fs = remote.getFileSystem(new Configuration());
            fs.copyToLocalFile(false, remote, new org.apache.hadoop.fs.Path(local.toUri()), true);
            return pipeline.process(id, local);
        } catch (IOException e) {
            return new VideoResult.Failure(id, "staging", "cannot copy " + path + " to local disk: " + e.getMessage(), e);
        } finally {
            if (local != null) {
                try {
                    Files.deleteIfExists(local);
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot remove the staged copy " + local, e);
                }
            }
        }
    }

    /** The path as a URI when it names a scheme ({@code hdfs://…}, {@code file:/…}), else null. */
    private static URI uriOf(String path) {
        if (!path.matches("^[A-Za-z][A-Za-z0-9+.-]*:.*")) {
            return null;
        }
        try {
            return URI.create(path);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
