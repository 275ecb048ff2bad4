package org.instancecap.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/** A progress bar on stderr for long work, shown only when a person is watching a terminal. */
final class Progress implements AutoCloseable {

    /**
     * Runs {@code work} on each file; a file that fails gets its one error line and the others go on.
     *
     * @return the exit status: 0 when every file succeeded
     */
    static int eachFile(String task, List<Path> files, PrintWriter err, Consumer<Path> work) {
        int failed = 0;
        try (Progress progress = start(task, files.size())) {
            for (Path file : files) {
                try {
                    work.accept(file);
                } catch (RuntimeException e) {
                    progress.pauseFor(() -> Main.printError(err, e));
                    failed++;
                }
                progress.step();
            }
        }
        return failed == 0 ? 0 : Main.EXIT_FAILED;
    }

    private final ProgressBar bar;

    private Progress(ProgressBar bar) {
        this.bar = bar;
    }

    private static Progress start(String task, long total) {
        if (System.console() == null || total < 2) {
            return new Progress(null);
        }
        ProgressBar bar = new ProgressBarBuilder()
                .setTaskName(task)
                .setInitialMax(total)
                .setStyle(ProgressBarStyle.ASCII)
                .continuousUpdate()
                .clearDisplayOnFinish()
                .build();
        return new Progress(bar);
    }

    void step() {
        if (bar != null) {
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

    @Override
    public void close() {
        if (bar != null) {
            bar.close();
        }
    }
}
