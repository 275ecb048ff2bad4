package org.instancecap.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.instancecap.vision.video.SharedMedia;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The README's example outputs are what the code prints (golden transcripts).
 *
 * <p>In every fenced block without a language, a line {@code $ COMMAND} is a command and the lines
 * after it, up to the next {@code $ } line, a blank line or the end of the block, are its output.
 * Each block is run here, in order and in a fresh folder: {@code ./instancecap ...} in this JVM,
 * {@code cat}, {@code ls -1} and {@code head -c N} on the files it wrote, pipes into
 * {@code grep -E '...'} and {@code head -N}. {@code samples/...} is the repository's sample and
 * {@code ../shared/media/...} the shared test media (blocks using them skip without them); other
 * files are in the block's folder. Absolute paths in the output are written back as the README
 * wrote them, then the output is compared line for line, exactly.
 *
 * <p>To regenerate the README's outputs after a change in the code, from the repository root:
 * {@code mvn -q -B -ntp -pl cli -am -Dtest=ReadmeExamplesTest -Dsurefire.failIfNoSpecifiedTests=false
 * -Dreadme.regenerate=true verify}, then review {@code git diff README.md}.
 */
class ReadmeExamplesTest {

    private static final Path ROOT = repositoryRoot();
    private static final Path README = ROOT.resolve("README.md");
    private static final boolean REGENERATE = Boolean.getBoolean("readme.regenerate");

    /** One {@code $ } line and the README's output lines after it ({@code from} to {@code to}, exclusive). */
    record Transcript(String command, int from, int to, List<String> expected) {
    }

    /** The transcripts of one fenced block, run together. */
    record Block(int line, List<Transcript> transcripts) {
        boolean usesSharedMedia() {
            return transcripts.stream().anyMatch(t -> t.command().contains("../shared/media"));
        }

        boolean usesDetector() {
            return transcripts.stream().anyMatch(t -> t.command().matches("\\./instancecap (caption|amc) .*"));
        }
    }

