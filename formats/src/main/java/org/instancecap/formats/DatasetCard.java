package org.instancecap.formats;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.Type;
import org.instancecap.core.caption.StructuredCaption;
import org.instancecap.core.io.FileTrees;
import org.instancecap.core.json.Json;
import org.instancecap.core.json.JsonLinesReader;
import org.instancecap.core.report.DatasetStatistics;

/**
 * The dataset card ({@code README.md}, in the Hugging Face style: YAML front matter, then prose) of an
 * exported folder: what the dataset is, how it was made (from the records' provenance and the run's
 * {@code summary.json}), the statistics of {@code report} over the exported records, the files and
 * their schema, and a licence field left for the owner of the videos to fill in. Written atomically.
 */
public final class DatasetCard {
    public static final String FILE = "README.md";
    private static final int CLASSES_SHOWN = 20;

    private static final Map<String, String> COLUMNS = new LinkedHashMap<>();

    static {
        COLUMNS.put("id", "the video's id: its path as given to `caption`, or a manifest's `id`");
        COLUMNS.put("path", "the file the video was read from");
        COLUMNS.put("duration_seconds", "length of the video");
        COLUMNS.put("fps", "frames per second");
        COLUMNS.put("width", "displayed width in pixels");
        COLUMNS.put("height", "displayed height in pixels");
        COLUMNS.put("frame_count", "frames in the video");
        COLUMNS.put("global_description", "Global Description");
        COLUMNS.put("instances", "Main Instance No.0, No.1…: Class, Appearance, Actions and Motion, Position; the "
                + "detector's score, and per sampled frame the box (pixels) and 3×3 grid cell, null where out of frame");
        COLUMNS.put("background", "Background Detail");
        COLUMNS.put("camera_movement", "Camera Movement");
        COLUMNS.put("camera_label", "the measured camera label (static, pan_left, zoom_in…)");
        COLUMNS.put("camera_speed", "translation of the content, in frame sizes per second");
        COLUMNS.put("camera_zoom", "scale of the content at the end relative to the start");
        COLUMNS.put("camera_rotation", "roll of the content from start to end, degrees counter-clockwise");
        COLUMNS.put("camera_jitter", "frame-to-frame shake, in fractions of the frame");
        COLUMNS.put("camera_adverb", "the adverb of the camera sentence");
        COLUMNS.put("frames", "the sampled frames: index among the decoded frames, time in seconds");
        COLUMNS.put("tool", "the tool that wrote the record");
        COLUMNS.put("captioner", "`offline` or `mllm:<model>`");
        COLUMNS.put("detector", "the object detector of the auxiliary model cluster");
        COLUMNS.put("instance_threshold", "the detector score a main instance needs");
        COLUMNS.put("amc_seconds", "seconds the auxiliary model cluster took");
        COLUMNS.put("caption_seconds", "seconds the captioner took");
        COLUMNS.put("fallbacks", "fields whose answer was unusable and were written offline");
        COLUMNS.put("prompt_tokens", "server tokens in");
        COLUMNS.put("completion_tokens", "server tokens out");
        COLUMNS.put("paragraph", "the record as one paragraph within the text-to-video target's token budget");
    }

    private DatasetCard() {
    }

    /** Writes {@code dir/README.md} for the records of {@code source} that {@code index} says were exported. */
    static void write(Path source, Path dir, ExportIndex index, DatasetExport.Settings settings) throws IOException {
        Set<Long> failedLines = failedLines(dir.resolve(DatasetExport.ERRORS));
        DatasetStatistics statistics = new DatasetStatistics();
        Map<String, Integer> tools = new TreeMap<>();
        Map<String, Integer> captioners = new TreeMap<>();
        Map<String, Integer> detectors = new TreeMap<>();
        JsonLinesReader.forEach(source, (number, record) -> {
            if (number > index.lastLine() || failedLines.contains(number)) {
                return;
            }
            StructuredCaption caption = StructuredCaption.fromJson(record);
            JsonNode amc = record.path("amc");
            statistics.add(caption, amc.path("info").path("durationSeconds").isNumber()
                    ? amc.path("info").path("durationSeconds").asDouble() : null,
                    amc.path("camera").path("label").isTextual() ? amc.path("camera").path("label").asText() : null);
            JsonNode p = record.path("provenance");
            count(tools, p.path("tool"));
            count(captioners, p.path("captioner"));
            count(detectors, p.path("detector"));
        }, bad -> { });
        JsonNode summary = summary(source);
        FileTrees.writeAtomically(dir.resolve(FILE), text(dir, index, settings, statistics, tools, captioners, detectors, summary));
    }

