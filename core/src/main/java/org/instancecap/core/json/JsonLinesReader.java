package org.instancecap.core.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.instancecap.core.io.BadLine;
import org.instancecap.core.io.Utf8LineReader;

/**
 * Reads a JSON Lines file one record at a time, holding one line at a time, so files of any length
 * stream. Lines that are not valid UTF-8, not JSON, or JSON but not an object go to the bad-line
 * handler with their number and are skipped; blank lines are skipped silently. A last line with no
 * newline after it (the torn tail of a killed run) is used when it parses and reported when not.
 * Not safe for several threads.
 */
public final class JsonLinesReader implements AutoCloseable {
    /** One record and the number of its line, from 1. */
    public record Line(long number, ObjectNode record) {
    }

    /** What to do with each record of {@link #forEach}. */
    @FunctionalInterface
    public interface LineHandler {
        void accept(long number, ObjectNode record);
    }

    // two records written into one line by racing writers must not pass for the first alone
    private static final ObjectReader READER = Json.mapper().reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private final Utf8LineReader lines;
    private final Consumer<BadLine> bad;

    private JsonLinesReader(Utf8LineReader lines, Consumer<BadLine> bad) {
        this.lines = lines;
        this.bad = bad;
    }

    /** Opens {@code file}; each line skipped goes to {@code bad} ({@code bad -> {}} to ignore them). */
    public static JsonLinesReader open(Path file, Consumer<BadLine> bad) throws IOException {
        return new JsonLinesReader(Utf8LineReader.open(file, bad), bad);
    }

    /** Hands each record of {@code file} to {@code handler} in file order, and each line skipped to {@code bad}. */
    public static void forEach(Path file, LineHandler handler, Consumer<BadLine> bad) throws IOException {
        try (JsonLinesReader reader = open(file, bad)) {
            for (Line line; (line = reader.next()) != null; ) {
                handler.accept(line.number(), line.record());
            }
        }
    }

    /** The next record, or null at the end of the file. */
    public Line next() throws IOException {
        for (Utf8LineReader.Line line; (line = lines.next()) != null; ) {
            JsonNode node;
            try {
                node = READER.readTree(line.text());
            } catch (JsonProcessingException e) {
                bad.accept(new BadLine(lines.file(), line.number(),
                        line.ended() ? "not JSON" : "not JSON (cut short: the file does not end with a newline)"));
                continue;
            }
            if (node instanceof ObjectNode record) {
                return new Line(line.number(), record);
            }
            bad.accept(new BadLine(lines.file(), line.number(), "not a JSON object"));
        }
        return null;
    }

    @Override
    public void close() throws IOException {
        lines.close();
    }
}