    static List<Block> blocks(List<String> lines) {
        List<Block> blocks = new ArrayList<>();
        boolean inFence = false;
        boolean plain = false;
        int blockLine = 0;
        List<Transcript> transcripts = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.startsWith("```")) {
                if (!inFence) {
                    inFence = true;
                    plain = line.strip().equals("```");
                    blockLine = i + 1;
                    transcripts = new ArrayList<>();
                } else {
                    inFence = false;
                    if (!transcripts.isEmpty()) {
                        blocks.add(new Block(blockLine, transcripts));
                    }
                }
                continue;
            }
            if (inFence && plain && line.startsWith("$ ")) {
                int from = i + 1;
                int to = from;
                while (to < lines.size() && !lines.get(to).startsWith("$ ") && !lines.get(to).isBlank()
                        && !lines.get(to).startsWith("```")) {
                    to++;
                }
                transcripts.add(new Transcript(line.substring(2), from, to, List.copyOf(lines.subList(from, to))));
                i = to - 1;
            }
        }
        return blocks;
    }

    @Test
    void the_readme_shows_the_examples_this_test_checks() throws IOException {
        List<String> commands = blocks(Files.readAllLines(README)).stream()
                .flatMap(b -> b.transcripts().stream()).map(Transcript::command).toList();
        assertThat(commands).contains(
                "./instancecap caption samples/dog.mp4 -o captions.jsonl",
                "cat captions.jsonl",
                "./instancecap amc samples/dog.mp4 | grep -E '\"(class|label|position)\"'",
                "./instancecap render captions.jsonl --target cogvideox",
                "./instancecap enhance \"a dog runs after a red ball in a park\"");
        // The quick start's main job is the Example's first command.
        String readme = Files.readString(README);
        assertThat(readme).contains("./instancecap caption samples/dog.mp4 -o captions.jsonl   #");
        // What the quick start says the first run prints is the launcher's own line.
        java.util.regex.Matcher building = Pattern.compile("echo \"(instancecap: first run; building [^\"]*)\" >&2")
                .matcher(Files.readString(ROOT.resolve("instancecap")));
        assertThat(building.find()).as("the launcher's build message").isTrue();
        assertThat(readme).contains("```text\n" + building.group(1) + "\n");
    }

    @Test
    void the_first_run_writes_the_files_the_quick_start_names() throws IOException {
        BuiltInDetector.requireOrSkip();
        Path dir = Files.createTempDirectory("readme-quick-start");
        try {
            Path out = dir.resolve("captions.jsonl");
            Cli cli = Cli.run("caption", ROOT.resolve("samples/dog.mp4").toString(), "-o", out.toString());
            assertThat(cli.exitCode()).isZero();
            assertThat(cli.out()).isEmpty();
            assertThat(Files.readAllLines(out)).hasSize(1);
            assertThat(dir.resolve("captions.jsonl.errors.jsonl")).isEmptyFile();
            assertThat(dir.resolve("captions.jsonl.summary.json")).isNotEmptyFile();
        } finally {
            deleteTree(dir);
        }
    }

    @TestFactory
    Stream<DynamicTest> each_example_block_prints_what_the_readme_shows() throws IOException {
        List<String> lines = Files.readAllLines(README);
        List<Block> blocks = blocks(lines);
        List<String> regenerated = new ArrayList<>(lines);
        List<DynamicTest> tests = new ArrayList<>();
        for (Block block : blocks) {
            tests.add(DynamicTest.dynamicTest("README line " + block.line() + ": $ " + block.transcripts().get(0).command(),
                    () -> {
                        List<List<String>> actual = run(block);
                        if (REGENERATE) {
                            for (int i = block.transcripts().size() - 1; i >= 0; i--) {
                                Transcript t = block.transcripts().get(i);
                                regenerated.subList(t.from(), t.to()).clear();
                                regenerated.addAll(t.from(), actual.get(i));
                            }
                            return;
                        }
                        for (int i = 0; i < actual.size(); i++) {
                            Transcript t = block.transcripts().get(i);
                            assertThat(withoutTimes(String.join("\n", actual.get(i))))
                                    .as("output of `%s` (README.md line %d)", t.command(), t.from())
                                    .isEqualTo(withoutTimes(String.join("\n", t.expected())));
                        }
                    }));
        }
        if (REGENERATE) {
            // Blocks are rewritten from the last to the first, so the line numbers stay right.
            List<DynamicTest> reversed = new ArrayList<>(tests);
            java.util.Collections.reverse(reversed);
            tests = new ArrayList<>(reversed);
            tests.add(DynamicTest.dynamicTest("write README.md", () -> Files.writeString(README,
                    String.join("\n", regenerated) + "\n", StandardCharsets.UTF_8)));
        }
        return tests.stream();
    }

    private static final Pattern RUN_TIME = Pattern.compile("in [0-9.]+ s \\([0-9.]+/min\\)|in [0-9]+[hm][0-9]+[ms]s? \\([0-9.]+/min\\)");

    /** The last line of a run tells its time and rate, which no two runs share. */
    static String withoutTimes(String output) {
        return RUN_TIME.matcher(output).replaceAll("in (time) ((rate)/min)");
    }

    private static List<List<String>> run(Block block) throws IOException {
        Path media = block.usesSharedMedia() ? SharedMedia.dir() : null; // skips without the media
        if (block.usesDetector()) {
            BuiltInDetector.requireOrSkip();
        }
        Path dir = Files.createTempDirectory("readme-example");
        try {
            Paths paths = new Paths(dir, media);
            List<List<String>> outputs = new ArrayList<>();
            for (Transcript t : block.transcripts()) {
                outputs.add(paths.normalise(execute(t.command(), paths)));
            }
            return outputs;
        } finally {
            deleteTree(dir);
        }
    }

    /** README paths to real ones and back. */
    static final class Paths {
        private final Path dir;
        private final Path media;
        private final Map<String, String> realToReadme = new LinkedHashMap<>();

        Paths(Path dir, Path media) {
            this.dir = dir;
            this.media = media;
        }

        String map(String token) {
            Path real;
            if (token.startsWith("samples/")) {
                real = ROOT.resolve(token);
            } else if (token.startsWith("../shared/media/")) {
                real = media.resolve(token.substring("../shared/media/".length()));
            } else {
                real = dir.resolve(token);
            }
            realToReadme.put(real.toString(), token);
            return real.toString();
        }

        List<String> normalise(String output) {
            List<Map.Entry<String, String>> entries = new ArrayList<>(realToReadme.entrySet());
            entries.sort(Comparator.comparingInt((Map.Entry<String, String> e) -> e.getKey().length()).reversed());
            for (Map.Entry<String, String> e : entries) {
                output = output.replace(e.getKey(), e.getValue());
            }
            output = output.replace(dir + "/", "");
            return output.lines().toList();
        }
    }

    private static final Pattern PATH_LIKE = Pattern.compile("[^\\s-][^\\s]*[./][^\\s]*");

    /** Runs one command line of the README's small shell language, stdout then stderr. */
    static String execute(String commandLine, Paths paths) throws IOException {
        List<List<String>> pipeline = split(tokens(commandLine));
        List<String> first = pipeline.get(0);
        String out;
        String err = "";
        switch (first.get(0)) {
            case "./instancecap" -> {
                List<String> args = new ArrayList<>();
                for (int i = 1; i < first.size(); i++) {
                    String a = first.get(i);
                    boolean afterOutput = first.get(i - 1).equals("-o");
                    args.add((afterOutput || PATH_LIKE.matcher(a).matches()) ? paths.map(a) : a);
                }
                Cli cli = Cli.run(args.toArray(String[]::new));
                out = cli.out();
                err = cli.err();
            }
            case "cat" -> out = Files.readString(Path.of(paths.map(first.get(1))));
            case "ls" -> {
                assertThat(first.get(1)).as("only `ls -1 DIR`").isEqualTo("-1");
                try (Stream<Path> list = Files.list(Path.of(paths.map(first.get(2))))) {
                    out = list.map(p -> p.getFileName().toString() + "\n").sorted().reduce("", String::concat);
                }
            }
            case "head" -> out = head(first, Files.readString(Path.of(paths.map(first.get(first.size() - 1)))));
            default -> throw new AssertionError("README command not understood: " + commandLine);
        }
        for (List<String> filter : pipeline.subList(1, pipeline.size())) {
            out = switch (filter.get(0)) {
                case "grep" -> {
                    assertThat(filter.get(1)).as("only `grep -E RE`").isEqualTo("-E");
                    Pattern re = Pattern.compile(filter.get(2));
                    yield out.lines().filter(l -> re.matcher(l).find()).map(l -> l + "\n").reduce("", String::concat);
                }
                case "head" -> head(filter, out);
                default -> throw new AssertionError("README filter not understood: " + commandLine);
            };
        }
        return out + err;
    }

    private static String head(List<String> args, String text) {
        if (args.get(1).equals("-c")) {
            byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
            int n = Math.min(bytes.length, Integer.parseInt(args.get(2)));
            return new String(bytes, 0, n, StandardCharsets.UTF_8);
        }
        int n = Integer.parseInt(args.get(1).equals("-n") ? args.get(2) : args.get(1).substring(1));
        return text.lines().limit(n).map(l -> l + "\n").reduce("", String::concat);
    }

    /** Words of a command line: quotes as the shell takes them, {@code |} a word of its own. */
    static List<String> tokens(String line) {
        List<String> tokens = new ArrayList<>();
        StringBuilder word = null;
        char quote = 0;
        for (char c : line.toCharArray()) {
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else {
                    word.append(c);
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
                word = word == null ? new StringBuilder() : word;
            } else if (Character.isWhitespace(c)) {
                if (word != null) {
                    tokens.add(word.toString());
                    word = null;
                }
            } else if (c == '|') {
                if (word != null) {
                    tokens.add(word.toString());
                    word = null;
                }
                tokens.add("|");
            } else {
                word = word == null ? new StringBuilder() : word;
                word.append(c);
            }
        }
        if (word != null) {
            tokens.add(word.toString());
        }
        return tokens;
    }

    private static List<List<String>> split(List<String> tokens) {
        List<List<String>> commands = new ArrayList<>();
        List<String> current = new ArrayList<>();
        for (String t : tokens) {
            if (t.equals("|")) {
                commands.add(current);
                current = new ArrayList<>();
            } else {
                current.add(t);
            }
        }
        commands.add(current);
        return commands;
    }

    private static Path repositoryRoot() {
        Path here = Path.of("").toAbsolutePath();
        for (Path p = here; p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("README.md")) && Files.isDirectory(p.resolve("samples"))) {
                return p;
            }
        }
        throw new IllegalStateException("no README.md with samples/ above " + here);
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
