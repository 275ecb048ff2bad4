package org.instancecap.core.llm;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;
import org.instancecap.core.video.Jpeg;
import org.instancecap.core.video.RgbImage;

/** Pictures as models take them: JPEG, base64, scaled so that image tokens stay sane. */
public final class ImageEncoding {
    private ImageEncoding() {
    }

    /** {@code image} scaled to at most {@code maxSide} on its long side (never enlarged), as base64 JPEG. */
    public static String jpegBase64(RgbImage image, int maxSide, float quality) {
        double scale = Math.min(1, maxSide / (double) Math.max(image.width(), image.height()));
        RgbImage scaled = scale >= 1 ? image : image.scaled(
                Math.max(1, (int) Math.round(image.width() * scale)), Math.max(1, (int) Math.round(image.height() * scale)));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            Jpeg.write(scaled, bytes, quality);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode a JPEG", e);
        }
        return Base64.getEncoder().encodeToString(bytes.toByteArray());
    }
}
