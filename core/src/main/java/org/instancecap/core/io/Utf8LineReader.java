package org.instancecap.core.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.function.Consumer;

/**
 * Reads a text file line by line as strict UTF-8, holding one line at a time. A line that is not
 * valid UTF-8 is handed to the bad-line handler and skipped, where a {@code BufferedReader} would
 * stop the whole file; blank lines are skipped. Lines end with LF or CRLF; a byte-order mark at the
 * start is dropped. Not safe for several threads.
 */
public final class Utf8LineReader implements AutoCloseable {
    /** A decoded, non-blank line; {@code ended} is false for a last line with no newline after it. */
    public record Line(long number, String text, boolean ended) {
    }

    private final Path file;
    private final InputStream in;
    private final Consumer<BadLine> bad;
    private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    private final byte[] buffer = new byte[64 * 1024];
    private int position;
    private int limit;
    private byte[] line = new byte[1024];
    private int length;
    private boolean ended;
    private long number;

    private Utf8LineReader(Path file, InputStream in, Consumer<BadLine> bad) {
        this.file = file;
        this.in = in;
        this.bad = bad;
    }

    /** Opens {@code file}; each line that is not valid UTF-8 goes to {@code bad}. */
    public static Utf8LineReader open(Path file, Consumer<BadLine> bad) throws IOException {
        return new Utf8LineReader(file, Files.newInputStream(file), bad);
    }

    /** The file as it was given to {@link #open}. */
    public Path file() {
        return file;
    }

    /** The next non-blank line that decodes, or null at the end of the file. */
    public Line next() throws IOException {
        while (readLine()) {
            number++;
            int end = length > 0 && line[length - 1] == '\r' ? length - 1 : length;
            String text;
            try {
                text = decoder.decode(ByteBuffer.wrap(line, 0, end)).toString();
            } catch (CharacterCodingException e) {
                bad.accept(new BadLine(file, number, "not valid UTF-8"));
                continue;
            }
            if (number == 1 && text.startsWith("\uFEFF")) {
                text = text.substring(1);
            }
            if (!text.isBlank()) {
                return new Line(number, text, ended);
            }
        }
        return null;
    }

    /** Puts the bytes of the next line, without its LF, in {@code line}; false at the end of the file. */
    private boolean readLine() throws IOException {
        length = 0;
        boolean any = false;
        while (true) {
            if (position == limit) {
                position = 0;
                limit = Math.max(0, in.read(buffer));
                if (limit == 0) {
                    ended = false;
                    return any;
                }
            }
            any = true;
            int start = position;
            while (position < limit && buffer[position] != '\n') {
                position++;
            }
            append(start, position - start);
            if (position < limit) {
                position++;
                ended = true;
                return true;
            }
        }
    }

    private void append(int from, int count) {
        if (length + count > line.length) {
            line = Arrays.copyOf(line, Math.max(line.length * 2, length + count));
        }
        System.arraycopy(buffer, from, line, length, count);
        length += count;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
