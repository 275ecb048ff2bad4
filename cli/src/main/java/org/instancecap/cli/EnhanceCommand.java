package org.instancecap.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.instancecap.core.InstanceCapException;
import org.instancecap.core.enhance.EnhancedPrompt;
import org.instancecap.core.enhance.Enhancer;
import org.instancecap.core.enhance.InstanceEnhancer;
import org.instancecap.core.io.SkippedLines;
import org.instancecap.core.io.Utf8LineReader;
import org.instancecap.core.json.Json;
import org.instancecap.core.json.JsonLinesReader;
import org.instancecap.core.json.JsonLinesWriter;
import org.instancecap.nlp.OpenNlpEnhancer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "enhance", mixinStandardHelpOptions = true,
        description = {"Turn short prompts into structured prompts (the paper's InstanceEnhancer): one JSON line per prompt with "
                + "Video, Prompt, Story and the InstanceVid fields, the shape of the captions a model trained on InstanceCap saw.",
                "With --llm-url a chat model writes them in stages (a detailed description from worked examples, the main "
                + "instances, then per instance appearance, action and position, then background and camera); without one "
                + "OpenNLP's English models read them from the prompt itself.",
                "With -o FILE records are appended and prompts already there (by Video) are skipped, so a stopped run goes on."})
final class EnhanceCommand implements Callable<Integer> {

    @Parameters(arity = "0..*", paramLabel = "PROMPT", description = "Prompts; their records are named 0000.mp4, 0001.mp4...")
    List<String> prompts = List.of();

    @Option(names = "--input", paramLabel = "FILE",
            description = "A file of prompts: one a line, or JSON Lines with a prompt (or sentence, text) field and an optional "
                    + "name for the video (Inseval's files work as they are).")
    Path input;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "JSON Lines file to append to; - or none: standard output.")
    String output;

    @Option(names = "--max-instances", defaultValue = "3", paramLabel = "N", description = "Main instances per prompt at most (default: ${DEFAULT-VALUE}).")
    int maxInstances;

    @Option(names = "--concurrency", defaultValue = "4", paramLabel = "N", description = "Prompts enhanced at once with a server (default: ${DEFAULT-VALUE}).")
    int concurrency;

    @Mixin
    LlmOptions llm;

    @Spec
    CommandSpec spec;

    /** One prompt to enhance, or the reason its input line cannot be one. */
    private record Item(String where, String video, String prompt, String error) {
    }

    @Override
    public Integer call() throws Exception {
        if (prompts.isEmpty() && input == null) {
            throw new ParameterException(spec.commandLine(), "give prompts or --input FILE");
        }
        if (maxInstances < 1 || concurrency < 1) {
            throw new ParameterException(spec.commandLine(), "--max-instances and --concurrency must be at least 1");
        }
        List<Item> items = checked(items(), spec.commandLine().getErr());
        boolean toFile = output != null && !output.equals("-");
        Path file = toFile ? Path.of(output) : null;
        Set<String> done = toFile ? CaptionCommand.videosIn(file) : Set.of();
        int failed = 0;
        PrintWriter err = spec.commandLine().getErr();
        ExecutorService workers = Executors.newFixedThreadPool(llm.enabled() ? concurrency : 1);
        StopSignal stop = StopSignal.current();
        long total = items.stream().filter(item -> item.error() != null || !done.contains(item.video())).count();
        try (Enhancer enhancer = enhancer(); JsonLinesWriter out = toFile ? JsonLinesWriter.append(file) : null;
             Progress progress = Progress.start("enhance", "prompts", total, err).skipped(items.size() - total)
                     .records(llm.withTokens(toFile ? "records in " + file : "records on standard output"))) {
            List<Item> todo = new ArrayList<>();
            List<CompletableFuture<EnhancedPrompt>> results = new ArrayList<>();
            for (Item item : items) {
                if (item.error() != null) {
                    progress.pauseFor(() -> Main.printError(err, new InstanceCapException(item.error() + " (" + item.where() + ")")));
                    progress.fail();
                    failed++;
                } else if (!done.contains(item.video())) {
                    todo.add(item);
                    results.add(CompletableFuture.supplyAsync(() -> {
                        stop.check(); // Ctrl-C or SIGTERM: no new prompts
                        return enhancer.enhance(item.prompt(), item.video());
                    }, workers));
                }
            }
            if (todo.size() + failed < items.size()) {
                err.printf("%d of %d prompts are in %s already; going on with the other %d%n",
                        items.size() - failed - todo.size(), items.size(), output, todo.size());
            }
            for (int i = 0; i < todo.size(); i++) {
                if (!stop.await(results.get(i))) {
                    break; // stopped, and this one did not finish in time: a rerun does it
                }
                try {
                    JsonNode record = results.get(i).join().toJson();
                    if (out != null) {
                        out.write(record);
                    } else {
                        spec.commandLine().getOut().println(Json.line(record));
                        spec.commandLine().getOut().flush();
                    }
                    progress.step();
                } catch (CompletionException e) {
                    Throwable cause = e.getCause() == null ? e : e.getCause();
                    if (cause instanceof StopSignal.Stopped) {
                        break;
                    }
                    String where = todo.get(i).where();
                    progress.pauseFor(() -> Main.printError(err, new InstanceCapException(Main.message(cause) + " (" + where + ")", cause)));
                    progress.fail();
                    failed++;
                }
            }
            if (stop.requested() && progress.finished() < total) {
                progress.stopped(toFile ? "run the same command again to continue" : null);
            }
        } finally {
            workers.shutdownNow();
        }
        return failed == 0 ? 0 : Main.EXIT_FAILED;
    }

    private Enhancer enhancer() {
        if (llm.enabled()) {
            // an answer unusable twice takes OpenNLP's reading of the prompt for that field
            return new InstanceEnhancer(llm.client(spec, Math.max(4, concurrency)), llm.model, maxInstances,
                    new OpenNlpEnhancer(maxInstances));
        }
        return new OpenNlpEnhancer(maxInstances);
    }

    private List<Item> items() throws IOException {
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
    private List<Item> checked(List<Item> items, PrintWriter err) {
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
            if (!llm.enabled() && !looksEnglish(prompt)) {
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
