package org.instancecap.core.camera;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import org.instancecap.core.camera.CameraMotionRule.Label;
import org.junit.jupiter.api.Test;

/** The naming rule on exact transforms: 320×180 frames, 25 fps, 50 steps (2 s). */
class CameraMotionRuleTest {

    private static final int W = 320;
    private static final int H = 180;
    private static final double FPS = 25;
    private static final int STEPS = 50;

    private final CameraMotionRule rule = new CameraMotionRule();

    /** The same content motion in every step: shift (x, y) px, scale and turn (degrees, counter-clockwise). */
    private static CameraPath steady(double dx, double dy, double scale, double degrees) {
        Similarity step = Similarity.about(W / 2.0, H / 2.0, scale, Math.toRadians(degrees), dx, dy);
        return new CameraPath(W, H, FPS, Collections.nCopies(STEPS, step), 0);
    }

    private String label(CameraPath path) {
        return rule.describe(path).label();
    }

    @Test
    void content_moving_left_is_the_camera_panning_right() {
        assertThat(label(steady(-2, 0, 1, 0))).isEqualTo("pan_right");
        assertThat(label(steady(2, 0, 1, 0))).isEqualTo("pan_left");
    }

    @Test
    void content_moving_down_is_the_camera_tilting_up() {
        assertThat(label(steady(0, 1, 1, 0))).isEqualTo("tilt_up");
        assertThat(label(steady(0, -1, 1, 0))).isEqualTo("tilt_down");
    }

    @Test
    void growing_content_is_a_zoom_in() {
        assertThat(label(steady(0, 0, 1.01, 0))).isEqualTo("zoom_in");
        assertThat(label(steady(0, 0, 0.99, 0))).isEqualTo("zoom_out");
    }

    @Test
    void motion_below_a_tenth_of_the_short_side_is_static() {
        // 0.35 px per step: 17.5 px in all, under 0.1 x 180
        CameraMotion motion = rule.describe(steady(0.35, 0, 1, 0));
        assertThat(motion.label()).isEqualTo("static");
        assertThat(motion.adverb()).isEmpty();
        assertThat(label(steady(0.37, 0, 1, 0))).isEqualTo("pan_left");
    }

    @Test
    void the_paper_rule_names_every_motion_past_the_threshold() {
        Similarity tiltWithDrift = steady(-1.4, 1.8, 1, 0).total();
        assertThat(CameraMotionRule.paperLabels(tiltWithDrift, W, H, 0.1))
                .containsExactlyInAnyOrder(Label.PAN_RIGHT, Label.TILT_UP);
    }

    @Test
    void a_secondary_motion_under_nine_tenths_of_the_dominant_one_is_not_named() {
        assertThat(label(steady(-1.4, 1.8, 1, 0))).isEqualTo("tilt_up");
        assertThat(label(steady(-1.75, 1.8, 1, 0))).isEqualTo("pan_right+tilt_up");
    }

    @Test
    void pan_and_zoom_of_the_same_size_are_both_named_in_taxonomy_order() {
        // zoom 1.5 moves the side borders by 0.5 x 155 px; a shift of the same size
        Similarity total = Similarity.about(W / 2.0, H / 2.0, 1.5, 0, 77.5, 0);
        assertThat(label(new CameraPath(W, H, FPS, List.of(total), 0))).isEqualTo("pan_left+zoom_in");
    }

    @Test
    void a_roll_alone_matches_no_pair_of_the_paper_rule() {
        Similarity roll = Similarity.about(W / 2.0, H / 2.0, 1, Math.toRadians(25), 0, 0);
        assertThat(CameraMotionRule.paperLabels(roll, W, H, 0.1)).isEmpty();
    }

    @Test
    void join_drops_static_beside_a_motion_and_says_undetermined_for_none() {
        assertThat(CameraMotionRule.join(EnumSet.of(Label.STATIC, Label.ZOOM_IN))).isEqualTo("zoom_in");
        assertThat(CameraMotionRule.join(EnumSet.of(Label.STATIC))).isEqualTo("static");
        assertThat(CameraMotionRule.join(EnumSet.noneOf(Label.class))).isEqualTo("Undetermined");
    }

    @Test
    void a_clear_roll_is_undetermined_and_reported_counter_clockwise() {
        CameraMotion motion = rule.describe(steady(0, 0, 1, 0.5));
        assertThat(motion.label()).isEqualTo("Undetermined");
        assertThat(motion.rotation()).isCloseTo(25, within(1e-6));
        assertThat(rule.describe(steady(0, 0, 1, -0.5)).rotation()).isCloseTo(-25, within(1e-6));
    }

