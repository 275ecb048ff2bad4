package org.instancecap.core.llm;

import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.net.http.HttpTimeoutException;
import java.nio.charset.CharacterCodingException;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLException;

/** What went wrong on the way to a server, in words a user reads, never an exception's class name. */
public final class ConnectionFailures {
    private ConnectionFailures() {
    }

    /**
     * The first failure of the connection in {@code e}'s causes, in words ("connection refused",
     * "timed out after 3 s"...), or null when none of them is one.
     *
     * @param timeout the limit that a timeout ran into, for the words
     */
    public static String inWords(Throwable e, Duration timeout) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof ConnectException) {
                return "connection refused";
            }
            if (cause instanceof HttpTimeoutException || cause instanceof SocketTimeoutException || cause instanceof TimeoutException) {
                return "timed out after " + seconds(timeout);
            }
            if (cause instanceof UnknownHostException) {
                return cause.getMessage() == null ? "unknown host" : "unknown host " + cause.getMessage();
            }
            if (cause instanceof SSLException) {
                return "TLS failure" + (cause.getMessage() == null ? "" : ": " + cause.getMessage().lines().findFirst().orElse(""));
            }
            if (cause instanceof CharacterCodingException) {
                return "the answer is not valid UTF-8";
            }
            if (cause instanceof IOException) {
                return "connection closed before an answer came";
            }
        }
        return null;
    }

    /** {@code 3 s}, {@code 0.8 s}. */
    public static String seconds(Duration duration) {
        long millis = duration.toMillis();
        return millis % 1000 == 0 ? millis / 1000 + " s" : String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
    }
}
