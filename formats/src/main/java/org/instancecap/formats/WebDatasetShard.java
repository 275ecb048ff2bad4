package org.instancecap.formats;

import java.io.BufferedOutputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.instancecap.core.io.FileTrees;
import org.instancecap.core.json.Json;

/**
 * A webdataset shard: a tar of at most {@code maxSamples} samples and {@code maxBytes} bytes (a
 * sample larger than that alone gets a shard of its own), each sample its members in a row under
 * one key: {@code KEY.<video extension>} (the video file), {@code KEY.json} (the record) and, when
 * a paragraph was rendered, {@code KEY.txt}. Entries carry no time or owner, so the same records
 * give the same bytes.
 */
final class WebDatasetShard implements DatasetPart {
    private static final int BLOCK = 512;
    private static final int END_OF_ARCHIVE = 2 * BLOCK;

    private final Path file;
    private final Path tmp;
    private final int maxSamples;
    private final long maxBytes;
    private final FileOutputStream stream;
    private final TarArchiveOutputStream tar;
    private int samples;
    private long bytes;

    WebDatasetShard(Path file, int maxSamples, long maxBytes) throws IOException {
        this.file = file;
        this.maxSamples = maxSamples;
        this.maxBytes = maxBytes;
        this.tmp = FileTrees.temporaryBeside(file);
        this.stream = new FileOutputStream(tmp.toFile());
        // blocks of 512 bytes: no padding to the 10 KiB records of old tape drives
        this.tar = new TarArchiveOutputStream(new BufferedOutputStream(stream, 1 << 16), BLOCK);
        tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
        tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
    }

    /** The members of {@code sample}, in the order they are written. */
    private record Members(byte[] json, byte[] text, String videoName, long videoSize) {
        long tarBytes() {
            long size = entry(json.length) + (text == null ? 0 : entry(text.length));
            return videoName == null ? size : size + entry(videoSize);
        }

        private static long entry(long size) {
            return BLOCK + (size + BLOCK - 1) / BLOCK * BLOCK;
        }
    }

    private static Members members(Sample sample) throws IOException {
        byte[] json = (Json.line(sample.json()) + "\n").getBytes(StandardCharsets.UTF_8);
        byte[] text = sample.row().paragraph() == null ? null : (sample.row().paragraph() + "\n").getBytes(StandardCharsets.UTF_8);
        String video = sample.video() == null ? null : sample.key() + "." + extension(sample.video());
        return new Members(json, text, video, sample.video() == null ? 0 : Files.size(sample.video()));
    }

    /** The video's extension in lower case (what a webdataset decoder goes by); {@code video} when it has none. */
    static String extension(Path video) {
        String name = video.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String ext = dot > 0 && dot < name.length() - 1 ? name.substring(dot + 1).toLowerCase(Locale.ROOT) : "";
        return ext.matches("[a-z0-9]+") ? ext : "video";
    }

    @Override
    public boolean accepts(Sample sample) {
        if (samples == 0) {
            return true;
        }
        try {
            return samples < maxSamples && bytes + members(sample).tarBytes() + END_OF_ARCHIVE <= maxBytes;
        } catch (IOException e) {
            return false; // add() says what is wrong with the file, in a shard of its own
        }
    }

    @Override
    public void add(Sample sample) throws IOException {
        Members m = members(sample);
        if (m.videoName() != null) {
            TarArchiveEntry entry = entry(m.videoName(), m.videoSize());
            tar.putArchiveEntry(entry);
            Files.copy(sample.video(), tar);
            tar.closeArchiveEntry();
        }
        write(sample.key() + ".json", m.json());
        if (m.text() != null) {
            write(sample.key() + ".txt", m.text());
        }
        samples++;
        bytes += m.tarBytes();
    }

    private void write(String name, byte[] content) throws IOException {
        tar.putArchiveEntry(entry(name, content.length));
        tar.write(content);
        tar.closeArchiveEntry();
    }

    private static TarArchiveEntry entry(String name, long size) {
        TarArchiveEntry entry = new TarArchiveEntry(name);
        entry.setSize(size);
        entry.setMode(0100644);
        entry.setModTime(0);
        entry.setIds(0, 0);
        entry.setNames("", "");
        return entry;
    }

    @Override
    public int samples() {
        return samples;
    }

    @Override
    public long commit() throws IOException {
        tar.finish();
        tar.flush();
        stream.getFD().sync();
        tar.close();
        FileTrees.replace(tmp, file);
        return Files.size(file);
    }

    @Override
    public void abort() {
        try {
            tar.close();
        } catch (IOException | RuntimeException e) {
            // the file is dropped anyway
        }
        try {
            Files.deleteIfExists(tmp);
        } catch (IOException e) {
            // a hidden temporary file left behind is removed by the next export into this folder
        }
    }
}
