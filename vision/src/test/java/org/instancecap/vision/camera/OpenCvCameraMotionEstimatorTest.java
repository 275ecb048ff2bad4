package org.instancecap.vision.camera;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.awt.image.BufferedImage;
import java.util.Random;
import java.util.function.IntFunction;
import org.instancecap.core.camera.CameraMotion;
import org.instancecap.core.camera.CameraPath;
import org.instancecap.core.camera.Foreground;
import org.instancecap.core.camera.Similarity;
import org.instancecap.core.video.RgbImage;
import org.instancecap.core.video.SampledFrame;
import org.junit.jupiter.api.Test;

/**
 * BoofCV-style ground truth: a textured scene moved by a known similarity per frame, at the reduced
 * size the pipeline feeds (320×180), 25 fps, 2 s.
 */
class OpenCvCameraMotionEstimatorTest {

    private static final int W = 320;
    private static final int H = 180;
    private static final double FPS = 25;
    private static final int FRAMES = 50;

    private final TexturedScene scene = new TexturedScene(900, 700, 42);

    /** Frames whose content moves by {@code step} (about the frame centre) from each frame to the next. */
    private IntFunction<RgbImage> moving(Similarity step) {
        return k -> {
            Similarity placement = scene.centredIn(W, H);
            for (int i = 0; i < k; i++) {
                placement = placement.then(step);
            }
            return scene.frame(W, H, placement);
        };
    }

    private static Similarity step(double dx, double dy, double scale, double degrees) {
        return Similarity.about(W / 2.0, H / 2.0, scale, Math.toRadians(degrees), dx, dy);
    }

    private static OpenCvCameraMotionEstimator fed(IntFunction<RgbImage> frames) {
        OpenCvCameraMotionEstimator estimator = new OpenCvCameraMotionEstimator();
        for (int k = 0; k < FRAMES; k++) {
            estimator.accept(new SampledFrame(k, k / FPS, frames.apply(k)));
        }
        return estimator;
    }

    private static CameraMotion estimate(IntFunction<RgbImage> frames) {
        try (OpenCvCameraMotionEstimator estimator = fed(frames)) {
            return estimator.estimate(FPS, Foreground.NONE);
        }
    }

    @Test
    void content_moving_left_is_a_pan_right_at_the_true_speed() {
        CameraMotion motion = estimate(moving(step(-2, 0, 1, 0)));
        assertThat(motion.label()).isEqualTo("pan_right");
        assertThat(motion.speed()).isCloseTo(2 * FPS / W, within(0.01 * 2 * FPS / W));
        assertThat(motion.zoom()).isCloseTo(1, within(0.005));
        assertThat(motion.adverb()).isEqualTo("steadily");
    }

    @Test
    void content_moving_right_is_a_pan_left() {
        assertThat(estimate(moving(step(2.5, 0, 1, 0))).label()).isEqualTo("pan_left");
    }

    @Test
    void content_moving_down_is_a_tilt_up_and_up_a_tilt_down() {
        CameraMotion up = estimate(moving(step(0, 1.5, 1, 0)));
        assertThat(up.label()).isEqualTo("tilt_up");
        assertThat(up.speed()).isCloseTo(1.5 * FPS / H, within(0.01 * 1.5 * FPS / H));
        assertThat(estimate(moving(step(0, -1.5, 1, 0))).label()).isEqualTo("tilt_down");
    }

    @Test
    void growing_content_is_a_zoom_in_by_the_true_factor() {
        CameraMotion in = estimate(moving(step(0, 0, 1.01, 0)));
        assertThat(in.label()).isEqualTo("zoom_in");
        assertThat(in.zoom()).isCloseTo(Math.pow(1.01, FRAMES - 1), within(0.01 * Math.pow(1.01, FRAMES - 1)));
        assertThat(in.speed()).isLessThan(0.01);
        CameraMotion out = estimate(moving(step(0, 0, 0.99, 0)));
        assertThat(out.label()).isEqualTo("zoom_out");
        assertThat(out.zoom()).isCloseTo(Math.pow(0.99, FRAMES - 1), within(0.01 * Math.pow(0.99, FRAMES - 1)));
    }

    @Test
    void a_still_scene_with_sensor_noise_is_static() {
        Random random = new Random(3);
        RgbImage still = scene.frame(W, H, scene.centredIn(W, H));
        CameraMotion motion = estimate(k -> {
            byte[] p = still.pixels().clone();
            for (int i = 0; i < p.length; i++) {
                p[i] = (byte) Math.max(0, Math.min(255, (p[i] & 0xff) + random.nextInt(7) - 3));
            }
            return new RgbImage(W, H, p);
        });
        assertThat(motion.label()).isEqualTo("static");
        assertThat(motion.speed()).isLessThan(0.002);
        assertThat(motion.adverb()).isEmpty();
    }

    @Test
    void a_roll_is_undetermined_and_measured_counter_clockwise() {
        CameraMotion motion = estimate(moving(step(0, 0, 1, 0.5)));
        assertThat(motion.label()).isEqualTo("Undetermined");
        assertThat(motion.rotation()).isCloseTo(0.5 * (FRAMES - 1), within(0.5));
    }