    private static Set<Long> failedLines(Path errors) throws IOException {
        Set<Long> lines = new HashSet<>();
        if (Files.exists(errors)) {
            JsonLinesReader.forEach(errors, (number, error) -> lines.add(error.path("line").asLong()), bad -> { });
        }
        return lines;
    }

    private static void count(Map<String, Integer> counts, JsonNode value) {
        counts.merge(value.isTextual() ? value.asText() : "not recorded", 1, Integer::sum);
    }

    private static JsonNode summary(Path source) {
        Path file = source.resolveSibling(source.getFileName() + ".summary.json");
        try {
            return Files.exists(file) ? Json.mapper().readTree(file.toFile()) : null;
        } catch (IOException e) {
            return null; // a card without the run's summary is still a card
        }
    }

    private static String text(Path dir, ExportIndex index, DatasetExport.Settings settings, DatasetStatistics statistics,
                               Map<String, Integer> tools, Map<String, Integer> captioners, Map<String, Integer> detectors,
                               JsonNode summary) {
        boolean parquet = settings.format() == ExportFormat.PARQUET;
        StringBuilder s = new StringBuilder();
        s.append("---\n");
        s.append("# Fill in the licence of the videos and their captions (an SPDX id such as cc-by-4.0, or other).\n");
        s.append("license: \n");
        s.append("language:\n- en\n");
        s.append("pretty_name: ").append(yaml(dir.toAbsolutePath().normalize().getFileName().toString())).append('\n');
        s.append("task_categories:\n- text-to-video\n- video-text-to-text\n");
        s.append("tags:\n- video-captioning\n- instancecap\n- instancevid\n");
        s.append("size_categories:\n- ").append(sizeCategory(statistics.videos())).append('\n');
        // the Hub reads both: Parquet files as tables, tar files as webdataset samples
        s.append("configs:\n- config_name: default\n  data_files: \"").append(parquet ? "part-*.parquet" : "shard-*.tar")
                .append("\"\n");
        s.append("---\n\n");
        s.append("# ").append(dir.toAbsolutePath().normalize().getFileName()).append("\n\n");
        s.append(String.format(java.util.Locale.ROOT,
                "%d videos with instance-aware structured captions in the InstanceVid format of InstanceCap (CVPR 2025): "
                        + "a global description; for each main instance its class, appearance, actions and motion, and position; "
                        + "the background; and the camera movement.%s%n%n", statistics.videos(),
                settings.renderBudget() == null ? "" : " Each record also has its caption as one paragraph within the "
                        + settings.renderTarget() + " token budget (" + budgetText(settings.renderBudget()) + ")."));

        s.append("## How it was made\n\n");
        s.append("- Records written by: ").append(counted(tools)).append('\n');
        s.append("- Captioner: ").append(counted(captioners)).append(serverModels(captioners)).append('\n');
        s.append("- Detector of the auxiliary model cluster: ").append(counted(detectors)).append('\n');
        if (summary != null) {
            s.append("- The caption run (").append(index.source()).append(".summary.json): ")
                    .append(summaryLine(summary)).append('\n');
        }
        s.append("- Exported by ").append(settings.tool()).append(" from `").append(index.source()).append("` as ")
                .append(parquet ? "Parquet" : "webdataset shards").append(", ").append(index.samples()).append(" samples in ")
                .append(index.files().size()).append(index.files().size() == 1 ? " file" : " files");
        s.append(index.errors() == 0 ? "; no record was left out.\n\n"
                : "; " + index.errors() + (index.errors() == 1 ? " source line was" : " source lines were")
                        + " left out (see `" + DatasetExport.ERRORS + "`).\n\n");

        s.append("## Statistics\n\n");
        s.append(String.format(java.util.Locale.ROOT, "Mean caption length: %.1f words.%n%n", statistics.meanWords()));
        table(s, "Duration", "Videos", statistics.durations(), Integer.MAX_VALUE);
        table(s, "Class", "Instances", statistics.classes(), CLASSES_SHOWN);
        table(s, "Main instances per clip", "Videos", statistics.instancesPerClip(), Integer.MAX_VALUE);
        table(s, "Camera label", "Videos", statistics.cameraLabels(), Integer.MAX_VALUE);
        table(s, "Caption length", "Videos", statistics.captionLengths(), Integer.MAX_VALUE);

        s.append("## Files\n\n");
        if (parquet) {
            s.append("`part-NNNNNN.parquet`: one row per video, Snappy-compressed, row groups of about ")
                    .append(ParquetPart.ROW_GROUP_BYTES >> 20).append(" MiB, at most ").append(settings.rowsPerFile())
                    .append(" rows a file. `index.json` lists the files and their rows.\n\n");
            s.append("| Column | Type | What |\n|---|---|---|\n");
            for (Type field : ParquetSchema.SCHEMA.getFields()) {
                s.append("| `").append(field.getName()).append("` | `").append(type(field)).append("` | ")
                        .append(COLUMNS.getOrDefault(field.getName(), "")).append(" |\n");
            }
        } else {
            s.append("`shard-NNNNNN.tar`: at most ").append(settings.samplesPerShard()).append(" samples or ")
                    .append(settings.bytesPerShard()).append(" bytes a shard. Each sample is, under one key (its number, "
                            + "zero-padded, in the order of the records): `KEY.<ext>` the video file, `KEY.json` its "
                            + "caption record as `caption` wrote it")
                    .append(settings.renderBudget() == null ? "" : ", `KEY.txt` the paragraph")
                    .append(". `index.json` lists the shards with their sample counts and first and last keys.\n");
        }
        s.append("\n## Licence\n\nNot set: fill in `license` above with the terms of the videos and of the captions.\n");
        return s.toString();
    }

