package org.instancecap.vision.camera;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.util.Random;
import org.instancecap.core.camera.Similarity;
import org.instancecap.core.video.RgbImage;

/**
 * A random picture of overlapping shapes, larger than the frame, that tests move by known similarity
 * transforms: ground truth without media files.
 */
final class TexturedScene {

    private final BufferedImage texture;

    /** A {@code width × height} texture of random rectangles and ellipses from {@code seed}. */
    TexturedScene(int width, int height, long seed) {
        texture = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
        Random random = new Random(seed);
        Graphics2D g = texture.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(new Color(random.nextInt(256), random.nextInt(256), random.nextInt(256)));
        g.fillRect(0, 0, width, height);
        int shapes = width * height / 150;
        for (int i = 0; i < shapes; i++) {
            g.setColor(new Color(random.nextInt(256), random.nextInt(256), random.nextInt(256)));
            int w = 4 + random.nextInt(28);
            int h = 4 + random.nextInt(28);
            int x = random.nextInt(width) - w / 2;
            int y = random.nextInt(height) - h / 2;
            if (random.nextBoolean()) {
                g.fillRect(x, y, w, h);
            } else {
                g.fillOval(x, y, w, h);
            }
        }
        g.dispose();
    }

    int width() {
        return texture.getWidth();
    }

    int height() {
        return texture.getHeight();
    }

    /** The texture drawn through {@code placement} (texture pixels to frame pixels) into a frame. */
    RgbImage frame(int width, int height, Similarity placement) {
        BufferedImage frame = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
        draw(frame, placement);
        return rgb(frame);
    }

    /** Draws the texture through {@code placement} onto {@code target}. */
    void draw(BufferedImage target, Similarity placement) {
        Graphics2D g = target.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(texture, new AffineTransform(placement.a(), placement.b(), -placement.b(), placement.a(),
                placement.tx(), placement.ty()), null);
        g.dispose();
    }

    /** The placement that puts the texture's centre on the centre of a {@code width × height} frame. */
    Similarity centredIn(int width, int height) {
        return new Similarity(1, 0, (width - width()) / 2.0, (height - height()) / 2.0);
    }

    static RgbImage rgb(BufferedImage image) {
        byte[] bgr = ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
        byte[] rgb = new byte[bgr.length];
        for (int i = 0; i < bgr.length; i += 3) {
            rgb[i] = bgr[i + 2];
            rgb[i + 1] = bgr[i + 1];
            rgb[i + 2] = bgr[i];
        }
        return new RgbImage(image.getWidth(), image.getHeight(), rgb);
    }
}
