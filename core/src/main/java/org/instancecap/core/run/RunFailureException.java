package org.instancecap.core.run;

import java.io.IOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import org.instancecap.core.InstanceCapException;

/**
 * A failure of the run itself, not of the item at hand: the output cannot be written (a full disk,
 * a read-only folder) or the server cannot be reached at all. The run stops with one line, and the
 * items it was working on are not written down as failed, so that a rerun does them.
 */
public class RunFailureException extends InstanceCapException {
    public RunFailureException(String message, Throwable cause) {
        super(message, cause);
    }

    /** Whether {@code e} is of the run: an output that cannot be written, or a server that cannot be reached. */
    public static boolean ofTheRun(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof RunFailureException || cause instanceof ConnectException || cause instanceof UnknownHostException
                    || cause instanceof IOException io && outOfSpace(io)) {
                return true;
            }
        }
        return false;
    }

    /** An I/O failure in words: "No space left on device" rather than a class name. */
    public static String reason(IOException e) {
        String message = e.getMessage();
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof java.nio.file.NoSuchFileException) {
            return "no such file or folder";
        }
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }

    private static boolean outOfSpace(IOException e) {
        String message = e.getMessage();
        return message != null && (message.contains("No space left on device") || message.contains("Disk quota exceeded"));
    }
}
