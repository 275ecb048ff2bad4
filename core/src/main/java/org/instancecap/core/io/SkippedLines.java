package org.instancecap.core.io;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Turns skipped lines into one-line warnings: the first {@link #SHOWN_PER_FILE} of each file one by
 * one, and, from {@link #finish()}, one line per file for the rest, so a broken file cannot flood
 * the terminal. Safe to use from several threads.
 */
public final class SkippedLines implements Consumer<BadLine> {
    /** Warnings given one by one for each file. */
    public static final int SHOWN_PER_FILE = 20;

    private final Consumer<String> out;
    private final Map<Path, Long> counts = new LinkedHashMap<>();

    /** Hands each warning to {@code out} as it comes ({@code list::add} collects them). */
    public SkippedLines(Consumer<String> out) {
        this.out = out;
    }

    /** Prints each warning as a line of {@code err}, flushed at once. */
    public static SkippedLines printingTo(PrintWriter err) {
        return new SkippedLines(line -> {
            err.println(line);
            err.flush();
        });
    }

    @Override
    public synchronized void accept(BadLine bad) {
        long count = counts.merge(bad.file(), 1L, Long::sum);
        if (count <= SHOWN_PER_FILE) {
            out.accept(bad.warning());
        }
    }

    /** How many lines were skipped, in all files together. */
    public synchronized long count() {
        return counts.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Says how many lines of each file were skipped beyond those shown; call once, when reading is done. */
    public synchronized void finish() {
        counts.forEach((file, count) -> {
            if (count > SHOWN_PER_FILE) {
                out.accept("warning: skipped " + (count - SHOWN_PER_FILE) + " more lines of " + file + " (" + count + " in all)");
            }
        });
    }
}
