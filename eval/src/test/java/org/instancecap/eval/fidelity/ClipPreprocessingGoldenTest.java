package org.instancecap.eval.fidelity;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import org.instancecap.core.video.RgbImage;
import org.junit.jupiter.api.Test;

/**
 * Resize and crop against Pillow's own output ({@code pillow-bicubic.txt}, written by Pillow 12.3 from
 * {@link #pattern}: one picture shrunk, one enlarged): the same bytes, every one. To regenerate, run
 * in Python with Pillow: {@code Image.fromarray(pattern).resize((w2, h2), Image.BICUBIC).crop(...)} as
 * the file's first line says.
 */
class ClipPreprocessingGoldenTest {

    static RgbImage pattern(int width, int height) {
        byte[] p = new byte[width * height * 3];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                for (int c = 0; c < 3; c++) {
                    p[(y * width + x) * 3 + c] = (byte) ((x * 31 + y * 17 + c * 101 + (x * y) % 13 * 19) % 256);
                }
            }
        }
        return new RgbImage(width, height, p);
    }

    @Test
    void resize_and_crop_give_pillows_bytes() throws IOException {
        List<String> lines;
        try (InputStream in = getClass().getResourceAsStream("pillow-bicubic.txt")) {
            lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().filter(l -> !l.startsWith("#")).toList();
        }
        assertThat(lines).hasSize(2);
        for (String line : lines) {
            String[] f = line.split(" ");
            int w = Integer.parseInt(f[0]);
            int h = Integer.parseInt(f[1]);
            int size = Integer.parseInt(f[2]);
            byte[] expected = HexFormat.of().parseHex(f[3]);
            RgbImage out = ClipPreprocessing.resizeAndCrop(pattern(w, h), size);
            assertThat(out.pixels()).as("%dx%d to %d", w, h, size).containsExactly(expected);
        }
    }
}
