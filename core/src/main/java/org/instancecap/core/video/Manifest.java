package org.instancecap.core.video;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import org.instancecap.core.io.BadLine;
import org.instancecap.core.io.Utf8LineReader;
import org.instancecap.core.json.JsonLinesReader;

/** A list of videos in a CSV or JSON Lines file, read line by line. */
final class Manifest {

    /** Column or field names that hold the video's path, in order of preference. */
    private static final List<String> PATH_NAMES = List.of("path", "video", "file");
    /** Column or field names, in any case, that hold the manifest's own id, in order of preference. */
    private static final List<String> ID_NAMES = List.of("id", "key");

    private Manifest() {
    }

    /**
     * The manifest's videos, relative to it, one at a time as its lines are read; lines that cannot
     * be read, and JSON records with no path, go to {@code bad}.
     */
    static void each(Path manifest, Consumer<VideoInput> action, Consumer<BadLine> bad) {
        Path base = manifest.toAbsolutePath().getParent();
        try {
            if (manifest.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".csv")) {
                eachCsv(manifest, base, action, bad);
            } else {
                eachJson(manifest, base, action, bad);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the manifest " + manifest, e);
        }
    }

    /** The first line read is the header; without a path column the first column holds the paths. */
    private static void eachCsv(Path manifest, Path base, Consumer<VideoInput> action, Consumer<BadLine> bad) throws IOException {
        try (Utf8LineReader lines = Utf8LineReader.open(manifest, bad)) {
            int pathColumn = -1;
            int idColumn = -1;
            for (Utf8LineReader.Line line; (line = lines.next()) != null; ) {
                List<String> cells = cells(line.text());
                if (pathColumn < 0) {
                    pathColumn = Math.max(0, column(cells, PATH_NAMES));
                    idColumn = column(cells, ID_NAMES);
                    continue;
                }
                String path = cell(cells, pathColumn);
                if (!path.isEmpty()) {
                    action.accept(new VideoInput(emptyToNull(cell(cells, idColumn)), base.resolve(path)));
                }
            }
        }
    }

    private static void eachJson(Path manifest, Path base, Consumer<VideoInput> action, Consumer<BadLine> bad) throws IOException {
        JsonLinesReader.forEach(manifest, (number, record) -> {
            String path = jsonPath(record);
            if (path == null) {
                bad.accept(new BadLine(manifest, number, "no path, video or file field"));
            } else if (!path.isBlank()) {
                action.accept(new VideoInput(jsonId(record), base.resolve(path.strip())));
            }
        }, bad);
    }

    /** The index of the first of {@code names} in {@code header}, in any case; -1 when none is there. */
    private static int column(List<String> header, List<String> names) {
        for (String name : names) {
            for (int i = 0; i < header.size(); i++) {
                if (header.get(i).strip().equalsIgnoreCase(name)) {
                    return i;
                }
            }
        }
        return -1;
    }

    private static String cell(List<String> cells, int column) {
        return column >= 0 && column < cells.size() ? cells.get(column).strip() : "";
    }

    private static String emptyToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }

    /** The path field (also capitalised, as InstanceCap's own records write {@code Video}); null when there is none. */
    private static String jsonPath(ObjectNode record) {
        for (String name : PATH_NAMES) {
            for (String key : List.of(name, name.substring(0, 1).toUpperCase(Locale.ROOT) + name.substring(1))) {
                if (record.hasNonNull(key)) {
                    return record.get(key).asText();
                }
            }
        }
        return null;
    }

    private static String jsonId(ObjectNode record) {
        for (String name : ID_NAMES) {
            for (Iterator<String> keys = record.fieldNames(); keys.hasNext(); ) {
                String key = keys.next();
                JsonNode value = record.get(key);
                if (key.equalsIgnoreCase(name) && value.isValueNode() && !value.isNull()) {
                    return emptyToNull(value.asText());
                }
            }
        }
        return null;
    }

    /** The cells of a CSV line: commas separate, double quotes protect commas and quotes ("" is a quote). */
    static List<String> cells(String line) {
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    cell.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                cells.add(cell.toString());
                cell.setLength(0);
            } else {
                cell.append(c);
            }
        }
        cells.add(cell.toString());
        return cells;
    }
}
