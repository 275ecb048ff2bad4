package org.instancecap.formats;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.instancecap.core.InstanceCapException;
import org.instancecap.core.json.Json;

/**
 * {@code index.json} of an exported dataset: its files with their sample counts, and how far into
 * the source it got. Rewritten whole (atomically) after each file is moved into place, so it is the
 * export's journal: a rerun trusts the files it lists and goes on after {@code lastLine}.
 *
 * @param format   {@code parquet} or {@code webdataset}
 * @param source   the real path of the source JSON Lines
 * @param settings the export's settings, which a rerun must repeat
 * @param files    the finished files, in order
 * @param lastLine the source's last line that is in a finished file or in the errors
 * @param errors   lines of {@code errors.jsonl} that belong to the lines up to {@code lastLine}
 * @param complete whether the export read the source to its end
 */
public record ExportIndex(String format, String source, JsonNode settings, List<FileEntry> files, long lastLine,
                          long errors, boolean complete) {
    public static final String FILE = "index.json";

    /** A finished file: its name in the dataset folder, its samples, its size, and its first and last keys. */
    public record FileEntry(String name, int samples, long bytes, String firstKey, String lastKey) {
    }

    public ExportIndex {
        files = List.copyOf(files);
    }

    public long samples() {
        return files.stream().mapToLong(FileEntry::samples).sum();
    }

    public ExportIndex with(FileEntry file, long lastLine, long errors) {
        List<FileEntry> all = new ArrayList<>(files);
        all.add(file);
        return new ExportIndex(format, source, settings, all, lastLine, errors, false);
    }

    public ExportIndex finished(long lastLine, long errors) {
        return new ExportIndex(format, source, settings, files, lastLine, errors, true);
    }

    /** The index in {@code dir}, or null when there is none. */
    public static ExportIndex read(Path dir) {
        Path file = dir.resolve(FILE);
        if (!Files.exists(file)) {
            return null;
        }
        try {
            return Json.mapper().readValue(file.toFile(), ExportIndex.class);
        } catch (IOException e) {
            throw new InstanceCapException("cannot read " + file + ": " + e.getMessage()
                    + "; it is not an export's index (delete the folder to export afresh)", e);
        }
    }

    public void write(Path dir) {
        Json.writeAtomically(dir.resolve(FILE), this);
    }
}
