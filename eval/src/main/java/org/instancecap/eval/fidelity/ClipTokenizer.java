package org.instancecap.eval.fidelity;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import org.instancecap.core.InstanceCapException;
import org.instancecap.core.json.Json;

/**
 * CLIP's text tokenizer: lower-cased, whitespace-collapsed text cut into words, each word's UTF-8
 * bytes as byte-level symbols (the last one ending in {@code </w>}), merged by byte-pair encoding in
 * the order of the model's merges, framed by the start and end tokens and padded with 0 to the
 * context length. Reads the vocabulary a model ships: OpenAI's {@code bpe_simple_vocab_16e6.txt(.gz)}
 * (merges only; ids follow from their order), or Hugging Face's {@code vocab.json} with
 * {@code merges.txt}, or its {@code tokenizer.json}. Safe to share between threads.
 */
public final class ClipTokenizer {
    public static final String START = "<|startoftext|>";
    public static final String END = "<|endoftext|>";
    public static final int CONTEXT = 77;

    /** How many merges OpenAI's tokenizer takes from its 262,145-line file (49,408 tokens in all). */
    static final int OPENAI_MERGES = 49152 - 256 - 2;

    private static final Pattern WORDS = Pattern.compile(
            "<\\|startoftext\\|>|<\\|endoftext\\|>|'s|'t|'re|'ve|'m|'ll|'d|\\p{L}+|\\p{N}|[^\\s\\p{L}\\p{N}]+");
    private static final Pattern SPACES = Pattern.compile("\\s+", Pattern.UNICODE_CHARACTER_CLASS); // as Python's \s: Unicode white space
    private static final String[] BYTE_SYMBOLS = byteSymbols();
    private static final Pattern ENTITY = Pattern.compile("&(#[0-9]+|#[xX][0-9a-fA-F]+|amp|lt|gt|quot|apos|nbsp);");

    /** A sentence's token ids, {@code context} long, and whether it was cut to fit. */
    public record Tokens(long[] ids, int length, boolean truncated) {
    }

    private final Map<String, Integer> vocabulary;
    private final Map<String, Integer> ranks;
    private final int start;
    private final int end;
    private final Path source;
    private final Map<String, int[]> cache = new ConcurrentHashMap<>();

    private ClipTokenizer(Map<String, Integer> vocabulary, List<String[]> merges, Path source) {
        this.source = source;
        this.vocabulary = vocabulary;
        this.ranks = new HashMap<>();
        for (int i = 0; i < merges.size(); i++) {
            ranks.putIfAbsent(merges.get(i)[0] + " " + merges.get(i)[1], i);
        }
        this.start = special(START);
        this.end = special(END);
    }

    /**
     * The tokenizer of {@code file}: {@code *.txt} or {@code *.txt.gz} (OpenAI's merges),
     * {@code vocab.json} (with {@code merges.txt} beside it), {@code tokenizer.json}, or a folder
     * holding one of them.
     */
    public static ClipTokenizer load(Path file) {
        if (file == null) {
            throw new InstanceCapException("no CLIP vocabulary was given (bpe_simple_vocab_16e6.txt.gz, vocab.json or tokenizer.json)");
        }
        if (Files.isDirectory(file)) {
            for (String name : List.of("tokenizer.json", "vocab.json", "bpe_simple_vocab_16e6.txt.gz", "bpe_simple_vocab_16e6.txt")) {
                if (Files.isRegularFile(file.resolve(name))) {
                    return load(file.resolve(name));
                }
            }
            throw new InstanceCapException("no CLIP vocabulary in the folder: no tokenizer.json, vocab.json or bpe_simple_vocab_16e6.txt(.gz) ("
                    + file + ")");
        }
        if (!Files.isRegularFile(file)) {
            throw new InstanceCapException("CLIP vocabulary not found (" + file + ")");
        }
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        try {
            if (name.endsWith(".txt") || name.endsWith(".txt.gz")) {
                return openAi(file);
            }
            if (name.equals("tokenizer.json")) {
                return huggingFaceFast(file);
            }
            if (name.endsWith(".json")) {
                return huggingFace(file, file.resolveSibling("merges.txt"));
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof InstanceCapException ice) {
                throw ice;
            }
            throw new InstanceCapException("cannot read the CLIP vocabulary: " + e.getMessage() + " (" + file + ")", e);
        }
        throw new InstanceCapException("unknown CLIP vocabulary format: expected bpe_simple_vocab_16e6.txt(.gz), vocab.json or tokenizer.json ("
                + file + ")");
    }

