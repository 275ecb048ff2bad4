package org.instancecap.vision.video;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The project's real test media, read in place from {@code ../shared/media} (or the directory named
 * by {@code INSTANCECAP_MEDIA}); tests that need it skip themselves with the reason when it is absent.
 */
public final class SharedMedia {

    private SharedMedia() {
    }

    /** The media directory, or the test is skipped. */
    public static Path dir() {
        String env = System.getenv("INSTANCECAP_MEDIA");
        String prop = System.getProperty("instancecap.media");
        Path dir = Path.of(env != null ? env : prop != null ? prop : "../../shared/media").toAbsolutePath().normalize();
        assumeTrue(Files.isRegularFile(dir.resolve("MANIFEST.md")),
                "shared test media not found at " + dir + " (set INSTANCECAP_MEDIA); skipping");
        return dir;
    }

    public static Path file(String relative) {
        return dir().resolve(relative);
    }

    /**
     * What ffprobe and ffmpeg found for one file, as MANIFEST.md records it.
     *
     * @param summary the manifest's "container; duration; video; audio" column
     */
    public record Expected(String path, String summary) {
        private static final Pattern FRAMES = Pattern.compile("(\\d+) frames decoded");
        private static final Pattern DURATION = Pattern.compile("; ([0-9.]+) s;");
        private static final Pattern SIZE = Pattern.compile(" (\\d+)x(\\d+) ");
        private static final Pattern ROTATION = Pattern.compile("display rotation (-?\\d+)");

        public OptionalInt frames() {
            Matcher m = FRAMES.matcher(summary);
            return m.find() ? OptionalInt.of(Integer.parseInt(m.group(1))) : OptionalInt.empty();
        }

        public OptionalDouble durationSeconds() {
            Matcher m = DURATION.matcher(summary);
            return m.find() ? OptionalDouble.of(Double.parseDouble(m.group(1))) : OptionalDouble.empty();
        }

        /** Coded width and height, before rotation. */
        public int[] codedSize() {
            Matcher m = SIZE.matcher(summary);
            return m.find() ? new int[] {Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2))} : null;
        }

        public int rotation() {
            Matcher m = ROTATION.matcher(summary);
            return m.find() ? Math.floorMod(Integer.parseInt(m.group(1)), 360) : 0;
        }

        public boolean hasAudio() {
            return summary.contains("; audio ");
        }

        /** Whether ffmpeg decoded the file at all. */
        public boolean decodable() {
            return frames().isPresent();
        }
    }

    /** The manifest's rows for files under {@code folder} ({@code videos/}, {@code edge/}...), by path. */
    public static Map<String, Expected> manifest(String folder) {
        Map<String, Expected> rows = new LinkedHashMap<>();
        try {
            List<String> lines = Files.readAllLines(dir().resolve("MANIFEST.md"));
            for (String line : lines) {
                if (!line.startsWith("| " + folder)) {
                    continue;
                }
                String[] cells = line.split("\\|");
                if (cells.length > 5) {
                    String path = cells[1].trim();
                    rows.put(path, new Expected(path, cells[5].trim()));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return rows;
    }
}
