package org.instancecap.core.video;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.instancecap.core.io.FileTrees;
import org.instancecap.core.json.Json;

/**
 * A {@link FrameSink} that writes each frame as an image file into a directory, then
 * {@code frames.json}. Files are written into a hidden temporary folder first and moved into place
 * by {@link #commit}, so an interrupted run never leaves a half-written set behind.
 */
public final class FrameDirectoryWriter implements FrameSink, AutoCloseable {

    /** One written frame, as listed in {@code frames.json}. */
    public record Entry(int index, double timeSeconds, String file) {
    }

    /** The content of {@code frames.json}. */
    public record Listing(String video, VideoInfo info, List<Entry> frames) {
    }

    public enum Format {
        JPG, PNG;

        String extension() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final Path directory;
    private final Format format;
    private final float jpegQuality;
    private final List<Entry> entries = new ArrayList<>();
    private Path staging;
    private boolean createdDirectory;

    public FrameDirectoryWriter(Path directory, Format format, float jpegQuality) {
        if (!(jpegQuality > 0 && jpegQuality <= 1)) {
            throw new IllegalArgumentException("jpegQuality must be in (0, 1], got " + jpegQuality);
        }
        this.directory = directory;
        this.format = format;
        this.jpegQuality = jpegQuality;
    }

    @Override
    public void begin(VideoInfo info, int[] indices) {
        try {
            deleteStaging();
            if (!Files.isDirectory(directory)) {
                Files.createDirectories(directory);
                createdDirectory = true;
            }
            staging = Files.createTempDirectory(directory, ".frames-");
            entries.clear();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + directory, e);
        }
    }

    @Override
    public void accept(SampledFrame frame) {
        String name = String.format(Locale.ROOT, "frame_%06d.%s", frame.index(), format.extension());
        Path file = staging.resolve(name);
        try {
            write(frame.image(), file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
        entries.add(new Entry(frame.index(), frame.timeSeconds(), name));
    }

    private void write(RgbImage image, Path file) throws IOException {
        if (format == Format.PNG) {
            ImageIO.write(image.toBufferedImage(), "png", file.toFile());
            return;
        }
        try (OutputStream out = Files.newOutputStream(file)) {
            Jpeg.write(image, out, jpegQuality);
        }
    }

    /** Moves the frames into the directory and writes {@code frames.json} last. */
    public Listing commit(VideoInfo info) {
        if (staging == null) {
            throw new IllegalStateException("no frames to commit");
        }
        try {
            for (Entry entry : entries) {
                Files.move(staging.resolve(entry.file()), directory.resolve(entry.file()), StandardCopyOption.REPLACE_EXISTING);
            }
            Listing listing = new Listing(info.path(), info, List.copyOf(entries));
            Json.writeAtomically(directory.resolve("frames.json"), listing);
            deleteUnlisted(listing);
            deleteStaging();
            createdDirectory = false;
            return listing;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot move frames into " + directory, e);
        }
    }

    /** Frames an earlier run left in the directory that this listing does not name. */
    private void deleteUnlisted(Listing listing) throws IOException {
        java.util.Set<String> listed = new java.util.HashSet<>();
        listing.frames().forEach(e -> listed.add(e.file()));
        try (Stream<Path> files = Files.list(directory)) {
            for (Path f : files.toList()) {
                String name = f.getFileName().toString();
                if (name.matches("frame_\\d+\\.(jpg|png)") && !listed.contains(name)) {
                    Files.delete(f);
                }
            }
        }
    }

    /** Drops whatever was not committed, and the directory if this writer made it and it stayed empty. */
    @Override
    public void close() {
        try {
            deleteStaging();
            if (createdDirectory) {
                try (Stream<Path> left = Files.list(directory)) {
                    if (left.findAny().isEmpty()) {
                        Files.delete(directory);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + staging, e);
        }
    }

    private void deleteStaging() throws IOException {
        if (staging != null) {
            FileTrees.delete(staging);
            staging = null;
        }
    }
}
