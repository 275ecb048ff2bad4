package org.instancecap.eval.fidelity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.instancecap.core.InstanceCapException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The tokenizer against ids derived by hand from a small vocabulary. In OpenAI's layout the ids are
 * the 188 printable bytes ('!' = 0 ... '~' = 93, then 0xA1-0xAC = 94-105, 0xAE-0xFF = 106-187), the
 * 68 others (188-255: byte 0 = 188 ... space = 220), the same 256 with {@code </w>} (+256), then one
 * per merge from 512, then start and end.
 */
class ClipTokenizerTest {
    /** Merges 0-6: he=512, ll=513, hell=514, hello</w>=515, at</w>=516, ca=517, cat</w>=518; start 519, end 520. */
    static final List<String> MERGES = List.of("h e", "l l", "he ll", "hell o</w>", "a t</w>", "c a", "c at</w>");
    static final int START = 519;
    static final int END = 520;

    @TempDir
    Path dir;

    static Path writeOpenAi(Path file) throws IOException {
        Files.write(file, concat("\"bpe_simple_vocab_16e6.txt#version: 0.2", MERGES), StandardCharsets.UTF_8);
        return file;
    }

    private static List<String> concat(String first, List<String> rest) {
        return java.util.stream.Stream.concat(java.util.stream.Stream.of(first), rest.stream()).toList();
    }

    private static long[] head(ClipTokenizer.Tokens tokens, int n) {
        return Arrays.copyOf(tokens.ids(), n);
    }

    @Test
    void openai_merges_give_the_ids_derived_by_hand() throws IOException {
        ClipTokenizer tokenizer = ClipTokenizer.load(writeOpenAi(dir.resolve("bpe_simple_vocab_16e6.txt")));
        assertThat(tokenizer.startId()).isEqualTo(START);
        assertThat(tokenizer.endId()).isEqualTo(END);
        // hello -> h e l l o</w> -> he l l o</w> -> he ll o</w> -> hell o</w> -> hello</w>; ",</w>" = 11+256;
        // a</w> = 64+256 (CLIP's own "a" is 320 too); cat: "a t</w>" (rank 4) comes before "c a" (rank 5),
        // so c at</w> -> cat</w>; "!</w>" = 0+256
        ClipTokenizer.Tokens tokens = tokenizer.tokens("Hello, a cat!", 77);
        assertThat(head(tokens, 8)).containsExactly(START, 515, 267, 320, 518, 256, END, 0);
        assertThat(tokens.length()).isEqualTo(7);
        assertThat(tokens.truncated()).isFalse();
        assertThat(tokens.ids()).hasSize(77);
        assertThat(Arrays.stream(tokens.ids()).skip(7)).containsOnly(0L);
    }

    @Test
    void words_end_with_their_own_end_symbol_and_unmerged_bytes_stay_bytes() throws IOException {
        ClipTokenizer tokenizer = ClipTokenizer.load(writeOpenAi(dir.resolve("vocab.txt")));
        // hell -> h e l l</w>: "l l" does not match l + l</w>, so he (512), l (75), l</w> (331)
        assertThat(tokenizer.encode("hell")).containsExactly(512, 75, 331);
        // é is the UTF-8 bytes C3 A9: Ã (106 + 0xC3 - 0xAE = 127) and ©</w> (94 + 0xA9 - 0xA1 + 256 = 358)
        assertThat(tokenizer.encode("é")).containsExactly(127, 358);
        // a number is one word per digit: 4</w> = 19+256, 2</w> = 17+256
        assertThat(tokenizer.encode("42")).containsExactly(275, 273);
    }

    @Test
    void text_is_cleaned_before_it_is_cut_into_words() throws IOException {
        ClipTokenizer tokenizer = ClipTokenizer.load(writeOpenAi(dir.resolve("vocab.txt")));
        assertThat(tokenizer.encode("  HELLO,\n\n  A   Cat! ")).isEqualTo(tokenizer.encode("hello, a cat!"));
        // &amp; is unescaped (twice, as OpenAI's does): & = 5, +256 at the word's end
        assertThat(tokenizer.encode("&amp;amp;")).containsExactly(261);
        // e + combining acute is composed first (NFC): the bytes of é
        assertThat(tokenizer.encode("e\u0301")).containsExactly(127, 358);
        // contractions split off: dog's -> dog + 's
        assertThat(tokenizer.encode("it's")).hasSize(tokenizer.encode("it").size() + tokenizer.encode("'s").size());
    }