    private static String budgetText(int budget) {
        return budget == Integer.MAX_VALUE ? "no limit" : budget + " T5 tokens";
    }

    private static String counted(Map<String, Integer> counts) {
        if (counts.isEmpty()) {
            return "not recorded";
        }
        StringBuilder s = new StringBuilder();
        counts.forEach((name, n) -> s.append(s.length() == 0 ? "" : ", ").append('`').append(name).append("` (")
                .append(n).append(n == 1 ? " record)" : " records)"));
        return s.toString();
    }

    private static String serverModels(Map<String, Integer> captioners) {
        String models = captioners.keySet().stream().filter(c -> c.startsWith("mllm:")).map(c -> c.substring(5))
                .collect(java.util.stream.Collectors.joining(", "));
        return models.isEmpty() ? "; no server model (captions written from the measurements)" : "; server model: " + models;
    }

    private static String summaryLine(JsonNode summary) {
        StringBuilder s = new StringBuilder();
        for (String field : new String[] {"tool", "java", "captioner", "captioned", "failed", "seconds", "peakHeapMiB"}) {
            if (summary.has(field)) {
                s.append(s.length() == 0 ? "" : ", ").append(field).append(' ').append(summary.get(field).asText());
            }
        }
        if (summary.has("amc")) {
            s.append(", cluster settings `").append(Json.line(summary.get("amc"))).append('`');
        }
        return s.toString();
    }

    private static void table(StringBuilder s, String name, String unit, Map<String, Integer> counts, int rows) {
        s.append("| ").append(name).append(" | ").append(unit).append(" |\n|---|---|\n");
        int shown = 0;
        for (Map.Entry<String, Integer> e : counts.entrySet()) {
            if (shown++ == rows) {
                s.append("| … ").append(counts.size() - rows).append(" more | |\n");
                break;
            }
            s.append("| ").append(e.getKey().replace("|", "\\|")).append(" | ").append(e.getValue()).append(" |\n");
        }
        s.append('\n');
    }

    static String sizeCategory(int n) {
        if (n < 1_000) {
            return "n<1K";
        }
        if (n < 10_000) {
            return "1K<n<10K";
        }
        if (n < 100_000) {
            return "10K<n<100K";
        }
        if (n < 1_000_000) {
            return "100K<n<1M";
        }
        return "1M<n<10M";
    }

    private static String yaml(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    /** A column's type as a reader sees it: {@code string}, {@code double}, {@code list<struct<…>>}. */
    static String type(Type field) {
        if (field.isPrimitive()) {
            if (field.getLogicalTypeAnnotation() instanceof LogicalTypeAnnotation.StringLogicalTypeAnnotation) {
                return "string";
            }
            return field.asPrimitiveType().getPrimitiveTypeName().name().toLowerCase(java.util.Locale.ROOT);
        }
        GroupType group = field.asGroupType();
        if (group.getLogicalTypeAnnotation() instanceof LogicalTypeAnnotation.ListLogicalTypeAnnotation) {
            return "list<" + type(group.getType(0).asGroupType().getType(0)) + ">";
        }
        StringBuilder s = new StringBuilder("struct<");
        for (int i = 0; i < group.getFieldCount(); i++) {
            s.append(i == 0 ? "" : ", ").append(group.getType(i).getName()).append(": ").append(type(group.getType(i)));
        }
        return s.append('>').toString();
    }
}
