package org.instancecap.vision.pose;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import javax.imageio.ImageIO;
import org.instancecap.core.detect.Detection;
import org.instancecap.core.pose.ClothingColours;
import org.instancecap.core.pose.Keypoint;
import org.instancecap.core.pose.Pose;
import org.instancecap.core.video.RgbImage;
import org.instancecap.core.video.SampledFrames;
import org.instancecap.vision.detect.TfjsNanoDetDetector;
import org.instancecap.vision.model.NanoDetModels;
import org.instancecap.vision.segment.GrabCutSegmenter;
import org.instancecap.vision.video.JavaCvVideoReader;

/**
 * Not a test: the milliseconds MoveNet takes per person crop on the shared clips (8 frames each,
 * persons found by NanoDet), and each frame drawn with its keypoints into a folder to look at.
 * Arguments: the media folder, the output folder, clips under {@code videos/}.
 */
public final class PoseBench {

    public static void main(String[] args) throws IOException {
        Path media = Path.of(args[0]);
        Path out = Path.of(args[1]);
        Files.createDirectories(out);
        JavaCvVideoReader reader = new JavaCvVideoReader();
        List<Double> millis = new ArrayList<>();
        try (TfjsNanoDetDetector detector = new TfjsNanoDetDetector(NanoDetModels.atDefaultLocation().file(NanoDetModels.NANODET_JSON));
             TfjsMoveNetPoseEstimator pose = TfjsMoveNetPoseEstimator.builtIn();
             GrabCutSegmenter grabCut = new GrabCutSegmenter()) {
            for (int a = 2; a < args.length; a++) {
                String clip = args[a];
                SampledFrames frames = reader.sample(media.resolve("videos/" + clip), 8);
                for (int f = 0; f < frames.frames().size(); f++) {
                    RgbImage image = frames.frames().get(f).image();
                    BufferedImage drawn = image.toBufferedImage();
                    Graphics2D g = drawn.createGraphics();
                    g.setStroke(new BasicStroke(2));
                    int person = 0;
                    for (Detection d : detector.detect(image)) {
                        if (!d.label().equals("person") || d.score() < detector.instanceThreshold()) {
                            continue;
                        }
                        long start = System.nanoTime();
                        Pose p = pose.estimate(image, d.box());
                        double ms = (System.nanoTime() - start) / 1e6;
                        if (!(clip.equals(args[2]) && f == 0 && person == 0)) {
                            millis.add(ms); // the first call loads the model
                        }
                        ClothingColours clothes = ClothingColours.measure(image, null, p);
                        ClothingColours masked = ClothingColours.measure(image, grabCut.segment(image, d.box(), "person"), p);
                        System.out.printf("%s f%d person %d box %.0f,%.0f-%.0f,%.0f %.1f ms %d kp %s%n", clip, f, person,
                                d.box().x1(), d.box().y1(), d.box().x2(), d.box().y2(), ms, p.keypoints().size(), brief(clothes));
                        System.out.println("    masked: " + brief(masked));
                        for (Keypoint k : p.keypoints()) {
                            System.out.printf("    %-15s %6.1f %6.1f %.2f%n", k.name(), k.x(), k.y(), k.score());
                            g.setColor(k.name().startsWith("left") ? Color.GREEN : k.name().startsWith("right") ? Color.RED : Color.YELLOW);
                            g.fillOval((int) k.x() - 4, (int) k.y() - 4, 8, 8);
                        }
                        g.setColor(Color.CYAN);
                        g.drawRect((int) d.box().x1(), (int) d.box().y1(), (int) d.box().width(), (int) d.box().height());
                        person++;
                    }
                    g.dispose();
                    ImageIO.write(drawn, "png", out.resolve(clip.replace('.', '_') + "_f" + f + ".png").toFile());
                }
            }
        }
        Collections.sort(millis);
        if (!millis.isEmpty()) {
            System.out.printf("MoveNet: %d person crops, median %.1f ms, min %.1f, max %.1f%n", millis.size(),
                    millis.get(millis.size() / 2), millis.get(0), millis.get(millis.size() - 1));
        }
    }

    private static String brief(ClothingColours clothes) {
        StringBuilder text = new StringBuilder();
        clothes.parts().entrySet().stream().sorted(java.util.Map.Entry.comparingByKey()).forEach(e -> text.append(e.getKey())
                .append('=').append(e.getValue().stream().map(c -> c.name() + " " + Math.round(c.share() * 100)).toList()).append(' '));
        return text.toString();
    }
}
