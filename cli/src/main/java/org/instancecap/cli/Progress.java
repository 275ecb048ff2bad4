package org.instancecap.cli;

import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/** A progress bar on stderr for long work, shown only when a person is watching a terminal. */
final class Progress implements AutoCloseable {
    private final ProgressBar bar;

    private Progress(ProgressBar bar) {
        this.bar = bar;
    }

    static Progress start(String task, long total, boolean wanted) {
        if (!wanted || System.console() == null || total < 2) {
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
