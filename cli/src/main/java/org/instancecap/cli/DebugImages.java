package org.instancecap.cli;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;
import org.instancecap.core.amc.AmcResult;
import org.instancecap.core.amc.Instance;
import org.instancecap.core.amc.VideoAnalysis;
import org.instancecap.core.detect.Box;
import org.instancecap.core.segment.Mask;
import org.instancecap.core.video.RgbImage;

/** Pictures of what the cluster saw, for a person to check: overviews and each instance's frames. */
final class DebugImages {
    private static final Color[] COLOURS = {
        new Color(255, 64, 64), new Color(64, 200, 255), new Color(255, 210, 0),
        new Color(120, 255, 80), new Color(255, 100, 255), new Color(255, 150, 40)};

    private DebugImages() {
    }

    /**
     * Writes {@code overview_<frame>.png} per sampled frame (boxes, mask outlines, ids, classes and the
     * camera label) and {@code instance<i>_<frame>.jpg} (the blurred-background frames) into {@code dir}.
     */
    static void write(VideoAnalysis analysis, Path dir) {
        try {
            Files.createDirectories(dir);
            AmcResult result = analysis.result();
            List<Instance> instances = result.instances();
            for (int f = 0; f < result.frames().size(); f++) {
                int index = result.frames().get(f).index();
                BufferedImage image = overview(analysis.frames().frames().get(f).image(), instances, analysis.masks(), f,
                        String.format(Locale.ROOT, "frame %d  t=%.2fs  camera: %s", index,
                                result.frames().get(f).timeSeconds(), result.camera().label()));
                ImageIO.write(image, "png", dir.resolve(String.format(Locale.ROOT, "overview_%06d.png", index)).toFile());
                for (Instance instance : instances) {
                    RgbImage blurred = analysis.instanceFrame(instance.id(), f);
                    if (blurred != null) {
                        ImageIO.write(blurred.toBufferedImage(), "jpg",
                                dir.resolve(String.format(Locale.ROOT, "instance%d_%06d.jpg", instance.id(), index)).toFile());
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write debug images into " + dir, e);
        }
    }

    /**
     * The frame with each instance's box, mask (tinted, outlined), id, class and grid cell drawn over it, and
     * {@code header} in the top-left corner.
     *
     * @param masks per instance, per sampled frame; null entries (or a null list) draw no outline
     * @param f     the sampled frame's position among the instances' boxes
     */
    static BufferedImage overview(RgbImage frame, List<Instance> instances, List<List<Mask>> masks, int f, String header) {
        return overview(frame, instances, masks, f, header, Math.max(12, frame.height() / 30));
    }

    /** As {@link #overview(RgbImage, List, List, int, String)}, with labels {@code size} pixels high and no header when it is null. */
    static BufferedImage overview(RgbImage frame, List<Instance> instances, List<List<Mask>> masks, int f, String header, int size) {
        BufferedImage image = frame.toBufferedImage();
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, size));
        for (Instance instance : instances) {
            Color colour = COLOURS[instance.id() % COLOURS.length];
            Mask mask = masks == null ? null : masks.get(instance.id()).get(f);
            if (mask != null) {
                outline(image, mask, colour.getRGB());
            }
            Box box = instance.boxes().get(f);
            if (box != null) {
                g.setColor(colour);
                g.setStroke(new BasicStroke(Math.max(2, size / 6f)));
                g.drawRect((int) box.x1(), (int) box.y1(), (int) box.width(), (int) box.height());
                label(g, "#" + instance.id() + " " + instance.label() + " " + instance.regions().get(f),
                        (int) box.x1(), (int) Math.max(size, box.y1() - 4), colour);
            }
        }
        if (header != null) {
            label(g, header, 8, size + 6, Color.WHITE);
        }
        g.dispose();
        return image;
    }

    private static void label(Graphics2D g, String text, int x, int y, Color colour) {
        g.setColor(Color.BLACK);
        g.drawString(text, x + 1, y + 1);
        g.setColor(colour);
        g.drawString(text, x, y);
    }

    /** Tints the mask's pixels with the colour and paints its border pixels in it. */
    private static void outline(BufferedImage image, Mask mask, int rgb) {
        int w = mask.width();
        int h = mask.height();
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                if (!mask.contains(x, y)) {
                    continue;
                }
                boolean border = x == 0 || y == 0 || x == w - 1 || y == h - 1
                        || !mask.contains(x - 1, y) || !mask.contains(x + 1, y)
                        || !mask.contains(x, y - 1) || !mask.contains(x, y + 1);
                image.setRGB(x, y, border ? rgb : tint(image.getRGB(x, y), rgb));
            }
        }
    }

    /** Two thirds of the pixel, one third of the colour. */
    private static int tint(int pixel, int colour) {
        int r = (2 * ((pixel >> 16) & 0xff) + ((colour >> 16) & 0xff)) / 3;
        int g = (2 * ((pixel >> 8) & 0xff) + ((colour >> 8) & 0xff)) / 3;
        int b = (2 * (pixel & 0xff) + (colour & 0xff)) / 3;
        return (r << 16) | (g << 8) | b;
    }
}