    @Test
    void a_sentence_longer_than_the_context_is_cut_and_ends_with_the_end_token() throws IOException {
        ClipTokenizer tokenizer = ClipTokenizer.load(writeOpenAi(dir.resolve("vocab.txt")));
        ClipTokenizer.Tokens fits = tokenizer.tokens("a ".repeat(75), 77);
        assertThat(fits.truncated()).isFalse();
        assertThat(fits.length()).isEqualTo(77);
        assertThat(fits.ids()[76]).isEqualTo(END);
        ClipTokenizer.Tokens cut = tokenizer.tokens("a ".repeat(76), 77);
        assertThat(cut.truncated()).isTrue();
        assertThat(cut.length()).isEqualTo(77);
        assertThat(cut.ids()[0]).isEqualTo(START);
        assertThat(cut.ids()[75]).isEqualTo(320);
        assertThat(cut.ids()[76]).isEqualTo(END);
    }

    @Test
    void gzipped_openai_file_and_hugging_face_files_give_the_same_ids() throws IOException {
        Path gz = dir.resolve("bpe_simple_vocab_16e6.txt.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
            out.write(String.join("\n", concat("\"bpe_simple_vocab_16e6.txt#version: 0.2", MERGES)).getBytes(StandardCharsets.UTF_8));
        }
        // Hugging Face: vocab.json names each token's id (only the ones these sentences end in), merges.txt after its header
        Path hf = Files.createDirectories(dir.resolve("hf"));
        String vocab = "{\"hello</w>\":515,\",</w>\":267,\"a</w>\":320,\"cat</w>\":518,\"!</w>\":256,\"he\":512,\"l\":75,\"l</w>\":331,"
                + "\"<|startoftext|>\":519,\"<|endoftext|>\":520}";
        Files.writeString(hf.resolve("vocab.json"), vocab);
        Files.write(hf.resolve("merges.txt"), concat("#version: 0.2", MERGES));
        // tokenizer.json: the same, merges as pairs (newer files) and as strings (older ones)
        Path fast = Files.createDirectories(dir.resolve("fast"));
        String merges = String.join(",", MERGES.stream().map(m -> "[\"" + m.replace(" ", "\",\"") + "\"]").toList());
        Files.writeString(fast.resolve("tokenizer.json"), "{\"model\":{\"type\":\"BPE\",\"vocab\":" + vocab + ",\"merges\":[" + merges + "]}}");
        Path fastStrings = Files.createDirectories(dir.resolve("fast-strings"));
        Files.writeString(fastStrings.resolve("tokenizer.json"), "{\"model\":{\"type\":\"BPE\",\"vocab\":" + vocab + ",\"merges\":["
                + String.join(",", MERGES.stream().map(m -> "\"" + m + "\"").toList()) + "]}}");
        for (Path source : List.of(gz, hf.resolve("vocab.json"), hf, fast, fastStrings.resolve("tokenizer.json"))) {
            ClipTokenizer tokenizer = ClipTokenizer.load(source);
            assertThat(head(tokenizer.tokens("Hello, a cat!", 77), 7)).as(source.toString()).containsExactly(START, 515, 267, 320, 518, 256, END);
            assertThat(tokenizer.encode("hell")).as(source.toString()).containsExactly(512, 75, 331);
        }
    }

    @Test
    void openai_file_is_cut_to_the_merges_clip_uses() throws IOException {
        // OpenAI's file has more merges than CLIP uses: 49,152 - 256 - 2 of them, then start 49406 and end 49407
        StringBuilder lines = new StringBuilder("#version: 0.2\n");
        for (int i = 0; i < ClipTokenizer.OPENAI_MERGES + 10; i++) {
            lines.append("x").append(i).append(" y").append(i).append('\n');
        }
        Path file = Files.writeString(dir.resolve("long.txt"), lines);
        ClipTokenizer tokenizer = ClipTokenizer.load(file);
        assertThat(tokenizer.startId()).isEqualTo(49406);
        assertThat(tokenizer.endId()).isEqualTo(49407);
    }

    @Test
    void unusable_vocabularies_are_named_in_one_line() throws IOException {
        assertThatThrownBy(() -> ClipTokenizer.load(dir.resolve("none.txt"))).isInstanceOf(InstanceCapException.class)
                .hasMessageContaining("not found").hasMessageContaining("none.txt");
        Path bad = Files.writeString(dir.resolve("bad.txt"), "#version\na b c\n");
        assertThatThrownBy(() -> ClipTokenizer.load(bad)).isInstanceOf(InstanceCapException.class)
                .hasMessageContaining("two symbols").hasMessageContaining("bad.txt");
        Path noMerges = Files.createDirectories(dir.resolve("hf"));
        Files.writeString(noMerges.resolve("vocab.json"), "{}");
        assertThatThrownBy(() -> ClipTokenizer.load(noMerges.resolve("vocab.json"))).isInstanceOf(InstanceCapException.class)
                .hasMessageContaining("merges.txt");
        Files.writeString(noMerges.resolve("merges.txt"), "#version: 0.2\nh e\n");
        assertThatThrownBy(() -> ClipTokenizer.load(noMerges)).isInstanceOf(InstanceCapException.class)
                .hasMessageContaining("<|startoftext|>");
    }
}
