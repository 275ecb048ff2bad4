package org.instancecap.core.video;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.instancecap.core.InstanceCapException;
import org.instancecap.core.io.BadLine;

/** Turns the paths a user gives into the video files to process. */
public final class VideoFiles {
    /** Extensions taken when walking a directory; a file named explicitly is taken whatever its name. */
    public static final Set<String> VIDEO_EXTENSIONS = Set.of(
            "mp4", "m4v", "mov", "mkv", "webm", "avi", "flv", "gif", "3gp", "3g2", "mpg", "mpeg", "ts",
            "mts", "m2ts", "wmv", "ogv", "asf", "vob", "mxf");

    private VideoFiles() {
    }

    /**
     * Files as given, in order; directories replaced by the video files below them, sorted by path;
     * manifests ({@code .csv} with a {@code path}, {@code video} or {@code file} column, or
     * {@code .jsonl} with such a field) replaced by the videos they list, relative to the manifest.
     * A path that does not exist is kept, so that reading it reports the error for that file.
     */
    public static List<Path> expand(List<Path> inputs) {
        List<Path> files = new ArrayList<>();
        forEach(inputs, files::add);
        return files;
    }

    /**
     * The files of {@link #expand}, one at a time, so that a manifest of any length costs no memory
     * (a directory's listing is held to sort it). A manifest line that cannot be read stops the
     * listing with an {@link InstanceCapException}; {@link #forEachInput} skips it instead.
     */
    public static void forEach(List<Path> inputs, Consumer<Path> action) {
        forEachInput(inputs, input -> action.accept(input.file()), bad -> {
            throw new InstanceCapException("manifest line " + bad.line() + ": " + bad.reason() + " (" + bad.file() + ")");
        });
    }

    /**
     * The inputs of {@link #expand}, one at a time, with the id a manifest gives each video (its
     * {@code id} or {@code key} column or field, in any case); a manifest line that cannot be read
     * (not UTF-8, not JSON, no path) goes to {@code bad} and the others are still listed.
     */
    public static void forEachInput(List<Path> inputs, Consumer<VideoInput> action, Consumer<BadLine> bad) {
        for (Path input : inputs) {
            if (isManifest(input)) {
                Manifest.each(input, action, bad);
            } else if (Files.isDirectory(input)) {
                try (Stream<Path> walk = Files.walk(input)) {
                    walk.filter(Files::isRegularFile).filter(VideoFiles::hasVideoExtension).sorted()
                            .forEach(file -> action.accept(new VideoInput(null, file)));
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot list " + input, e);
                }
            } else {
                action.accept(new VideoInput(null, input));
            }
        }
    }

    private static boolean isManifest(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return Files.isRegularFile(file) && (name.endsWith(".csv") || name.endsWith(".jsonl"));
    }

    public static boolean hasVideoExtension(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 && VIDEO_EXTENSIONS.contains(name.substring(dot + 1).toLowerCase(Locale.ROOT));
    }

    /**
     * A name for {@code file}'s outputs that no earlier call with the same {@code used} set got:
     * its stem, then {@code stem_2}, {@code stem_3}... (a/clip.mp4 and b/clip.mp4 must not overwrite
     * each other).
     */
    public static String uniqueStem(Path file, Set<String> used) {
        String stem = stem(file);
        String name = stem;
        for (int i = 2; !used.add(name); i++) {
            name = stem + "_" + i;
        }
        return name;
    }

    /** The file name without its extension. */
    public static String stem(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }
}
