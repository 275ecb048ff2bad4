package org.instancecap.formats;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.instancecap.core.InstanceCapException;
import org.instancecap.core.caption.StructuredCaption;
import org.instancecap.core.io.BadLine;
import org.instancecap.core.json.Json;
import org.instancecap.core.json.JsonLinesReader;
import org.instancecap.core.render.ApproximateT5TokenCounter;
import org.instancecap.core.render.Renderer;
import org.instancecap.core.run.LineFile;
import org.instancecap.core.run.RunFailureException;
import org.instancecap.core.run.RunLock;

/**
 * Writes a caption run's JSON Lines as a dataset folder: Parquet parts or webdataset shards, each
 * complete or absent, {@code index.json}, {@code errors.jsonl} for the records that could not go in
 * (one line each, with the source line and the reason) and a dataset card. The JSON Lines stay the
 * source of truth: an export killed at any point goes on from its index when run again, and an
 * export run again after the source grew adds the new records in new files. Reads the source one
 * line at a time, so memory does not grow with its length.
 */
public final class DatasetExport {
    public static final String ERRORS = "errors.jsonl";
    private static final int KEY_DIGITS = 9;

    /**
     * @param format          the files to write
     * @param rowsPerFile     records per Parquet file at most
     * @param samplesPerShard samples per webdataset shard at most
     * @param bytesPerShard   bytes per webdataset shard at most (a larger sample alone gets a shard of its own)
     * @param renderBudget    T5 tokens of the rendered paragraph (a T2V target's budget), or null for none
     * @param renderTarget    the name of the target, for the card; null with no paragraph
     * @param videos          the folder against which relative video paths of the records are read
     * @param tool            {@code instancecap <version>}
     */
    public record Settings(ExportFormat format, int rowsPerFile, int samplesPerShard, long bytesPerShard,
                           Integer renderBudget, String renderTarget, Path videos, String tool) {
        public Settings {
            if (rowsPerFile < 1) {
                throw new IllegalArgumentException("rows per file must be at least 1, got " + rowsPerFile);
            }
            if (samplesPerShard < 1) {
                throw new IllegalArgumentException("samples per shard must be at least 1, got " + samplesPerShard);
            }
            if (bytesPerShard < 1) {
                throw new IllegalArgumentException("bytes per shard must be at least 1, got " + bytesPerShard);
            }
            if (renderBudget != null && renderBudget < 2) {
                throw new IllegalArgumentException("render budget must be at least 2 tokens, got " + renderBudget);
            }
        }

        /** What a rerun must repeat to go on with the same files. */
        ObjectNode identity() {
            ObjectNode node = Json.mapper().createObjectNode();
            if (format == ExportFormat.PARQUET) {
                node.put("rowsPerFile", rowsPerFile);
            } else {
                node.put("samplesPerShard", samplesPerShard);
                node.put("bytesPerShard", bytesPerShard);
                node.put("videos", videos.toAbsolutePath().normalize().toString());
            }
            if (renderBudget != null) {
                node.put("renderTarget", renderTarget);
                node.put("renderBudget", renderBudget);
            }
            return node;
        }
    }

    /**
     * @param exported  samples written by this run
     * @param failed    records this run could not export
     * @param already   samples a previous run had written
     * @param index     the index as it stands at the end
     */
    public record Outcome(long exported, long failed, long already, ExportIndex index) {
    }

    private DatasetExport() {
    }

    /**
     * Exports {@code source} into {@code dir}; each record that cannot go in is written to the errors
     * and handed to {@code failure} as one line ({@code line 7: not JSON}). Throws
     * {@link RunFailureException} when a file cannot be written, and {@link InstanceCapException}
     * when {@code dir} holds another export (another source, format or settings).
     */
    public static Outcome run(Path source, Path dir, Settings settings, Consumer<String> failure) throws IOException {
        if (!Files.isRegularFile(source)) {
            throw new InstanceCapException("no such file: " + source);
        }
        try (RunLock sourceLock = lockSource(source); RunLock lock = RunLock.acquire(dir)) {
            Files.createDirectories(dir);
            return new Run(source, dir, settings, failure).export();
        }
    }

    /**
     * The caption run's own lock on the source, so that no run appends to it (or cuts lines past its
     * journal after a kill) while it is exported; null where its folder takes no lock file, where no
     * run can write either.
     */
    private static RunLock lockSource(Path source) {
        try {
            return RunLock.acquire(source);
        } catch (RunFailureException e) {
            return null;
        }
    }

    private static final class Run {
        private final Path source;
        private final Path dir;
        private final Settings settings;
        private final Consumer<String> failure;
        private final Renderer renderer = new Renderer(new ApproximateT5TokenCounter());
        private ExportIndex index;
        private LineFile errors;
        private long errorLines;
        private long consumed;
        private long seen;
        private long failed;
        private long exported;
        private DatasetPart part;
        private String firstKey;
        private String lastKey;

        Run(Path source, Path dir, Settings settings, Consumer<String> failure) {
            this.source = source;
            this.dir = dir;
            this.settings = settings;
            this.failure = failure;
        }

