package org.instancecap.core.enhance;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads the instance list of stage B-I, names separated by {@code BREAK}, from answers as models
 * write them: with list numbers, markdown, brackets around BREAK, an introduction before a colon,
 * a comment after the last name, articles and adjectives-with-prepositions, repeats. A list
 * without any BREAK is read as lines or commas.
 */
public final class InstanceList {

    private static final Pattern BREAK = Pattern.compile("\\s*[\\[<(]?\\bBREAK\\b[\\]>)]?[,;.]?\\s*", Pattern.CASE_INSENSITIVE);
    private static final Pattern MARKUP = Pattern.compile("[*_`#\"“”‘’]");
    private static final Pattern LIST_MARKER = Pattern.compile("^(?:[-•]|\\d+[.):])\\s*");
    private static final Pattern LEADING_WORDS = Pattern.compile("^(?:(?:the|a|an|one|some|main|instances?|objects?)\\s+)+", Pattern.CASE_INSENSITIVE);
    /** Words after which a name turns into a description: "a dog with a red collar" is a dog. */
    private static final Pattern DESCRIPTION = Pattern.compile("\\s+(?:with|in|on|at|of the|holding|wearing|that|who|which|near|under|behind|from|for|to)\\s.*$");
    private static final int MAX_WORDS = 4;
    /** Words of a sentence, not of a name: "I cannot tell", "there are none". */
    private static final Pattern NOT_A_NAME = Pattern.compile("\\b(i|cannot|can't|not|is|are|sorry|there|none|no|unable|here)\\b");

    private InstanceList() {
    }

    /** At most {@code max} distinct names, in the answer's order; empty when none can be read. */
    public static List<String> parse(String answer, int max) {
        if (answer == null || answer.isBlank()) {
            return List.of();
        }
        String text = MARKUP.matcher(answer).replaceAll("").strip();
        List<String> parts;
        if (BREAK.matcher(text).find()) {
            parts = List.of(BREAK.split(text));
        } else {
            parts = new ArrayList<>();
            for (String line : text.split("\\R")) {
                parts.addAll(List.of(line.split("\\s*[,;]\\s*")));
            }
        }
        Set<String> names = new LinkedHashSet<>();
        for (int i = 0; i < parts.size() && names.size() < max; i++) {
            String name = name(parts.get(i), i == 0, i == parts.size() - 1);
            if (name != null) {
                names.add(name);
            }
        }
        return List.copyOf(names);
    }

    private static String name(String part, boolean first, boolean last) {
        String s = part.replaceAll("\\(.*?\\)", " ").strip();
        if (first && s.contains(":")) {
            s = s.substring(s.lastIndexOf(':') + 1).strip(); // "Here are the instances: dog"
        }
        List<String> lines = s.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
        if (lines.isEmpty()) {
            return null;
        }
        s = first && !last ? lines.get(lines.size() - 1) : lines.get(0); // an introduction before, a comment after
        s = LIST_MARKER.matcher(s).replaceFirst("");
        if (last) {
            s = s.split("\\s*[.!?](?:\\s|$)")[0]; // "ball. These are the main objects."
        }
        s = LIST_MARKER.matcher(s.strip()).replaceFirst("");
        s = s.replaceAll("[.!?:,;]+$", "").strip();
        s = LEADING_WORDS.matcher(s).replaceFirst("");
        s = DESCRIPTION.matcher(s).replaceFirst("");
        s = s.toLowerCase(Locale.ROOT).replaceAll("\\s+", " ").strip();
        if (s.isEmpty() || !s.matches("[a-z][a-z' -]*") || s.split(" ").length > MAX_WORDS || NOT_A_NAME.matcher(s).find()) {
            return null;
        }
        return s;
    }
}