    @Test
    void a_small_roll_beside_a_pan_leaves_the_pan() {
        assertThat(label(steady(-3, 0, 1, 0.05))).isEqualTo("pan_right");
    }

    @Test
    void shaking_is_undetermined_and_sharp() {
        Random random = new Random(7);
        List<Similarity> steps = new ArrayList<>();
        double x = 0;
        for (int i = 0; i < STEPS; i++) {
            double next = random.nextGaussian() * 4;
            steps.add(new Similarity(1, 0, next - x, 0));
            x = next;
        }
        CameraMotion motion = rule.describe(new CameraPath(W, H, FPS, steps, 0));
        assertThat(motion.jitter()).isGreaterThan(rule.settings().jitterLimit());
        assertThat(motion.label()).isEqualTo("Undetermined");
        assertThat(motion.adverb()).isEqualTo("sharply");
    }

    @Test
    void a_steady_pan_has_no_jitter() {
        assertThat(rule.describe(steady(-2, 0, 1, 0)).jitter()).isCloseTo(0, within(1e-12));
    }

    @Test
    void mostly_unmeasured_steps_are_undetermined() {
        List<Similarity> steps = Collections.nCopies(10, Similarity.IDENTITY);
        assertThat(label(new CameraPath(W, H, FPS, steps, 6))).isEqualTo("Undetermined");
        assertThat(label(new CameraPath(W, H, FPS, steps, 5))).isEqualTo("static");
    }

    @Test
    void speed_is_the_centre_shift_in_frames_per_second() {
        CameraMotion motion = rule.describe(steady(-3.2, 0, 1, 0));
        assertThat(motion.speed()).isCloseTo(3.2 * FPS / W, within(1e-9));
        assertThat(motion.zoom()).isCloseTo(1, within(1e-12));
        CameraMotion tilt = rule.describe(steady(0, 1.8, 1, 0));
        assertThat(tilt.speed()).isCloseTo(1.8 * FPS / H, within(1e-9));
    }

    @Test
    void zoom_is_the_total_scale() {
        assertThat(rule.describe(steady(0, 0, Math.pow(2, 1.0 / STEPS), 0)).zoom()).isCloseTo(2, within(1e-9));
    }

    @Test
    void adverbs_follow_the_rate() {
        // frames per second: 0.78 rapid, 0.156 steady, 0.031 slow (over 2 s a slow pan must still pass the threshold)
        assertThat(rule.describe(steady(-10, 0, 1, 0)).adverb()).isEqualTo("rapidly");
        assertThat(rule.describe(steady(-2, 0, 1, 0)).adverb()).isEqualTo("steadily");
        CameraPath longSlowPan = new CameraPath(W, H, FPS,
                Collections.nCopies(500, new Similarity(1, 0, -0.4, 0)), 0);
        CameraMotion slow = rule.describe(longSlowPan);
        assertThat(slow.label()).isEqualTo("pan_right");
        assertThat(slow.adverb()).isEqualTo("slowly");
    }

    @Test
    void a_motion_done_in_a_few_steps_is_sharp() {
        List<Similarity> steps = new ArrayList<>(Collections.nCopies(STEPS, Similarity.IDENTITY));
        for (int i = 20; i < 25; i++) {
            steps.set(i, new Similarity(1, 0, -12, 0));
        }
        CameraMotion motion = rule.describe(new CameraPath(W, H, FPS, steps, 0));
        assertThat(motion.label()).isEqualTo("pan_right");
        assertThat(motion.adverb()).isEqualTo("sharply");
    }

    @Test
    void no_steps_is_undetermined() {
        assertThat(label(new CameraPath(W, H, FPS, List.of(), 0))).isEqualTo("Undetermined");
    }

    @Test
    void settings_and_paths_name_the_bad_value() {
        assertThatThrownBy(() -> new CameraMotionRule.Settings(0, 0.9, 0.005, 0.5, 0.05, 0.3))
                .hasMessageContaining("factor").hasMessageContaining("0");
        assertThatThrownBy(() -> new CameraMotionRule.Settings(0.1, 0.9, 0.005, 0.5, 0.3, 0.05))
                .hasMessageContaining("slowRate");
        assertThatThrownBy(() -> new CameraPath(W, H, 0, List.of(), 0)).hasMessageContaining("fps");
        assertThatThrownBy(() -> new CameraPath(W, H, FPS, List.of(Similarity.IDENTITY), 2))
                .hasMessageContaining("lost");
    }
}
