package org.instancecap.core.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.instancecap.core.io.BadLine;
import org.instancecap.core.io.FileTrees;
import org.instancecap.core.json.Json;
import org.instancecap.core.json.JsonLinesReader;

/**
 * What a run has done, one JSON line per finished item, appended after the item's outputs:
 * {@code {"key":…,"id":…,"done":true,"lines":{"records":1}}} or
 * {@code {"key":…,"id":…,"failed":"decode","lines":{"errors":1}}}. It is the truth a rerun goes
 * by: an item is done or failed by its last entry, and each output keeps as many lines as the
 * entries say it was given. Keys are held as hashes ({@link KeyTable}).
 */
public final class RunJournal implements AutoCloseable {
    private final Path file;
    private final KeyTable keys;
    private final Map<String, Long> lines;
    private LineFile out;

    private RunJournal(Path file, KeyTable keys, Map<String, Long> lines) {
        this.file = file;
        this.keys = keys;
        this.lines = lines;
    }

    /** Whether a journal was written at {@code file} before. */
    public static boolean exists(Path file) {
        return Files.exists(file);
    }

    /**
     * Reads the journal, if there is one: a torn last line is cut off; other unreadable lines are
     * skipped, each said to {@code warnings}.
     */
    public static RunJournal read(Path file, Consumer<BadLine> warnings) {
        KeyTable keys = new KeyTable();
        Map<String, Long> lines = new LinkedHashMap<>();
        if (Files.exists(file)) {
            try {
                LineFile.cut(file, -1);
            } catch (IOException e) {
                throw new RunFailureException("cannot repair " + file + ": " + RunFailureException.reason(e), e);
            }
            read(file, entry -> take(entry, keys, lines), warnings);
        }
        return new RunJournal(file, keys, lines);
    }

    /** Opens the journal for {@link #append}ing (creating it). */
    public void open() {
        if (out == null) {
            out = LineFile.open(file);
        }
    }

    private static void take(JsonNode entry, KeyTable keys, Map<String, Long> lines) {
        String key = entry.path("key").asText(null);
        if (key != null && entry.path("done").asBoolean(false)) {
            keys.update(key, KeyTable.DONE, KeyTable.FAILED);
        } else if (key != null && entry.hasNonNull("failed")) {
            keys.update(key, KeyTable.FAILED, KeyTable.DONE);
        }
        entry.path("lines").fields().forEachRemaining(f -> lines.merge(f.getKey(), f.getValue().asLong(), Long::sum));
    }

    /** Lines the journal says {@code output} was given, over every run. */
    public long lines(String output) {
        return lines.getOrDefault(output, 0L);
    }

    KeyTable keys() {
        return keys;
    }

    /** Appends the entry of a finished item: done, or failed in {@code stage} (null: done). */
    public void append(String key, String id, String failedStage, Map<String, Integer> written) {
        ObjectNode entry = Json.mapper().createObjectNode();
        entry.put("key", key);
        entry.put("id", id);
        if (failedStage == null) {
            entry.put("done", true);
        } else {
            entry.put("failed", failedStage);
        }
        ObjectNode counts = entry.putObject("lines");
        written.forEach(counts::put);
        out.write(Json.line(entry));
    }

    /**
     * Rewrites the journal without its failures (their items are to be tried again) and without
     * what it says of {@code dropped} outputs' lines (those outputs are emptied by the caller).
     */
    public static void dropFailures(Path file, List<String> dropped, Consumer<BadLine> warnings) throws IOException {
        if (!Files.exists(file)) {
            return;
        }
        Path tmp = FileTrees.temporaryBeside(file);
        try (BufferedWriter out = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
            read(file, entry -> {
                if (entry.hasNonNull("failed")) {
                    return;
                }
                if (entry.get("lines") instanceof ObjectNode counts) {
                    dropped.forEach(counts::remove);
                }
                try {
                    out.write(Json.line(entry));
                    out.write('\n');
                } catch (IOException e) {
                    throw new RunFailureException("cannot write " + tmp + ": " + RunFailureException.reason(e), e);
                }
            }, warnings);
        }
        FileTrees.replace(tmp, file);
    }

    /** The JSON objects of a JSON Lines file; what is not one is handed to {@code bad}. */
    static void read(Path file, Consumer<ObjectNode> each, Consumer<BadLine> bad) {
        try {
            JsonLinesReader.forEach(file, (number, record) -> each.accept(record), bad);
        } catch (IOException e) {
            throw new RunFailureException("cannot read " + file + ": " + RunFailureException.reason(e), e);
        }
    }

    public Path path() {
        return file;
    }

    @Override
    public void close() {
        if (out != null) {
            out.close();
        }
    }
}
