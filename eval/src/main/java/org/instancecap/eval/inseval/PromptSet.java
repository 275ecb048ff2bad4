package org.instancecap.eval.inseval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.instancecap.core.InstanceCapException;
import org.instancecap.core.io.BadLine;
import org.instancecap.core.json.JsonLinesReader;

/**
 * Reads the Inseval prompt files: {@code {single,multiple}/<dimension>.jsonl} under the folder given
 * or under its {@code dimensions} folder. Each line has {@code name}, {@code sentence} and
 * {@code instance}: the class and expected value of one instance ({@code {"class": .., "color": ..}})
 * or of several by number ({@code {"0": {..}, "1": {..}}}).
 */
public final class PromptSet {

    private PromptSet() {
    }

    /** The folder holding {@code single/} and {@code multiple/}: {@code dir} or {@code dir/dimensions}. */
    public static Path root(Path dir) {
        for (Path candidate : List.of(dir, dir.resolve("dimensions"))) {
            if (Files.isDirectory(candidate.resolve("single")) || Files.isDirectory(candidate.resolve("multiple"))) {
                return candidate;
            }
        }
        throw new InstanceCapException("no Inseval prompts: neither single/ nor multiple/ in " + dir + " or " + dir.resolve("dimensions"));
    }

    /**
     * Every prompt, single set first, dimensions in {@link Dimension} order, lines in file order; a
     * line that cannot be read is told to {@code bad} and left out.
     */
    public static List<InsevalPrompt> read(Path dir, Consumer<BadLine> bad) {
        Path root = root(dir);
        List<InsevalPrompt> prompts = new ArrayList<>();
        int files = 0;
        for (boolean multiple : new boolean[] {false, true}) {
            for (Dimension dimension : Dimension.values()) {
                Path file = root.resolve(multiple ? "multiple" : "single").resolve(dimension.id() + ".jsonl");
                if (!Files.isRegularFile(file)) {
                    continue;
                }
                files++;
                Set<String> names = new HashSet<>();
                try {
                    JsonLinesReader.forEach(file, (number, record) -> {
                        try {
                            InsevalPrompt prompt = prompt(record, multiple, dimension);
                            if (!names.add(prompt.name())) {
                                throw new IllegalArgumentException("name " + prompt.name() + " appears twice");
                            }
                            prompts.add(prompt);
                        } catch (IllegalArgumentException e) {
                            bad.accept(new BadLine(file, number, e.getMessage()));
                        }
                    }, bad);
                } catch (IOException e) {
                    throw new InstanceCapException("cannot read " + file + ": " + e.getMessage(), e);
                }
            }
        }
        if (files == 0) {
            throw new InstanceCapException("no Inseval prompt files (<dimension>.jsonl) in " + root.resolve("single") + " or "
                    + root.resolve("multiple"));
        }
        return prompts;
    }

    static InsevalPrompt prompt(ObjectNode record, boolean multiple, Dimension dimension) {
        String name = text(record, "name");
        String sentence = text(record, "sentence");
        JsonNode instance = record.get("instance");
        if (instance == null || !instance.isObject()) {
            throw new IllegalArgumentException("no instance object");
        }
        List<InsevalPrompt.Expected> expected = new ArrayList<>();
        if (instance.has("class")) {
            expected.add(expected(instance, dimension));
        } else {
            Map<Integer, JsonNode> numbered = new TreeMap<>();
            instance.fields().forEachRemaining(e -> {
                try {
                    numbered.put(Integer.parseInt(e.getKey()), e.getValue());
                } catch (NumberFormatException notANumber) {
                    throw new IllegalArgumentException("instance key '" + e.getKey() + "' is neither class nor a number");
                }
            });
            numbered.values().forEach(v -> expected.add(expected(v, dimension)));
        }
        return new InsevalPrompt(multiple, dimension, name, sentence, expected);
    }

    private static InsevalPrompt.Expected expected(JsonNode instance, Dimension dimension) {
        if (!instance.isObject()) {
            throw new IllegalArgumentException("an instance is not an object: " + instance);
        }
        return new InsevalPrompt.Expected(text(instance, "class"), text(instance, dimension.id()));
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual() || value.asText().isBlank()) {
            throw new IllegalArgumentException("no " + field + " text");
        }
        return value.asText().strip();
    }
}