    /** OpenAI's file: a header line, then merges; tokens are the 256 byte symbols, the same with {@code </w>}, the merges, start, end. */
    private static ClipTokenizer openAi(Path file) throws IOException {
        List<String> lines = lines(file);
        List<String[]> merges = merges(lines.subList(Math.min(1, lines.size()), lines.size()), file);
        if (merges.size() > OPENAI_MERGES) {
            merges = merges.subList(0, OPENAI_MERGES);
        }
        Map<String, Integer> vocabulary = new HashMap<>();
        List<String> symbols = symbolsInVocabularyOrder();
        for (String symbol : symbols) {
            vocabulary.put(symbol, vocabulary.size());
        }
        for (String symbol : symbols) {
            vocabulary.put(symbol + "</w>", vocabulary.size());
        }
        int id = 2 * symbols.size();
        for (String[] merge : merges) {
            vocabulary.put(merge[0] + merge[1], id++); // ids by position, as OpenAI's list gives them
        }
        vocabulary.put(START, id);
        vocabulary.put(END, id + 1);
        return new ClipTokenizer(vocabulary, merges, file);
    }

    private static ClipTokenizer huggingFace(Path vocabFile, Path mergesFile) throws IOException {
        if (!Files.isRegularFile(mergesFile)) {
            throw new InstanceCapException("merges.txt not found beside vocab.json (" + mergesFile + ")");
        }
        Map<String, Integer> vocabulary = new HashMap<>();
        JsonNode root = Json.mapper().readTree(vocabFile.toFile());
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            vocabulary.put(e.getKey(), e.getValue().asInt());
        }
        List<String> lines = lines(mergesFile);
        List<String> body = !lines.isEmpty() && lines.get(0).startsWith("#version") ? lines.subList(1, lines.size()) : lines;
        return new ClipTokenizer(vocabulary, merges(body, mergesFile), vocabFile);
    }

    /** {@code tokenizer.json}: {@code model.vocab} and {@code model.merges} ("a b" strings or [a, b] pairs). */
    private static ClipTokenizer huggingFaceFast(Path file) throws IOException {
        JsonNode model = Json.mapper().readTree(file.toFile()).path("model");
        if (!model.path("vocab").isObject() || !model.path("merges").isArray()) {
            throw new InstanceCapException("tokenizer.json has no BPE model (model.vocab, model.merges) (" + file + ")");
        }
        Map<String, Integer> vocabulary = new HashMap<>();
        model.path("vocab").fields().forEachRemaining(e -> vocabulary.put(e.getKey(), e.getValue().asInt()));
        List<String[]> merges = new ArrayList<>();
        for (JsonNode merge : model.path("merges")) {
            if (merge.isArray() && merge.size() == 2) {
                merges.add(new String[] {merge.get(0).asText(), merge.get(1).asText()});
            } else {
                merges.addAll(merges(List.of(merge.asText()), file));
            }
        }
        return new ClipTokenizer(vocabulary, merges, file);
    }

    private static List<String> lines(Path file) throws IOException {
        InputStream in = Files.newInputStream(file);
        if (file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".gz")) {
            in = new GZIPInputStream(in);
        }
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            return reader.lines().toList();
        }
    }

    private static List<String[]> merges(List<String> lines, Path file) {
        List<String[]> merges = new ArrayList<>();
        for (String line : lines) {
            if (line.isBlank()) {
                continue;
            }
            String[] pair = line.trim().split(" ");
            if (pair.length != 2) {
                throw new InstanceCapException("a merge must be two symbols, got \"" + line + "\" (" + file + ")");
            }
            merges.add(pair);
        }
        if (merges.isEmpty()) {
            throw new InstanceCapException("the CLIP vocabulary holds no merges (" + file + ")");
        }
        return merges;
    }

    private int special(String token) {
        Integer id = vocabulary.get(token);
        if (id == null) {
            throw new InstanceCapException("the CLIP vocabulary has no " + token + " token (" + source + ")");
        }
        return id;
    }

    public int startId() {
        return start;
    }

    public int endId() {
        return end;
    }

    /** The ids of {@code text} without start and end tokens. */
    public List<Integer> encode(String text) {
        List<Integer> ids = new ArrayList<>();
        Matcher words = WORDS.matcher(clean(text));
        while (words.find()) {
            for (int id : word(words.group())) {
                ids.add(id);
            }
        }
        return ids;
    }

    /**
     * {@code text} as the text tower takes it: start, ids, end, then 0 up to {@code context}; a text
     * longer than that is cut and ends with the end token (as OpenAI's and open_clip's {@code truncate}).
     */
    public Tokens tokens(String text, int context) {
        List<Integer> ids = encode(text);
        long[] out = new long[context];
        int length = Math.min(ids.size() + 2, context);
        boolean truncated = ids.size() + 2 > context;
        out[0] = start;
        for (int i = 1; i < length - 1; i++) {
            out[i] = ids.get(i - 1);
        }
        out[length - 1] = end;
        return new Tokens(out, length, truncated);
    }

    /**
     * What OpenAI's tokenizer does before it cuts words: ftfy's {@code fix_text} (which first undoes
     * HTML entities when the text has no {@code <}; {@link TextRepair} for the rest), HTML entities
     * undone twice more, white space collapsed, lower case.
     */
    static String clean(String text) {
        String t = TextRepair.repair(text.indexOf('<') < 0 ? unescape(text) : text);
        for (int i = 0; i < 2; i++) {
            t = unescape(t);
        }
        return SPACES.matcher(t).replaceAll(" ").strip().toLowerCase(Locale.ROOT);
    }

    private static String unescape(String text) {
        Matcher m = ENTITY.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String e = m.group(1);
            String value = switch (e) {
                case "amp" -> "&";
                case "lt" -> "<";
                case "gt" -> ">";
                case "quot" -> "\"";
                case "apos" -> "'";
                case "nbsp" -> "\u00a0";
                default -> {
                    int code = e.charAt(1) == 'x' || e.charAt(1) == 'X' ? Integer.parseInt(e.substring(2), 16) : Integer.parseInt(e.substring(1));
                    yield Character.isValidCodePoint(code) ? new String(Character.toChars(code)) : m.group();
                }
            };
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }

    private int[] word(String word) {
        return cache.computeIfAbsent(word, this::bpe);
    }

    private int[] bpe(String word) {
        if (word.equals(START) || word.equals(END)) {
            return new int[] {vocabulary.get(word)};
        }
        byte[] bytes = word.getBytes(StandardCharsets.UTF_8);
        List<String> symbols = new ArrayList<>(bytes.length);
        for (byte b : bytes) {
            symbols.add(BYTE_SYMBOLS[b & 0xff]);
        }
        symbols.set(symbols.size() - 1, symbols.get(symbols.size() - 1) + "</w>");
        while (symbols.size() > 1) {
            int best = Integer.MAX_VALUE;
            String first = null;
            String second = null;
            for (int i = 0; i + 1 < symbols.size(); i++) {
                Integer rank = ranks.get(symbols.get(i) + " " + symbols.get(i + 1));
                if (rank != null && rank < best) {
                    best = rank;
                    first = symbols.get(i);
                    second = symbols.get(i + 1);
                }
            }
            if (first == null) {
                break;
            }
            List<String> merged = new ArrayList<>(symbols.size());
            for (int i = 0; i < symbols.size(); i++) {
                if (i + 1 < symbols.size() && symbols.get(i).equals(first) && symbols.get(i + 1).equals(second)) {
                    merged.add(first + second);
                    i++;
                } else {
                    merged.add(symbols.get(i));
                }
            }
            symbols = merged;
        }
        int[] ids = new int[symbols.size()];
        for (int i = 0; i < ids.length; i++) {
            Integer id = vocabulary.get(symbols.get(i));
            if (id == null) {
                throw new InstanceCapException("the CLIP vocabulary has no token \"" + symbols.get(i) + "\" (" + source + ")");
            }
            ids[i] = id;
        }
        return ids;
    }

    /** Whether byte {@code b} stands for itself in GPT-2's byte-to-symbol table (printable Latin-1). */
    private static boolean printable(int b) {
        return (b >= '!' && b <= '~') || (b >= 0xA1 && b <= 0xAC) || (b >= 0xAE && b <= 0xFF);
    }

    /** Each byte's symbol: printable bytes stand for themselves, the others take the code points from 256 up, in byte order. */
    private static String[] byteSymbols() {
        String[] byByte = new String[256];
        int next = 256;
        for (int b = 0; b < 256; b++) {
            byByte[b] = printable(b) ? String.valueOf((char) b) : String.valueOf((char) next++);
        }
        return byByte;
    }

    /** The byte symbols in vocabulary order: the printable bytes first, then the others. */
    private static List<String> symbolsInVocabularyOrder() {
        List<String> order = new ArrayList<>(256);
        for (int b = 0; b < 256; b++) {
            if (printable(b)) {
                order.add(BYTE_SYMBOLS[b]);
            }
        }
        for (int b = 0; b < 256; b++) {
            if (!printable(b)) {
                order.add(BYTE_SYMBOLS[b]);
            }
        }
        return order;
    }
}
