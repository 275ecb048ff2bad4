package org.instancecap.eval.judge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.instancecap.core.InstanceCapException;
import org.instancecap.core.caption.StructuredCaption;
import org.instancecap.core.video.VideoFiles;
import org.instancecap.core.video.VideoReadException;

/**
 * One caption record to be judged: the video it names, the captioner that wrote it, and its text.
 *
 * @param video     the record's {@code Video} (or {@code video}), as recorded
 * @param captioner the record's {@code provenance.captioner} ({@code offline}, {@code mllm:<model>}), or
 *                  for a record without one the name of its file without the extension
 * @param text      what the judge reads: a structured record's fields, labelled, or a plain
 *                  {@code caption} (or {@code Caption}, {@code text}) field
 */
public record JudgedCaption(String video, String captioner, String text) {

    /** Reads a record of {@code file}; throws {@link InstanceCapException} saying what the record lacks. */
    public static JudgedCaption of(ObjectNode record, Path file) {
        String video = firstText(record, "Video", "video");
        if (video == null) {
            throw new InstanceCapException("the record has no Video field");
        }
        String captioner = record.path("provenance").path("captioner").asText("").strip();
        if (captioner.isEmpty()) {
            captioner = fileStem(file);
        }
        return new JudgedCaption(video, captioner, text(record));
    }

    private static String fileStem(Path file) {
        String name = file.getFileName().toString();
        for (String ext : List.of(".jsonl", ".json", ".ndjson")) {
            if (name.endsWith(ext) && name.length() > ext.length()) {
                return name.substring(0, name.length() - ext.length());
            }
        }
        return VideoFiles.stem(file);
    }

    private static String firstText(JsonNode record, String... names) {
        for (String name : names) {
            JsonNode v = record.get(name);
            if (v != null && v.isTextual() && !v.asText().isBlank()) {
                return v.asText().strip();
            }
        }
        return null;
    }

    /** The caption as the judge reads it. */
    static String text(ObjectNode record) {
        if (record.has("Structured Description") || record.has("Structural Description")) {
            StructuredCaption caption;
            try {
                caption = StructuredCaption.fromJson(record);
            } catch (IllegalArgumentException e) {
                throw new InstanceCapException("the record's structured caption is incomplete: " + e.getMessage(), e);
            }
            List<String> lines = new ArrayList<>();
            lines.add("Overall: " + caption.globalDescription());
            for (int i = 0; i < caption.instances().size(); i++) {
                StructuredCaption.InstanceCaption c = caption.instances().get(i);
                lines.add("Instance " + (i + 1) + " (" + c.label() + "). Appearance: " + c.appearance() + " Actions and motion: "
                        + c.actions() + " Position: " + c.position());
            }
            lines.add("Background: " + caption.background());
            lines.add("Camera: " + caption.camera());
            return String.join("\n", lines);
        }
        String plain = firstText(record, "caption", "Caption", "text");
        if (plain == null) {
            throw new InstanceCapException("the record has neither a Structured Description nor a caption field");
        }
        return plain;
    }

    /**
     * The video file: with {@code videos}, the recorded path inside that folder, or else its file name
     * there; without, the path as recorded, or else relative to the captions file's folder.
     */
    public Path locate(Path videos, Path captionsFile) {
        Set<Path> candidates = new LinkedHashSet<>();
        Path recorded;
        try {
            recorded = Path.of(video);
        } catch (java.nio.file.InvalidPathException e) {
            throw new VideoReadException(video, "not a file name");
        }
        if (videos != null) {
            if (!recorded.isAbsolute()) {
                candidates.add(videos.resolve(recorded));
            }
            candidates.add(videos.resolve(recorded.getFileName()));
        } else {
            candidates.add(recorded);
            Path folder = captionsFile.toAbsolutePath().getParent();
            if (!recorded.isAbsolute() && folder != null) {
                candidates.add(folder.resolve(recorded));
            }
        }
        for (Path candidate : candidates) {
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new VideoReadException(video, "no such file" + (videos != null ? " in " + videos : "")
                + (candidates.size() > 1 ? " (looked for " + candidates.stream().map(Path::toString).toList() + ")" : ""));
    }
}
