package org.instancecap.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Supplier;
import picocli.CommandLine.Model.CommandSpec;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Where long work stands, on stderr: a bar with rate, time left and failures when a person watches a
 * terminal; otherwise (a log file, a batch system) a plain line every
 * {@code INSTANCECAP_PROGRESS_SECONDS} seconds (default 30). Every run ends with one line that stays:
 * counts, time, rate and where the records are.
 */
final class Progress implements AutoCloseable {
    private static final long DEFAULT_PERIOD_SECONDS = 30;

    /**
     * Runs {@code work} on each file; a file that fails gets its one error line and the others go on.
     * Ctrl-C or SIGTERM lets the file at hand finish (for a while) and takes no other.
     *
     * @return the exit status: 0 when every file succeeded
     */
    static int eachFile(String task, List<Path> files, CommandSpec spec, Consumer<Path> work) {
        return eachFile(task, files, spec, null, work);
    }

    /** {@link #eachFile(String, List, CommandSpec, Consumer)}, its last line saying where the outputs are ({@code records}). */
    static int eachFile(String task, List<Path> files, CommandSpec spec, Supplier<String> records, Consumer<Path> work) {
        PrintWriter err = spec.commandLine().getErr();
        int failed = 0;
        StopSignal stop = StopSignal.current();
        try (Progress progress = start(task, files.size(), err).records(records)) {
            for (Path file : files) {
                if (stop.requested()) {
                    progress.stopped(null);
                    break;
                }
                try {
                    work.accept(file);
                    progress.step();
                } catch (RuntimeException e) {
                    progress.pauseFor(() -> Main.printError(spec, e));
                    progress.fail();
                    failed++;
                }
            }
        }
        return failed == 0 ? 0 : Main.EXIT_FAILED;
    }

    private final String task;
    private final String unit;
    private final long total;
    private final PrintWriter err;
    private final ProgressBar bar;
    private final ScheduledExecutorService ticker;
    private final long started = System.nanoTime();
    private final AtomicLong done = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong skipped = new AtomicLong();
    private volatile Supplier<String> records = () -> null;
    private volatile String stopHint;
    private volatile boolean stopped;

