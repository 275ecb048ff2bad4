package org.instancecap.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.instancecap.core.io.SkippedLines;
import org.instancecap.core.io.Utf8LineReader;
import org.instancecap.core.json.JsonLinesReader;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/** The prompts {@code enhance} was given, as arguments or in a file, each named for its record. */
final class PromptInputs {
    private PromptInputs() {
    }

    /**
     * One prompt to enhance, or the reason its input line cannot be one.
     *
     * @param where  where it was given ({@code prompt 2}, {@code prompts.jsonl line 7}), for messages
     * @param video  its record's Video ({@code 0001.mp4}, or the file's {@code name}); null with an error
     */
    record Item(String where, String video, String prompt, String error) {
    }

    /** The prompts, cut when over-long and, offline, checked for English (warnings on {@code err}). */
    static List<Item> read(CommandSpec spec, List<String> prompts, Path input, boolean offline) throws IOException {
        return checked(items(spec, prompts, input), spec.commandLine().getErr(), offline);
    }

    private static List<Item> items(CommandSpec spec, List<String> prompts, Path input) throws IOException {
        List<Item> items = new ArrayList<>();
        for (String prompt : prompts) {
            int n = items.size();
            items.add(prompt.isBlank() ? new Item("prompt " + (n + 1), null, null, "the prompt is empty")
                    : new Item("prompt " + (n + 1), videoName(n), prompt, null));
        }
        if (input == null) {
            return items;
        }
        if (!Files.isRegularFile(input)) {
            throw new ParameterException(spec.commandLine(), "no such file: " + input);
        }
        SkippedLines skipped = SkippedLines.printingTo(spec.commandLine().getErr());
        if (input.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".jsonl")) {
            JsonLinesReader.forEach(input, (number, record) -> {
                String where = input + " line " + number;
                for (String field : List.of("prompt", "sentence", "text", "Prompt")) {
                    if (record.hasNonNull(field) && record.get(field).isTextual() && !record.get(field).asText().isBlank()) {
                        String video = record.hasNonNull("name") ? record.get("name").asText() : videoName(items.size());
                        items.add(new Item(where, video, record.get(field).asText(), null));
                        return;
                    }
                }
                items.add(new Item(where, null, null, "no prompt, sentence or text field"));
            }, skipped);
        } else {
            try (Utf8LineReader lines = Utf8LineReader.open(input, skipped)) {
                for (Utf8LineReader.Line line; (line = lines.next()) != null; ) {
                    items.add(new Item(input + " line " + line.number(), videoName(items.size()), line.text().strip(), null));
                }
            }
        }
        skipped.finish();
        return items;
    }

    /** Prompts longer than this are cut at a word boundary. */
    static final int MAX_PROMPT_CHARS = 4000;

    private static final Set<String> ENGLISH = Set.of("the", "a", "an", "and", "of", "in", "on", "with", "is", "are", "to",
            "his", "her", "its", "their", "at", "by", "from", "into", "while", "walks", "runs", "man", "woman", "dog", "cat");
    private static final Set<String> OTHER = Set.of("le", "la", "les", "des", "et", "est", "une", "dans", "sur", "der", "die",
            "das", "und", "ist", "ein", "eine", "mit", "im", "el", "los", "las", "y", "es", "con", "del", "por", "il", "di", "che",
            "nel", "della", "um", "uma", "com", "não", "het", "een", "van", "och", "på", "ett");

    /** Cuts over-long prompts (with a warning) and, offline, warns about prompts that are not English. */
    private static List<Item> checked(List<Item> items, PrintWriter err, boolean offline) {
        List<Item> out = new ArrayList<>();
        for (Item item : items) {
            if (item.error() != null) {
                out.add(item);
                continue;
            }
            String prompt = item.prompt();
            if (prompt.length() > MAX_PROMPT_CHARS) {
                err.printf("warning: %s (%s) is %,d characters; cut at a word boundary to %,d%n", item.where(), item.video(),
                        prompt.length(), MAX_PROMPT_CHARS);
                prompt = cut(prompt, MAX_PROMPT_CHARS);
            }
            if (offline && !looksEnglish(prompt)) {
                err.printf("warning: %s (%s) does not look English; the offline enhancer reads English only%n", item.where(), item.video());
            }
            out.add(new Item(item.where(), item.video(), prompt, null));
        }
        err.flush();
        return out;
    }

    /** At most {@code max} characters, ending before a space when one is in the second half. */
    static String cut(String text, int max) {
        if (text.length() <= max) {
            return text;
        }
        int end = max;
        while (end > max / 2 && !Character.isWhitespace(text.charAt(end))) {
            end--;
        }
        return (end > max / 2 ? text.substring(0, end) : text.substring(0, max)).strip();
    }

    /** Mostly Latin letters, and not more stop words of other languages than of English. */
    static boolean looksEnglish(String text) {
        int letters = 0;
        int latin = 0;
        for (int i = 0; i < text.length(); ) {
            int c = text.codePointAt(i);
            if (Character.isLetter(c)) {
                letters++;
                if (Character.UnicodeScript.of(c) == Character.UnicodeScript.LATIN) {
                    latin++;
                }
            }
            i += Character.charCount(c);
        }
        if (letters > 0 && latin * 2 < letters) {
            return false;
        }
        int english = 0;
        int other = 0;
        for (String word : text.toLowerCase(Locale.ROOT).split("[^\\p{L}]+")) {
            english += ENGLISH.contains(word) ? 1 : 0;
            other += OTHER.contains(word) ? 1 : 0;
        }
        return !(other >= 2 && other > english);
    }

    private static String videoName(int index) {
        return String.format(Locale.ROOT, "%04d.mp4", index);
    }
}
