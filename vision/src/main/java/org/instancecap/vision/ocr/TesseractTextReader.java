package org.instancecap.vision.ocr;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import javax.imageio.ImageIO;
import org.instancecap.core.caption.TextReader;
import org.instancecap.core.video.RgbImage;

/**
 * OCR with the {@code tesseract} program when it is installed (Debian: {@code tesseract-ocr-eng});
 * without it there is simply no OCR. A separate process keeps a native OCR library and its data out
 * of the JVM for the users who do not want it.
 */
public final class TesseractTextReader implements TextReader {

    /** Words of this many letters or digits at least count; shorter ones are mostly noise. */
    static final int MIN_WORD = 3;
    static final long TIMEOUT_SECONDS = 20;

    private final String program;

    private TesseractTextReader(String program) {
        this.program = program;
    }

    /** The reader when {@code tesseract} (or {@code $INSTANCECAP_TESSERACT}) can be run, else {@link TextReader#NONE}. */
    public static TextReader ifAvailable() {
        String configured = System.getenv("INSTANCECAP_TESSERACT");
        String program = configured != null ? configured : onPath("tesseract");
        return program == null ? TextReader.NONE : new TesseractTextReader(program);
    }

    private static String onPath(String name) {
        String path = System.getenv("PATH");
        if (path == null) {
            return null;
        }
        return Arrays.stream(path.split(File.pathSeparator))
                .map(dir -> Path.of(dir, name))
                .filter(Files::isExecutable)
                .map(Path::toString)
                .findFirst().orElse(null);
    }

    @Override
    public Optional<String> read(RgbImage image) {
        Path png = null;
        try {
            png = Files.createTempFile("instancecap-ocr", ".png");
            ImageIO.write(image.toBufferedImage(), "png", png.toFile());
            // page segmentation 11: sparse text, anywhere in the picture
            Process process = new ProcessBuilder(program, png.toString(), "stdout", "--psm", "11", "-l", "eng")
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            byte[] out = process.getInputStream().readAllBytes();
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return Optional.empty();
            }
            if (process.exitValue() != 0) {
                return Optional.empty();
            }
            return words(new String(out, StandardCharsets.UTF_8));
        } catch (IOException e) {
            return Optional.empty(); // OCR is a bonus: a failure leaves the caption without read text
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        } finally {
            if (png != null) {
                try {
                    Files.deleteIfExists(png);
                } catch (IOException ignored) {
                    // a leftover temporary picture is harmless
                }
            }
        }
    }

    /** The plausible words of tesseract's output, in reading order. */
    static Optional<String> words(String text) {
        List<String> words = Arrays.stream(text.split("\\s+"))
                .map(w -> w.replaceAll("^[^\\p{Alnum}]+|[^\\p{Alnum}]+$", ""))
                .filter(w -> w.codePoints().filter(Character::isLetterOrDigit).count() >= MIN_WORD)
                .filter(w -> w.codePoints().allMatch(c -> Character.isLetterOrDigit(c) || c == '-' || c == '\'' || c == '.'))
                .collect(Collectors.toList());
        return words.isEmpty() ? Optional.empty() : Optional.of(String.join(" ", words));
    }
}
