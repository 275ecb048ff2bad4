package org.instancecap.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.function.BiFunction;
import java.util.function.Supplier;
import org.instancecap.core.InstanceCapException;
import org.instancecap.core.io.BadLine;
import org.instancecap.core.io.SkippedLines;
import org.instancecap.core.run.BatchItem;
import org.instancecap.core.run.BatchRunner;
import org.instancecap.core.run.RunListener;
import org.instancecap.core.run.StageFailure;
import org.instancecap.core.video.VideoReadException;
import picocli.CommandLine.Model.CommandSpec;

/**
 * A batch run as people see it on stderr: the line about inputs done already, the progress, one
 * error line per failure, warnings, and the last line ({@link Progress}).
 */
final class RunDisplay implements RunListener, AutoCloseable {
    private final String task;
    private final String unit;
    private final CommandSpec spec;
    private final PrintWriter err;
    private final Supplier<String> records;
    private final BiFunction<Long, Long, String> doneAlready;
    private final SkippedLines skippedLines;
    private volatile Progress progress;

    /**
     * @param records     where the records are, for the last line
     * @param doneAlready the line for (skipped, inputs) when some inputs are done already
     */
    RunDisplay(String task, String unit, CommandSpec spec, Supplier<String> records, BiFunction<Long, Long, String> doneAlready) {
        this.spec = spec;
        this.err = spec.commandLine().getErr();
        this.task = task;
        this.unit = unit;
        this.records = records;
        this.doneAlready = doneAlready;
        this.skippedLines = SkippedLines.printingTo(err);
    }

    @Override
    public void starting(long inputs, long skipped, long duplicates) {
        if (duplicates > 0) {
            err.printf("%d of %d %s repeat one given before (the same file by another name, or the same id); each is done once%n",
                    duplicates, inputs, unit);
        }
        if (skipped > duplicates) {
            err.println(doneAlready.apply(skipped - duplicates, inputs - duplicates));
        }
        err.flush();
        progress = Progress.start(task, unit, inputs - skipped, err).skipped(skipped).records(records);
    }

    @Override
    public void done(BatchItem<?> item) {
        progress.step();
    }

    @Override
    public void failed(BatchItem<?> item, StageFailure failure) {
        Throwable reason = failure.getCause();
        progress.pauseFor(() -> Main.printError(spec, reason instanceof VideoReadException ? reason
                : new InstanceCapException(Main.message(reason) + " (" + item.id() + ")", reason)));
        progress.fail();
    }

    @Override
    public void skipped(BadLine line) {
        Runnable print = () -> skippedLines.accept(line);
        if (progress != null) {
            progress.pauseFor(print);
        } else {
            print.run();
        }
    }

    /**
     * Says how the run ended and gives the exit status: 1 when the run failed, or when failures are
     * left in {@code failuresFile} for these inputs (this run's or an earlier one's), else 0.
     */
    int exitCode(BatchRunner.Outcome outcome, Path failuresFile, String hint) {
        if (outcome.failure() != null) {
            progress.pauseFor(() -> Main.printError(spec, outcome.failure()));
            progress.stopped(hint);
            return Main.EXIT_FAILED;
        }
        if (outcome.stopped()) {
            progress.stopped(hint);
        }
        if (outcome.failedBefore() > 0) {
            progress.pauseFor(() -> {
                synchronized (err) {
                    err.printf("%d %s failed in an earlier run (in %s); --retry-failed tries them again%n", outcome.failedBefore(),
                            outcome.failedBefore() == 1 ? unit.replaceAll("s$", "") : unit, failuresFile);
                    err.flush();
                }
            });
        }
        return outcome.failuresLeft() == 0 ? 0 : Main.EXIT_FAILED;
    }

    @Override
    public void close() {
        skippedLines.finish();
        if (progress != null) {
            progress.close();
        }
    }
}
