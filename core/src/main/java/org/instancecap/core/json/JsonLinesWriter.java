package org.instancecap.core.json;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One JSON record per line, each written whole and flushed at once, so a killed run loses at most
 * the line being written. Safe to use from several threads.
 */
public final class JsonLinesWriter implements AutoCloseable {
    private final Writer out;

    private JsonLinesWriter(Writer out) {
        this.out = out;
    }

    /** Appends to {@code file}, first ending a line an interrupted run cut short. */
    public static JsonLinesWriter append(Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        boolean cutShort = Files.exists(file) && Files.size(file) > 0 && !endsWithNewline(file);
        Writer writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        if (cutShort) {
            writer.write('\n');
        }
        return new JsonLinesWriter(writer);
    }

    /** Starts {@code file} afresh. */
    public static JsonLinesWriter create(Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        return new JsonLinesWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8));
    }

    public void write(Object record) {
        String line = Json.line(record) + "\n";
        synchronized (out) {
            try {
                out.write(line);
                out.flush();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write a record", e);
            }
        }
    }

    private static boolean endsWithNewline(Path file) throws IOException {
        try (SeekableByteChannel channel = Files.newByteChannel(file)) {
            channel.position(channel.size() - 1);
            ByteBuffer last = ByteBuffer.allocate(1);
            channel.read(last);
            return last.get(0) == '\n';
        }
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
