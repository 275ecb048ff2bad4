package org.instancecap.core.run;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A JSON Lines file a run appends to, one whole line per write, flushed at once. Before a run
 * appends, {@link #cut} repairs it: a line cut short by a killed run or a full disk is cut off,
 * never left behind unparsable, and lines past what the run's journal knows of (written just
 * before a kill, before their journal entry) are cut off too, so that a rerun writes them exactly
 * once. Safe to share between threads.
 */
public final class LineFile implements RecordSink {
    private final Path file;
    private final OutputStream out;

    private LineFile(Path file, OutputStream out) {
        this.file = file;
        this.out = out;
    }

    /** Opens {@code file} for appending (created if needed); repair it with {@link #cut} first. */
    public static LineFile open(Path file) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            // a plain stream, not a channel: an interrupted thread (a pool shut down) must not close the file for everyone
            return new LineFile(file, new java.io.FileOutputStream(file.toFile(), true));
        } catch (IOException e) {
            throw new RunFailureException("cannot open " + file + ": " + RunFailureException.reason(e), e);
        }
    }

    /** Starts {@code file} afresh, empty. */
    public static LineFile create(Path file) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            return new LineFile(file, new java.io.FileOutputStream(file.toFile()));
        } catch (IOException e) {
            throw new RunFailureException("cannot create " + file + ": " + RunFailureException.reason(e), e);
        }
    }

    /**
     * Cuts {@code file} after its {@code keep}-th whole line ({@code -1}: after its last whole line,
     * so only a torn tail goes); returns the whole lines left, 0 for a file that is not there.
     */
    public static long cut(Path file, long keep) throws IOException {
        if (!Files.exists(file)) {
            return 0;
        }
        long lines = 0;
        long end = 0; // just after the last newline kept
        long position = 0;
        byte[] buffer = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n = in.read(buffer); n > 0 && (keep < 0 || lines < keep); n = in.read(buffer)) {
                for (int i = 0; i < n && (keep < 0 || lines < keep); i++) {
                    if (buffer[i] == '\n') {
                        lines++;
                        end = position + i + 1;
                    }
                }
                position += n;
            }
        }
        if (end < Files.size(file)) {
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
                channel.truncate(end);
            }
        }
        return lines;
    }

    @Override
    public void write(String jsonLine) {
        byte[] bytes = (jsonLine + "\n").getBytes(StandardCharsets.UTF_8);
        synchronized (this) {
            try {
                out.write(bytes);
                out.flush();
            } catch (IOException e) {
                throw new RunFailureException("cannot write to " + file + ": " + RunFailureException.reason(e), e);
            }
        }
    }

    public Path path() {
        return file;
    }

    @Override
    public void close() {
        try {
            out.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close " + file, e);
        }
    }
}