    private Progress(String task, String unit, long total, PrintWriter err, boolean terminal) {
        this.task = task;
        this.unit = unit;
        this.total = total;
        this.err = err;
        if (total < 2) {
            bar = null;
            ticker = null;
        } else if (terminal) {
            bar = new ProgressBarBuilder()
                    .setTaskName(task)
                    .setInitialMax(total)
                    .setStyle(ProgressBarStyle.ASCII)
                    .setUnit(" " + unit, 1)
                    .showSpeed()
                    .setSpeedUnit(java.time.temporal.ChronoUnit.MINUTES)
                    .continuousUpdate()
                    .clearDisplayOnFinish()
                    .build();
            ticker = null;
        } else {
            bar = null;
            ticker = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named(task + "-progress"));
            long period = periodSeconds();
            ticker.scheduleAtFixedRate(this::printLine, period, period, TimeUnit.SECONDS);
        }
    }

    /** Progress over {@code total} items, drawn as a bar only when stderr is a terminal. */
    static Progress start(String task, long total, PrintWriter err) {
        return start(task, total, err, System.console() != null);
    }

    static Progress start(String task, long total, PrintWriter err, boolean terminal) {
        return new Progress(task, "videos", total, err, terminal);
    }

    /** Progress over {@code total} things called {@code unit} ("prompts"), a bar only on a terminal. */
    static Progress start(String task, String unit, long total, PrintWriter err) {
        return new Progress(task, unit, total, err, System.console() != null);
    }

    static Progress start(String task, String unit, long total, PrintWriter err, boolean terminal) {
        return new Progress(task, unit, total, err, terminal);
    }

    /** Where the records are, for the last line: {@code records in a.jsonl, failures in a.jsonl.errors.jsonl}. */
    Progress records(String where) {
        records = () -> where;
        return this;
    }

    /** {@link #records(String)}, asked at the end (null: nothing to say). */
    Progress records(Supplier<String> where) {
        records = where == null ? () -> null : where;
        return this;
    }

    /** {@code count} items were done by an earlier run and are not counted in the total. */
    Progress skipped(long count) {
        skipped.set(count);
        return this;
    }

    /**
     * The run was stopped before its end: the last line says so, with {@code hint} after it (null:
     * none), e.g. {@code run the same command again to continue}.
     */
    void stopped(String hint) {
        stopHint = hint;
        stopped = true;
    }

    /** One item succeeded. */
    void step() {
        done.incrementAndGet();
        if (bar != null) {
            bar.step();
        }
    }

    /** Items done so far, failed or not. */
    long finished() {
        return done.get();
    }

    /** One item failed. */
    void fail() {
        done.incrementAndGet();
        long failures = failed.incrementAndGet();
        if (bar != null) {
            bar.setExtraMessage(", " + failures + " failed");
            bar.step();
        }
    }

    /** Runs {@code print} on a clean line, so that messages are not mixed into the bar. */
    void pauseFor(Runnable print) {
        if (bar != null) {
            synchronized (err) {
                err.print("\r\033[K");
            }
        }
        print.run();
    }

    /** {@code caption: 120/1000 (12.0%), 3 failed, 4.2/min, about 3h29m left}. */
    String line() {
        long finished = done.get();
        double minutes = (System.nanoTime() - started) / 60e9;
        double rate = minutes > 0 ? finished / minutes : 0;
        String left = rate > 0 && finished < total ? ", about " + duration((total - finished) / rate * 60) + " left" : "";
        return String.format(Locale.ROOT, "%s: %d/%d (%.1f%%), %d failed, %.1f/min%s", task, finished, total,
                100.0 * finished / Math.max(1, total), failed.get(), rate, left);
    }

    private void printLine() {
        synchronized (err) {
            err.println(line());
            err.flush();
        }
    }

    /**
     * The last line, which stays: {@code caption: 11 done, 0 failed, 3 skipped in 25.1 s (26.3/min);
     * records in captions.jsonl, failures in captions.jsonl.errors.jsonl}; or, for a stopped run,
     * {@code caption: stopped after 4 of 11 videos; run the same command again to continue}.
     */
    String lastLine() {
        long finished = done.get();
        if (stopped) {
            return String.format(Locale.ROOT, "%s: stopped after %d of %d %s%s", task, finished, total, unit,
                    stopHint == null ? "" : "; " + stopHint);
        }
        String where = records.get();
        double seconds = (System.nanoTime() - started) / 1e9;
        double rate = seconds > 0 ? finished / (seconds / 60) : 0;
        String time = seconds < 60 ? String.format(Locale.ROOT, "%.1f s", seconds) : duration(seconds);
        return String.format(Locale.ROOT, "%s: %d done, %d failed, %d skipped in %s (%.1f/min)%s", task,
                finished - failed.get(), failed.get(), skipped.get(), time, rate, where == null ? "" : "; " + where);
    }

    private static String duration(double seconds) {
        long s = Math.round(seconds);
        if (s < 60) {
            return s + "s";
        }
        if (s < 3600) {
            return (s / 60) + "m" + String.format(Locale.ROOT, "%02ds", s % 60);
        }
        return (s / 3600) + "h" + String.format(Locale.ROOT, "%02dm", (s % 3600) / 60);
    }

    private static long periodSeconds() {
        String text = System.getenv("INSTANCECAP_PROGRESS_SECONDS");
        if (text == null) {
            text = System.getProperty("instancecap.progress.seconds");
        }
        try {
            return text == null ? DEFAULT_PERIOD_SECONDS : Math.max(1, Long.parseLong(text.trim()));
        } catch (NumberFormatException e) {
            return DEFAULT_PERIOD_SECONDS;
        }
    }

    @Override
    public void close() {
        if (bar != null) {
            bar.close();
        }
        if (ticker != null) {
            ticker.shutdownNow();
        }
        synchronized (err) {
            err.println(lastLine()); // even for runs shorter than the interval, and after the bar is cleared
            err.flush();
        }
    }
}
