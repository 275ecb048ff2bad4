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
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Where long work stands, on stderr: a bar with rate, time left and failures when a person watches a
 * terminal; otherwise (a log file, a batch system) a plain line every
 * {@code INSTANCECAP_PROGRESS_SECONDS} seconds (default 30) and one at the end.
 */
final class Progress implements AutoCloseable {
    private static final long DEFAULT_PERIOD_SECONDS = 30;

    /**
     * Runs {@code work} on each file; a file that fails gets its one error line and the others go on.
     *
     * @return the exit status: 0 when every file succeeded
     */
    static int eachFile(String task, List<Path> files, PrintWriter err, Consumer<Path> work) {
        int failed = 0;
        try (Progress progress = start(task, files.size(), err)) {
            for (Path file : files) {
                try {
                    work.accept(file);
                    progress.step();
                } catch (RuntimeException e) {
                    progress.pauseFor(() -> Main.printError(err, e));
                    progress.fail();
                    failed++;
                }
            }
        }
        return failed == 0 ? 0 : Main.EXIT_FAILED;
    }

    private final String task;
    private final long total;
    private final PrintWriter err;
    private final ProgressBar bar;
    private final ScheduledExecutorService ticker;
    private final long started = System.nanoTime();
    private final AtomicLong done = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private volatile boolean printed;

    private Progress(String task, long total, PrintWriter err, boolean terminal) {
        this.task = task;
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
                    .setUnit(" videos", 1)
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
        return new Progress(task, total, err, terminal);
    }

    /** One item succeeded. */
    void step() {
        done.incrementAndGet();
        if (bar != null) {
            bar.step();
        }
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
            System.err.print("\r\033[K");
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
        printed = true;
        synchronized (err) {
            err.println(line());
            err.flush();
        }
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
            if (printed) {
                printLine(); // the last word for logs that saw the others; short runs stay quiet
            }
        }
    }
}
