package org.instancecap.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.instancecap.core.InstanceCapException;
import org.instancecap.core.caption.StructuredCaption;
import org.instancecap.core.io.FileTrees;
import org.instancecap.core.io.SkippedLines;
import org.instancecap.core.json.Json;
import org.instancecap.core.json.JsonLinesReader;
import org.instancecap.core.render.ApproximateT5TokenCounter;
import org.instancecap.core.render.LlmParagraphWriter;
import org.instancecap.core.render.RenderTarget;
import org.instancecap.core.render.RenderedParagraph;
import org.instancecap.core.render.Renderer;
import org.instancecap.core.render.TokenCounter;
import org.instancecap.core.render.UnigramTokenCounter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "render", mixinStandardHelpOptions = true,
        description = {"Write each structured record (caption or enhanced prompt, JSON Lines) as one paragraph within a "
                + "text-to-video model's token budget: every instance's class, appearance, action and position first, then "
                + "global description, background and camera, trimmed sentence by sentence. Deterministic.",
                "Tokens are T5's: counted exactly with --tokenizer (a Hugging Face tokenizer.json of T5), otherwise by an "
                + "approximation that counts more than T5 does."})
final class RenderCommand implements Callable<Integer> {

    enum Format { JSONL, TEXT }

    @Parameters(arity = "1", paramLabel = "FILE", description = "JSON Lines of InstanceVid records (from caption or enhance).")
    Path records;

    @Option(names = "--target", defaultValue = "cogvideox", paramLabel = "MODEL",
            description = "cogvideox (226 tokens), opensora (300, Open-Sora 1.x) or plain (no limit) (default: ${DEFAULT-VALUE}).")
    RenderTarget target;

    @Option(names = "--max-tokens", paramLabel = "N", description = "Token budget instead of the target's.")
    Integer maxTokens;

    @Option(names = "--tokenizer", paramLabel = "FILE", description = "T5's tokenizer.json, for exact token counts.")
    Path tokenizer;

    @Option(names = "--format", defaultValue = "jsonl", paramLabel = "FORMAT",
            description = "jsonl (video, target, tokens, budget, counter, dropped, writer, paragraph) or text (one paragraph a line) (default: ${DEFAULT-VALUE}).")
    Format format;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Output file, written whole at the end; - or none: standard output.")
    String output;

    @Mixin
    LlmOptions llm;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (maxTokens != null && maxTokens < 2) {
            throw new ParameterException(spec.commandLine(), "--max-tokens must be at least 2, got " + maxTokens);
        }
        if (!Files.isRegularFile(records)) {
            throw new ParameterException(spec.commandLine(), "no such file: " + records);
        }
        int budget = maxTokens != null ? maxTokens : target.budget();
        TokenCounter counter = tokenizer != null ? UnigramTokenCounter.load(tokenizer) : new ApproximateT5TokenCounter();
        Renderer rules = new Renderer(counter);
        // a first reading counts the records for progress and says which lines are skipped; the second renders
        SkippedLines skipped = SkippedLines.printingTo(spec.commandLine().getErr());
        long[] count = {0};
        JsonLinesReader.forEach(records, (number, record) -> count[0]++, skipped);
        skipped.finish();
        StringBuilder out = new StringBuilder();
        int failed = 0;
        boolean toStdout = output == null || output.equals("-");
        try (LlmParagraphWriter writer = llm.enabled() ? new LlmParagraphWriter(llm.client(spec, 4), llm.model, rules) : null;
             Progress progress = Progress.start("render", "records", count[0], spec.commandLine().getErr())
                     .records(llm.withTokens(toStdout ? "paragraphs on standard output" : "paragraphs in " + output));
             JsonLinesReader in = JsonLinesReader.open(records, bad -> { })) {
            for (JsonLinesReader.Line line; (line = in.next()) != null; ) {
                try {
                    StructuredCaption caption = StructuredCaption.fromJson(line.record());
                    RenderedParagraph paragraph = writer != null ? writer.render(caption, budget) : rules.render(caption, budget);
                    out.append(format == Format.TEXT ? paragraph.text() : Json.line(json(paragraph))).append('\n');
                    progress.step();
                } catch (RuntimeException e) {
                    long number = line.number();
                    progress.pauseFor(() -> Main.printError(spec,
                            new InstanceCapException("line " + number + ": " + Main.message(e) + " (" + records + ")", e)));
                    progress.fail();
                    failed++;
                }
            }
            if (toStdout) {
                spec.commandLine().getOut().print(out);
                spec.commandLine().getOut().flush();
            } else {
                FileTrees.writeAtomically(Path.of(output), out.toString());
            }
        }
        return failed == 0 ? 0 : Main.EXIT_FAILED;
    }

    private ObjectNode json(RenderedParagraph p) {
        ObjectNode node = Json.mapper().createObjectNode();
        node.put("video", p.video());
        node.put("target", maxTokens != null ? target.id() + ":" + maxTokens : target.id());
        node.put("tokens", p.tokens());
        if (p.budget() == Integer.MAX_VALUE) {
            node.putNull("budget");
        } else {
            node.put("budget", p.budget());
        }
        node.put("counter", p.counter());
        node.put("dropped", p.dropped());
        node.put("writer", p.writer());
        node.put("paragraph", p.text());
        return node;
    }
}
