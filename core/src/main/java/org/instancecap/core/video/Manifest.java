package org.instancecap.core.video;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import org.instancecap.core.InstanceCapException;
import org.instancecap.core.json.Json;

/** A list of videos in a CSV or JSON Lines file, read line by line. */
final class Manifest {

    /** Column or field names that hold the video's path, in order of preference. */
    private static final List<String> PATH_NAMES = List.of("path", "video", "file");

    private Manifest() {
    }

    /** The manifest's videos, relative to it, one at a time as its lines are read. */
    static void each(Path manifest, Consumer<Path> action) {
        Path base = manifest.toAbsolutePath().getParent();
        boolean csv = manifest.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".csv");
        try (BufferedReader reader = Files.newBufferedReader(manifest, StandardCharsets.UTF_8)) {
            int column = -1;
            String line;
            int number = 0;
            while ((line = reader.readLine()) != null) {
                number++;
                if (line.isBlank()) {
                    continue;
                }
                String path;
                if (csv) {
                    List<String> cells = cells(line);
                    if (column < 0) {
                        column = pathColumn(cells);
                        continue;
                    }
                    path = column < cells.size() ? cells.get(column) : "";
                } else {
                    path = jsonPath(line, manifest, number);
                }
                if (!path.isBlank()) {
                    action.accept(base.resolve(path.strip()));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the manifest " + manifest, e);
        }
    }

    private static int pathColumn(List<String> header) {
        for (String name : PATH_NAMES) {
            for (int i = 0; i < header.size(); i++) {
                if (header.get(i).strip().equalsIgnoreCase(name)) {
                    return i;
                }
            }
        }
        return 0;
    }

    private static String jsonPath(String line, Path manifest, int number) {
        try {
            JsonNode record = Json.mapper().readTree(line);
            for (String name : PATH_NAMES) {
                for (String key : List.of(name, name.substring(0, 1).toUpperCase(Locale.ROOT) + name.substring(1))) {
                    if (record.hasNonNull(key)) {
                        return record.get(key).asText();
                    }
                }
            }
            throw new InstanceCapException("manifest line " + number + " has no path, video or file field (" + manifest + ")");
        } catch (IOException e) {
            throw new InstanceCapException("manifest line " + number + " is not JSON (" + manifest + ")", e);
        }
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
