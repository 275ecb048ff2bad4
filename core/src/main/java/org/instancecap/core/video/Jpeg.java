package org.instancecap.core.video;

import java.io.IOException;
import java.io.OutputStream;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;

/** JPEG encoding at a chosen quality. */
public final class Jpeg {
    private Jpeg() {
    }

    /** Writes {@code image} to {@code out} (left open) at {@code quality} in (0, 1]. */
    public static void write(RgbImage image, OutputStream out, float quality) throws IOException {
        write(image.toBufferedImage(), out, quality);
    }

    /** Writes an RGB {@code image} to {@code out} (left open) at {@code quality} in (0, 1]. */
    public static void write(java.awt.image.BufferedImage image, OutputStream out, float quality) throws IOException {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        try (ImageOutputStream stream = ImageIO.createImageOutputStream(out)) {
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(quality);
            writer.setOutput(stream);
            writer.write(null, new IIOImage(image, null, null), param);
        } finally {
            writer.dispose();
        }
    }
}
