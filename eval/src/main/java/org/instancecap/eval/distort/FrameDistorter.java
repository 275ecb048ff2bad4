package org.instancecap.eval.distort;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.SplittableRandom;
import org.instancecap.core.json.Json;
import org.instancecap.core.video.RgbImage;

/**
 * One distortion applied to the frames of one video, in order, keeping what it drew for each frame so
 * that the record of the written video says exactly what was done to it. Not safe for several threads.
 */
public final class FrameDistorter {
    private final Distortion distortion;
    private final double maskFraction;
    private final SplittableRandom random;
    private final ObjectNode parameters = Json.mapper().createObjectNode();
    private long maskedPixels;
    private long pixels;

    /**
     * @param maskFraction for {@link Distortion#MASK}: the chance of each pixel to be blacked out, in [0, 1]
     * @param random       the draws, from the run's seed
     */
    public FrameDistorter(Distortion distortion, double maskFraction, SplittableRandom random) {
        if (!(maskFraction >= 0 && maskFraction <= 1)) {
            throw new IllegalArgumentException("maskFraction must be within [0, 1], got " + maskFraction);
        }
        this.distortion = distortion;
        this.maskFraction = maskFraction;
        this.random = random;
        switch (distortion) {
            case BLUR -> parameters.put("kernel", ImageDistortions.BLUR_KERNEL).put("sigma", ImageDistortions.BLUR_SIGMA);
            case JPEG -> parameters.putArray("quality");
            case MASK -> parameters.put("fraction", maskFraction);
            case NOISE -> parameters.put("sigma", ImageDistortions.NOISE_SIGMA);
            case BRIGHTNESS -> parameters.putArray("factor");
            case SHIFT -> {
                parameters.putArray("dx");
                parameters.putArray("dy");
            }
        }
    }

    public Distortion distortion() {
        return distortion;
    }

    /** The next frame, distorted. */
    public RgbImage apply(RgbImage frame) {
        return switch (distortion) {
            case BLUR -> ImageDistortions.blur(frame);
            case JPEG -> {
                int quality = random.nextInt(ImageDistortions.JPEG_MIN_QUALITY, ImageDistortions.JPEG_MAX_QUALITY + 1);
                ((ArrayNode) parameters.get("quality")).add(quality);
                yield ImageDistortions.jpeg(frame, quality);
            }
            case MASK -> {
                ImageDistortions.Masked masked = ImageDistortions.mask(frame, maskFraction, random);
                maskedPixels += masked.pixels();
                pixels += (long) frame.width() * frame.height();
                yield masked.image();
            }
            case NOISE -> ImageDistortions.noise(frame, ImageDistortions.NOISE_SIGMA, random);
            case BRIGHTNESS -> {
                // rounded to 3 places so that the record states the factor that was used
                double factor = Math.round(1000 * (ImageDistortions.BRIGHTNESS_MIN
                        + random.nextDouble() * (ImageDistortions.BRIGHTNESS_MAX - ImageDistortions.BRIGHTNESS_MIN))) / 1000.0;
                ((ArrayNode) parameters.get("factor")).add(factor);
                yield ImageDistortions.brightness(frame, factor);
            }
            case SHIFT -> {
                int dx = random.nextInt(-ImageDistortions.MAX_SHIFT, ImageDistortions.MAX_SHIFT + 1);
                int dy = random.nextInt(-ImageDistortions.MAX_SHIFT, ImageDistortions.MAX_SHIFT + 1);
                ((ArrayNode) parameters.get("dx")).add(dx);
                ((ArrayNode) parameters.get("dy")).add(dy);
                yield ImageDistortions.shift(frame, dx, dy);
            }
        };
    }

    /** What was done: the fixed strengths, and per frame what was drawn (a JSON object; a copy). */
    public ObjectNode parameters() {
        ObjectNode copy = parameters.deepCopy();
        if (distortion == Distortion.MASK && pixels > 0) {
            copy.put("maskedShare", maskedPixels / (double) pixels);
        }
        return copy;
    }
}
