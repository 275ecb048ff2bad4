package org.instancecap.eval.fidelity;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.instancecap.core.io.BadLine;
import org.instancecap.core.io.Utf8LineReader;
import org.instancecap.core.json.Json;
import org.instancecap.core.video.VideoFiles;

/**
 * Matches originals, regenerated videos and captions by name, never by order: a caption record's
 * {@code Video} (its file name) names the original and the regenerated video, found by file name or
 * else by the name without its extension ({@code dog.mkv} regenerated as {@code dog.mp4}). With a
 * folder of captions, or none, the originals lead: {@code <name>.txt} is each one's caption. What
 * cannot be found, or is found twice, becomes a pair with a problem.
 */
public final class FidelityPairs {

    /** The videos under a folder (or given as files), by file name and by name without extension. */
    static final class Index {
        private final String what;
        private final Path where;
        private final Map<String, List<Path>> byName = new HashMap<>();
        private final Map<String, List<Path>> byStem = new HashMap<>();
        private final List<Path> files = new ArrayList<>();

        Index(String what, Path where) {
            this.what = what;
            this.where = where;
            VideoFiles.forEach(List.of(where), file -> {
                files.add(file);
                byName.computeIfAbsent(file.getFileName().toString(), k -> new ArrayList<>()).add(file);
                byStem.computeIfAbsent(VideoFiles.stem(file), k -> new ArrayList<>()).add(file);
            });
        }

        /** The one file of that name, or the problem in words. */
        Object find(String name) {
            List<Path> found = byName.getOrDefault(name, byStem.getOrDefault(stem(name), List.of()));
            if (found.isEmpty()) {
                return "no " + what + " video named " + name + " in " + where;
            }
            if (found.size() > 1) {
                return "two or more " + what + " videos named " + name + " in " + where + ": " + found;
            }
            return found.get(0);
        }
    }

    private FidelityPairs() {
    }

    /**
     * The pairs, in the order of the captions (a JSON Lines file), else of the originals. A caption
     * line that is not valid UTF-8, not JSON or has no {@code Video} goes to {@code bad} and is skipped.
     *
     * @param captions a JSON Lines file of caption records, a folder of {@code <name>.txt}, or null
     */
    public static void forEach(Path originals, Path regenerated, Path captions, Consumer<FidelityPair> action, Consumer<BadLine> bad) {
        Index sources = new Index("original", originals);
        Index outputs = new Index("regenerated", regenerated);
        if (captions != null && Files.isRegularFile(captions)) {
            try (Utf8LineReader reader = Utf8LineReader.open(captions, bad)) {
                for (Utf8LineReader.Line line = reader.next(); line != null; line = reader.next()) {
                    FidelityPair pair = fromRecord(line, captions, sources, outputs, bad);
                    if (pair != null) {
                        action.accept(pair);
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the captions " + captions, e);
            }
            return;
        }
        for (Path original : sources.files) {
            String name = original.getFileName().toString();
            Object other = outputs.find(name);
            if (other instanceof String problem) {
                action.accept(FidelityPair.missing(name, problem));
                continue;
            }
            String text = null;
            if (captions != null) {
                Path file = captions.resolve(VideoFiles.stem(original) + ".txt");
                if (!Files.isRegularFile(file)) {
                    action.accept(FidelityPair.missing(name, "no caption " + file.getFileName() + " in " + captions));
                    continue;
                }
                try {
                    text = Files.readString(file, StandardCharsets.UTF_8);
                } catch (IOException e) {
                    action.accept(FidelityPair.missing(name, "cannot read the caption: " + e.getMessage() + " (" + file + ")"));
                    continue;
                }
            }
            action.accept(new FidelityPair(name, original, (Path) other, null, text, null));
        }
    }

    private static FidelityPair fromRecord(Utf8LineReader.Line line, Path captions, Index sources, Index outputs, Consumer<BadLine> bad) {
        JsonNode record;
        try {
            record = Json.mapper().readTree(line.text());
        } catch (IOException e) {
            bad.accept(new BadLine(captions, line.number(), "not JSON"));
            return null;
        }
        if (record == null || !record.path("Video").isTextual() || record.path("Video").asText().isBlank()) {
            bad.accept(new BadLine(captions, line.number(), "no Video field"));
            return null;
        }
        String name = fileName(record.path("Video").asText());
        Object original = sources.find(name);
        if (original instanceof String problem) {
            return FidelityPair.missing(name, problem);
        }
        Object other = outputs.find(name);
        if (other instanceof String problem) {
            return FidelityPair.missing(name, problem);
        }
        return new FidelityPair(name, (Path) original, (Path) other, record, null, null);
    }

    /** The last part of a path written with / or \. */
    static String fileName(String video) {
        String v = video.strip();
        int cut = Math.max(v.lastIndexOf('/'), v.lastIndexOf('\\'));
        return v.substring(cut + 1);
    }

    static String stem(String name) {
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }
}
