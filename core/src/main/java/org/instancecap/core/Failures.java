package org.instancecap.core;

import java.io.UncheckedIOException;
import org.instancecap.core.video.VideoReadException;

/** Failures in words a user reads: the reason of an error line or an error record, never a class name. */
public final class Failures {
    private Failures() {
    }

    /** {@code e} in words: its own message when it has a good one, else what it means ("connection refused"). */
    public static String inWords(Throwable e) {
        if (e instanceof VideoReadException v) {
            return v.reason() + " (" + v.file() + ")";
        }
        if (e instanceof InstanceCapException || e instanceof IllegalArgumentException) {
            return e.getMessage();
        }
        if (e instanceof UncheckedIOException u) {
            return u.getMessage() + ": " + inWords(u.getCause());
        }
        if (e instanceof OutOfMemoryError) {
            return "out of memory; give the JVM more with JAVA_OPTS=-Xmx8g";
        }
        String words = lowLevel(e);
        if (words != null) {
            return words;
        }
        if (e.getCause() != null && e.getCause() != e && (e.getMessage() == null || e.getMessage().equals(e.getCause().toString()))) {
            return inWords(e.getCause()); // a wrapper that says nothing of its own
        }
        String text = e.getMessage();
        return text == null || text.isBlank() ? "something went wrong (" + plainName(e) + ")" : text;
    }

    /** What a low-level exception means, in words; null when it is not one of these. */
    private static String lowLevel(Throwable e) {
        String text = e.getMessage();
        String about = text == null || text.isBlank() ? "" : " (" + text + ")";
        if (e instanceof java.net.ConnectException) {
            return "connection refused" + about;
        }
        if (e instanceof java.net.UnknownHostException) {
            return "unknown host" + (text == null || text.isBlank() ? "" : " " + text);
        }
        if (e instanceof java.net.SocketTimeoutException || e instanceof java.net.http.HttpTimeoutException
                || e instanceof java.util.concurrent.TimeoutException || e instanceof java.io.InterruptedIOException) {
            return "timed out" + about;
        }
        if (e instanceof java.nio.charset.CharacterCodingException || e instanceof java.io.CharConversionException) {
            return "not valid UTF-8" + about(e, "Input length");
        }
        if (e instanceof java.nio.file.NoSuchFileException f) {
            return "no such file" + (f.getFile() == null ? "" : ": " + f.getFile());
        }
        if (e instanceof java.nio.file.AccessDeniedException f) {
            return "permission denied" + (f.getFile() == null ? "" : ": " + f.getFile());
        }
        if (e instanceof java.nio.file.FileAlreadyExistsException f) {
            return "already exists" + (f.getFile() == null ? "" : ": " + f.getFile());
        }
        if (e instanceof java.nio.file.NotDirectoryException f) {
            return "not a folder" + (f.getFile() == null ? "" : ": " + f.getFile());
        }
        if (e instanceof java.nio.file.DirectoryNotEmptyException f) {
            return "folder not empty" + (f.getFile() == null ? "" : ": " + f.getFile());
        }
        if (e instanceof java.io.FileNotFoundException) {
            return "cannot open" + (text == null ? "" : " " + text);
        }
        if (e instanceof java.io.EOFException) {
            return "the data ends too early" + about;
        }
        return null;
    }

    /** The message of {@code e} unless it is only the JDK's terse detail (e.g. "Input length = 1"). */
    private static String about(Throwable e, String terse) {
        String text = e.getMessage();
        return text == null || text.isBlank() || text.startsWith(terse) ? "" : " (" + text + ")";
    }

    /** "NullPointerException" as "null pointer", for the rare error with no message at all. */
    private static String plainName(Throwable e) {
        String name = e.getClass().getSimpleName().replaceAll("(Exception|Error)$", "");
        return name.replaceAll("([a-z])([A-Z])", "$1 $2").toLowerCase(java.util.Locale.ROOT);
    }
}
