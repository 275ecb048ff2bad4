package org.instancecap.vision.ocr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.Optional;
import org.instancecap.core.caption.TextReader;
import org.instancecap.core.video.RgbImage;
import org.junit.jupiter.api.Test;

class TesseractTextReaderTest {

    /** Dark text on a light sign, drawn here. */
    private static RgbImage sign(String text) {
        BufferedImage image = new BufferedImage(480, 160, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(new Color(235, 230, 210));
        g.fillRect(0, 0, 480, 160);
        g.setColor(new Color(20, 20, 60));
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 64));
        g.drawString(text, 30, 105);
        g.dispose();
        byte[] p = new byte[480 * 160 * 3];
        for (int y = 0; y < 160; y++) {
            for (int x = 0; x < 480; x++) {
                int rgb = image.getRGB(x, y);
                int o = (y * 480 + x) * 3;
                p[o] = (byte) (rgb >> 16);
                p[o + 1] = (byte) (rgb >> 8);
                p[o + 2] = (byte) rgb;
            }
        }
        return new RgbImage(480, 160, p);
    }

    @Test
    void reads_the_words_on_a_sign() {
        TextReader reader = TesseractTextReader.ifAvailable();
        assumeTrue(reader != TextReader.NONE, "the tesseract program is not installed (apt-get install tesseract-ocr-eng); skipping");
        assertThat(reader.read(sign("TAXI 4729"))).contains("TAXI 4729");
    }

    @Test
    void noise_is_not_text() {
        assertThat(TesseractTextReader.words("  ~ ,. |_ ab \n")).isEmpty();
        assertThat(TesseractTextReader.words("“OPEN” 24/7 -- Bakery.")).isEqualTo(Optional.of("OPEN Bakery"));
    }
}
