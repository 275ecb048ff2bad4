package org.instancecap.vision.detect;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.instancecap.core.InstanceCapException;
import org.instancecap.core.detect.CocoClasses;

/**
 * The class names of a detector, in the order of its class indices, and where they came from, so a
 * mismatch with the model is reported against the right file.
 */
final class DetectorLabels {

    private static final Pattern PYTHON_DICT_ENTRY =
            Pattern.compile("(\\d+)\\s*:\\s*(?:'((?:[^'\\\\]|\\\\.)*)'|\"((?:[^\"\\\\]|\\\\.)*)\")");

    private final List<String> names;
    private final String source;
    private final boolean fromLabelsFile;
    private final Path file;

    private DetectorLabels(List<String> names, String source, boolean fromLabelsFile, Path file) {
        this.names = List.copyOf(names);
        this.source = source;
        this.fromLabelsFile = fromLabelsFile;
        this.file = file;
    }

    /** A labels file: one class name per line in the model's order; trailing empty lines are ignored. */
    static DetectorLabels read(Path file) {
        List<String> lines;
        try {
            lines = new ArrayList<>(Files.readAllLines(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new InstanceCapException("cannot read the labels file: " + e.getMessage() + " (" + file + ")", e);
        }
        while (!lines.isEmpty() && lines.get(lines.size() - 1).isBlank()) {
            lines.remove(lines.size() - 1);
        }
        if (lines.isEmpty()) {
            throw new InstanceCapException("the labels file is empty (" + file + ")");
        }
        List<String> names = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String name = lines.get(i).strip();
            if (i == 0 && name.startsWith("\uFEFF")) {
                name = name.substring(1).strip();
            }
            if (name.isEmpty()) {
                throw new InstanceCapException("line " + (i + 1) + " of the labels file is empty; every class index needs a name (" + file + ")");
            }
            names.add(name);
        }
        return new DetectorLabels(names, "the labels file", true, file);
    }

    /**
     * The {@code names} metadata Ultralytics writes into its exports, a Python dict such as
     * {@code {0: 'person', 1: 'bicycle'}}; empty when absent or not a dict of indices 0..n-1.
     */
    static Optional<DetectorLabels> fromUltralyticsNames(String dict, Path model) {
        if (dict == null) {
            return Optional.empty();
        }
        TreeMap<Integer, String> byIndex = new TreeMap<>();
        Matcher m = PYTHON_DICT_ENTRY.matcher(dict);
        while (m.find()) {
            String name = m.group(2) != null ? m.group(2) : m.group(3);
            byIndex.put(Integer.parseInt(m.group(1)), name.replaceAll("\\\\(.)", "$1").strip());
        }
        if (byIndex.isEmpty() || byIndex.firstKey() != 0 || byIndex.lastKey() != byIndex.size() - 1
                || byIndex.values().stream().anyMatch(String::isEmpty)) {
            return Optional.empty();
        }
        return Optional.of(new DetectorLabels(new ArrayList<>(byIndex.values()), "the model's 'names' metadata", false, model));
    }

    static DetectorLabels coco(Path model) {
        return new DetectorLabels(CocoClasses.NAMES, "the default COCO-80 labels", false, model);
    }

    /** Fails unless there is one name for each of the {@code classCount} classes the model scores. */
    void check(int classCount) {
        if (classCount != names.size()) {
            String hint = fromLabelsFile ? "" : "; give a labels file with one name per class";
            throw new InstanceCapException("the model scores " + classCount + " classes but there are " + names.size()
                    + " names in " + source + hint + " (" + file + ")");
        }
    }

    /** The name of class {@code index}. */
    String name(int index) {
        if (index < 0 || index >= names.size()) {
            throw new InstanceCapException("the model returned class " + index + " but there are only " + names.size()
                    + " names in " + source + " (0.." + (names.size() - 1) + ") (" + file + ")");
        }
        return names.get(index);
    }

    List<String> names() {
        return names;
    }
}
