package org.instancecap.core.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.instancecap.core.io.BadLine;
import org.instancecap.core.io.SkippedLines;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonLinesReaderTest {

    @TempDir
    Path tmp;

    private final List<String> records = new ArrayList<>();
    private final List<BadLine> bad = new ArrayList<>();

    private void read(Path file) throws IOException {
        JsonLinesReader.forEach(file, (number, record) -> records.add(number + " " + record.path("v").asText()), bad::add);
    }

    /** Writes lines of text and raw bytes as given, each ended by {@code \n}. */
    private Path file(String name, Object... lines) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (Object line : lines) {
            bytes.write(line instanceof byte[] raw ? raw : line.toString().getBytes(StandardCharsets.UTF_8));
            bytes.write('\n');
        }
        return Files.write(tmp.resolve(name), bytes.toByteArray());
    }

    @Test
    void skips_invalid_utf8_non_json_and_non_objects_with_their_line_numbers() throws Exception {
        byte[] ff = {'{', '"', 'v', '"', ':', '"', (byte) 0xff, '"', '}'};
        byte[] truncated = {'{', '"', 'v', '"', ':', '"', (byte) 0xc3, '"', '}'}; // the first byte of é alone
        byte[] cutEuro = {'{', '"', 'v', '"', ':', '"', (byte) 0xe2, (byte) 0x82, '"', '}'}; // two of €'s three bytes
        Path file = file("records.jsonl", "{\"v\":\"a\"}", ff, truncated, "not json", "[1,2]", "42", "",
                "   ", "{\"v\":\"b\"} {\"v\":\"c\"}", "null", cutEuro, "{\"v\":\"é€\"}");
        read(file);
        assertThat(records).containsExactly("1 a", "12 é€");
        assertThat(bad).extracting(BadLine::line, BadLine::reason).containsExactly(
                tuple(2L, "not valid UTF-8"),
                tuple(3L, "not valid UTF-8"),
                tuple(4L, "not JSON"),
                tuple(5L, "not a JSON object"),
                tuple(6L, "not a JSON object"),
                tuple(9L, "not JSON"),
                tuple(10L, "not a JSON object"),
                tuple(11L, "not valid UTF-8"));
        assertThat(bad.get(0).file()).isEqualTo(file);
        assertThat(bad.get(0).warning()).isEqualTo("warning: skipped line 2 of " + file + ": not valid UTF-8");
    }

    @Test
    void crlf_endings_and_a_byte_order_mark_are_read() throws Exception {
        Path file = Files.write(tmp.resolve("crlf.jsonl"),
                "\uFEFF{\"v\":\"a\"}\r\n\r\n{\"v\":\"b\"}\r\nnope\r\n".getBytes(StandardCharsets.UTF_8));
        read(file);
        assertThat(records).containsExactly("1 a", "3 b");
        assertThat(bad).singleElement().extracting(BadLine::line, BadLine::reason)
                .containsExactly(4L, "not JSON");
    }

    @Test
    void a_torn_last_line_is_reported_and_a_whole_one_without_newline_is_used() throws Exception {
        Path torn = Files.writeString(tmp.resolve("torn.jsonl"), "{\"v\":\"a\"}\n{\"v\":\"b\"}\n{\"v\":\"c");
        read(torn);
        assertThat(records).containsExactly("1 a", "2 b");
        assertThat(bad).singleElement().extracting(BadLine::line, BadLine::reason)
                .containsExactly(3L, "not JSON (cut short: the file does not end with a newline)");

        records.clear();
        bad.clear();
        read(Files.writeString(tmp.resolve("whole.jsonl"), "{\"v\":\"a\"}\n{\"v\":\"b\"}"));
        assertThat(records).containsExactly("1 a", "2 b");
        assertThat(bad).isEmpty();
    }

    @Test
    void an_empty_file_and_one_of_blank_lines_have_no_records() throws Exception {
        read(Files.write(tmp.resolve("empty.jsonl"), new byte[0]));
        read(Files.writeString(tmp.resolve("blank.jsonl"), "\n\n  \n\r\n"));
        assertThat(records).isEmpty();
        assertThat(bad).isEmpty();
    }

    @Test
    void lines_longer_than_the_buffer_and_many_lines_stream() throws Exception {
        String longText = "x".repeat(200_000);
        Path file = tmp.resolve("big.jsonl");
        try (OutputStream out = Files.newOutputStream(file)) {
            out.write(("{\"v\":\"" + longText + "\"}\n").getBytes(StandardCharsets.UTF_8));
            byte[] line = "{\"v\":\"s\"}\n".getBytes(StandardCharsets.UTF_8);
            for (int i = 0; i < 300_000; i++) {
                out.write(line);
            }
        }
        long[] count = {0};
        JsonLinesReader.forEach(file, (number, record) -> {
            if (number == 1 && !record.get("v").asText().equals(longText)) {
                throw new UncheckedIOException(new IOException("long line misread"));
            }
            count[0]++;
        }, bad::add);
        assertThat(count[0]).isEqualTo(300_001);
        assertThat(bad).isEmpty();
    }

    @Test
    void warnings_stop_after_twenty_per_file_with_one_line_for_the_rest() throws Exception {
        Object[] lines = new Object[25];
        Arrays.fill(lines, "garbage");
        Path a = file("a.jsonl", lines);
        Path b = file("b.jsonl", "garbage", "{}");
        List<String> warnings = new ArrayList<>();
        SkippedLines skipped = new SkippedLines(warnings::add);
        JsonLinesReader.forEach(a, (number, record) -> { }, skipped);
        JsonLinesReader.forEach(b, (number, record) -> { }, skipped);
        skipped.finish();
        assertThat(skipped.count()).isEqualTo(26);
        assertThat(warnings).hasSize(SkippedLines.SHOWN_PER_FILE + 2)
                .startsWith("warning: skipped line 1 of " + a + ": not JSON")
                .contains("warning: skipped line 20 of " + a + ": not JSON", "warning: skipped line 1 of " + b + ": not JSON")
                .doesNotContain("warning: skipped line 21 of " + a + ": not JSON")
                .endsWith("warning: skipped 5 more lines of " + a + " (25 in all)");
    }
}