        Outcome export() throws IOException {
            String real = source.toRealPath().toString();
            index = ExportIndex.read(dir);
            if (index == null) {
                index = new ExportIndex(settings.format().id(), real, settings.identity(), List.of(), 0, 0, false);
            } else {
                checkSameExport(real);
            }
            long already = index.samples();
            removeUnlisted();
            Path errorsFile = dir.resolve(ERRORS);
            LineFile.cut(errorsFile, index.errors());
            errorLines = index.errors();
            consumed = index.lastLine();
            errors = LineFile.open(errorsFile);
            try (JsonLinesReader reader = JsonLinesReader.open(source, this::badLine)) {
                for (JsonLinesReader.Line line; (line = reader.next()) != null; ) {
                    seen = line.number();
                    if (line.number() <= index.lastLine()) {
                        continue;
                    }
                    Sample sample = sample(line);
                    if (sample != null) {
                        add(sample);
                    }
                    consumed = line.number();
                }
                if (seen < index.lastLine()) {
                    throw new InstanceCapException(source + " has fewer lines than " + dir + " was exported from ("
                            + index.lastLine() + "); it changed since: export it into another folder");
                }
                if (part != null) {
                    commit();
                }
                index = index.finished(consumed, errorLines);
                index.write(dir);
            } catch (IOException e) {
                abort();
                throw new RunFailureException("cannot export into " + dir + ": " + RunFailureException.reason(e), e);
            } catch (RuntimeException e) {
                abort();
                throw e;
            } finally {
                errors.close();
            }
            DatasetCard.write(source, dir, index, settings);
            return new Outcome(exported, failed, already, index);
        }

        private void abort() {
            if (part != null) {
                part.abort();
                part = null;
            }
        }

        private void checkSameExport(String real) {
            List<String> differences = new java.util.ArrayList<>();
            if (!index.format().equals(settings.format().id())) {
                differences.add("format " + index.format());
            }
            if (!index.source().equals(real)) {
                differences.add("source " + index.source());
            }
            if (!Json.line(index.settings()).equals(Json.line(settings.identity()))) { // as text: 2^30 reads back as an int
                differences.add("settings " + Json.line(index.settings()));
            }
            if (!differences.isEmpty()) {
                throw new InstanceCapException(dir + " holds another export (" + String.join(", ", differences)
                        + "); export into another folder, or delete it to start again");
            }
        }

        /** Files of the format not in the index (moved into place just before a kill) and temporary files go. */
        private void removeUnlisted() throws IOException {
            java.util.Set<String> listed = new java.util.HashSet<>();
            index.files().forEach(f -> listed.add(f.name()));
            for (ExportIndex.FileEntry f : index.files()) {
                if (!Files.isRegularFile(dir.resolve(f.name()))) {
                    throw new InstanceCapException(dir.resolve(f.name()) + " is listed in " + ExportIndex.FILE
                            + " but missing; delete " + dir + " to export afresh");
                }
            }
            try (Stream<Path> files = Files.list(dir)) {
                for (Path p : files.toList()) {
                    String name = p.getFileName().toString();
                    boolean stale = settings.format().isFileName(name) && !listed.contains(name);
                    boolean temporary = name.startsWith(".") && name.endsWith(".tmp");
                    if (stale || temporary) {
                        Files.deleteIfExists(p);
                    }
                }
            }
        }

        private void badLine(BadLine bad) {
            seen = bad.line();
            if (bad.line() > index.lastLine()) {
                fail(bad.line(), null, bad.reason());
                consumed = bad.line();
            }
        }

        private void fail(long line, String video, String reason) {
            ObjectNode error = Json.mapper().createObjectNode();
            error.put("line", line);
            if (video != null) {
                error.put("video", video);
            }
            error.put("reason", reason);
            errors.write(Json.line(error));
            errorLines++;
            failed++;
            failure.accept("line " + line + (video != null ? " (" + video + ")" : "") + ": " + reason);
        }

        /** The sample of a record, or null when it cannot be exported (its error written). */
        private Sample sample(JsonLinesReader.Line line) {
            ObjectNode json = line.record();
            String video = json.path("Video").isTextual() ? json.path("Video").asText() : null;
            try {
                String paragraph = settings.renderBudget() == null ? null
                        : renderer.render(StructuredCaption.fromJson(json), settings.renderBudget()).text();
                DatasetRecord row = DatasetRecord.of(json, paragraph);
                Path file = settings.format() == ExportFormat.WEBDATASET ? videoFile(row) : null;
                String key = String.format(Locale.ROOT, "%0" + KEY_DIGITS + "d", index.samples() + (part == null ? 0 : part.samples()));
                return new Sample(key, line.number(), json, row, file);
            } catch (InstanceCapException | IllegalArgumentException e) {
                fail(line.number(), video, e.getMessage());
                return null;
            }
        }

        private Path videoFile(DatasetRecord row) {
            String path = row.video() != null && row.video().path() != null ? row.video().path() : row.id();
            Path file;
            try {
                file = settings.videos().resolve(path).normalize();
            } catch (java.nio.file.InvalidPathException e) {
                throw new InstanceCapException("not a file name: " + path, e);
            }
            if (!Files.isRegularFile(file)) {
                throw new InstanceCapException("no video file " + file);
            }
            if (!Files.isReadable(file)) {
                throw new InstanceCapException("cannot read video file " + file);
            }
            return file;
        }

        private void add(Sample sample) throws IOException {
            if (part != null && !part.accepts(sample)) {
                commit();
            }
            if (part == null) {
                Path file = dir.resolve(settings.format().fileName(index.files().size()));
                part = settings.format() == ExportFormat.PARQUET
                        ? new ParquetPart(file, settings.rowsPerFile(), Map.of("instancecap.source", index.source(),
                                "instancecap.tool", settings.tool()))
                        : new WebDatasetShard(file, settings.samplesPerShard(), settings.bytesPerShard());
                firstKey = sample.key();
            }
            part.add(sample);
            lastKey = sample.key();
            exported++;
        }

        /** Moves the file being written into place and records it, with the lines read so far, in the index. */
        private void commit() throws IOException {
            String name = settings.format().fileName(index.files().size());
            int samples = part.samples();
            long bytes = part.commit();
            part = null;
            index = index.with(new ExportIndex.FileEntry(name, samples, bytes, firstKey, lastKey), consumed, errorLines);
            index.write(dir);
        }
    }
}
