package org.instancecap.core.io;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A line of a text file that a reader skipped: the file as it was given, the line's number (from 1)
 * and why, in a few words such as {@code not valid UTF-8} or {@code not JSON}.
 */
public record BadLine(Path file, long line, String reason) {
    public BadLine {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(reason, "reason");
        if (line < 1) {
            throw new IllegalArgumentException("line must be at least 1, got " + line);
        }
    }

    /** One line for a user: {@code warning: skipped line 7 of records.jsonl: not valid UTF-8}. */
    public String warning() {
        return "warning: skipped line " + line + " of " + file + ": " + reason;
    }
}