    @Test
    void a_shaking_camera_is_undetermined() {
        Random random = new Random(11);
        double[][] offsets = new double[FRAMES][];
        for (int k = 0; k < FRAMES; k++) {
            offsets[k] = new double[] {random.nextGaussian() * 3, random.nextGaussian() * 3};
        }
        CameraMotion motion = estimate(k -> scene.frame(W, H,
                scene.centredIn(W, H).then(new Similarity(1, 0, offsets[k][0], offsets[k][1]))));
        assertThat(motion.label()).isEqualTo("Undetermined");
        assertThat(motion.jitter()).isGreaterThan(0.005);
        assertThat(motion.adverb()).isEqualTo("sharply");
    }

    @Test
    void each_step_is_measured_within_a_twentieth_of_a_pixel() {
        Similarity truth = step(-1.7, 0.6, 1.004, 0.1);
        try (OpenCvCameraMotionEstimator estimator = fed(moving(truth))) {
            CameraPath path = estimator.path(FPS, Foreground.NONE);
            assertThat(path.steps()).hasSize(FRAMES - 1);
            assertThat(path.lost()).isZero();
            for (Similarity measured : path.steps()) {
                for (double[] p : new double[][] {{0, 0}, {W, 0}, {0, H}, {W, H}}) {
                    assertThat(measured.x(p[0], p[1])).isCloseTo(truth.x(p[0], p[1]), within(0.05));
                    assertThat(measured.y(p[0], p[1])).isCloseTo(truth.y(p[0], p[1]), within(0.05));
                }
            }
        }
    }

    /**
     * A wide textured band (a passing train) covering the middle 70% of the rows moves right over a
     * still background: on all points it reads as the camera panning left; with the band as the
     * foreground the camera is static.
     */
    @Test
    void a_large_moving_object_covered_by_the_foreground_is_not_a_pan() {
        TexturedScene train = new TexturedScene(W * 3, H, 99);
        Similarity background = scene.centredIn(W, H);
        int top = (int) (0.15 * H);
        int bottom = (int) (0.85 * H);
        IntFunction<RgbImage> frames = k -> {
            BufferedImage frame = new BufferedImage(W, H, BufferedImage.TYPE_3BYTE_BGR);
            scene.draw(frame, background);
            BufferedImage band = frame.getSubimage(0, top, W, bottom - top);
            train.draw(band, new Similarity(1, 0, -2 * W + 3.0 * k, 0));
            return TexturedScene.rgb(frame);
        };
        Foreground band = (frame, x, y) -> y >= 0.13 && y <= 0.87;
        try (OpenCvCameraMotionEstimator estimator = fed(frames)) {
            assertThat(estimator.estimate(FPS, Foreground.NONE).label()).isEqualTo("pan_left");
            CameraMotion motion = estimator.estimate(FPS, band);
            assertThat(motion.label()).isEqualTo("static");
            assertThat(motion.speed()).isLessThan(0.002);
        }
    }

    @Test
    void a_frame_index_that_does_not_advance_starts_the_clip_over() {
        IntFunction<RgbImage> pan = moving(step(-3, 0, 1, 0));
        RgbImage still = scene.frame(W, H, scene.centredIn(W, H));
        try (OpenCvCameraMotionEstimator estimator = new OpenCvCameraMotionEstimator()) {
            for (int k = 0; k < 20; k++) {
                estimator.accept(new SampledFrame(k, k / FPS, pan.apply(k)));
            }
            for (int k = 0; k < 20; k++) {
                estimator.accept(new SampledFrame(k, k / FPS, still));
            }
            CameraMotion motion = estimator.estimate(FPS, Foreground.NONE);
            assertThat(motion.label()).isEqualTo("static");
            assertThat(estimator.path(FPS, Foreground.NONE).steps()).hasSize(19);
        }
    }

    @Test
    void featureless_frames_are_undetermined() {
        RgbImage grey = new RgbImage(W, H, new byte[W * H * 3]);
        assertThat(estimate(k -> grey).label()).isEqualTo("Undetermined");
    }

    @Test
    void fewer_than_two_frames_are_undetermined() {
        try (OpenCvCameraMotionEstimator estimator = new OpenCvCameraMotionEstimator()) {
            assertThat(estimator.estimate(FPS, Foreground.NONE).label()).isEqualTo("Undetermined");
            assertThatThrownBy(() -> estimator.path(FPS, Foreground.NONE)).isInstanceOf(IllegalStateException.class);
            estimator.accept(new SampledFrame(0, 0, scene.frame(W, H, scene.centredIn(W, H))));
            assertThat(estimator.estimate(FPS, Foreground.NONE).label()).isEqualTo("Undetermined");
        }
    }

    @Test
    void a_frame_of_another_size_is_refused_with_both_sizes() {
        try (OpenCvCameraMotionEstimator estimator = new OpenCvCameraMotionEstimator()) {
            estimator.accept(new SampledFrame(0, 0, scene.frame(W, H, scene.centredIn(W, H))));
            RgbImage small = scene.frame(160, 90, scene.centredIn(160, 90));
            assertThatThrownBy(() -> estimator.accept(new SampledFrame(1, 0.04, small)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("160x90").hasMessageContaining("320x180");
        }
    }

    @Test
    void settings_name_the_bad_value() {
        assertThatThrownBy(() -> new OpenCvCameraMotionEstimator.Settings(4, 0.8, 1.0 / 320, 1.0 / 320, 8,
                OpenCvCameraMotionEstimator.Settings.DEFAULT.rule()))
                .hasMessageContaining("points").hasMessageContaining("4");
    }
}
