package org.instancecap.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
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
import org.instancecap.core.json.Json;
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
        List<Item> items = items();
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
            return new InstanceEnhancer(llm.client(spec, Math.max(4, concurrency)), llm.model, maxInstances);
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
        List<String> lines = Files.readAllLines(input, StandardCharsets.UTF_8);
        boolean jsonLines = input.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".jsonl");
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty()) {
                continue;
            }
            String where = input + " line " + (i + 1);
            String video = videoName(items.size());
            if (!jsonLines) {
                items.add(new Item(where, video, line, null));
                continue;
            }
            JsonNode record;
            try {
                record = Json.mapper().readTree(line);
            } catch (IOException e) {
                items.add(new Item(where, null, null, "not a JSON object"));
                continue;
            }
            String prompt = null;
            for (String field : List.of("prompt", "sentence", "text", "Prompt")) {
                if (record != null && record.hasNonNull(field) && record.get(field).isTextual() && !record.get(field).asText().isBlank()) {
                    prompt = record.get(field).asText();
                    break;
                }
            }
            if (prompt == null) {
                items.add(new Item(where, null, null, "no prompt, sentence or text field"));
                continue;
            }
            items.add(new Item(where, record.hasNonNull("name") ? record.get("name").asText() : video, prompt, null));
        }
        return items;
    }

    private static String videoName(int index) {
        return String.format(Locale.ROOT, "%04d.mp4", index);
    }
}
