package org.instancecap.core.pose;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.DoubleFunction;
import org.instancecap.core.amc.AmcResult;
import org.instancecap.core.amc.AmcSettings;
import org.instancecap.core.amc.Instance;
import org.instancecap.core.camera.CameraMotion;
import org.instancecap.core.detect.Box;
import org.instancecap.core.video.VideoInfo;
import org.junit.jupiter.api.Test;

/** The action rules on keypoint tracks made here: a stick figure of torso length {@code L} moved by each action. */
class ActionsTest {

    static final double L = 100;
    static final int W = 1280;
    static final int H = 720;
    static final double STEP = 1 / 3.0;

    /** A person upright: hips at (x, hipY), the other joints where a standing person has them. */
    record Figure(double x, double hipY, double kneeLift, double ankleSpread, double wristY, double wristX, double leftAnkleLift,
                  boolean face, double thighDrop, double legLength) {
        static Figure standing(double x, double hipY) {
            return new Figure(x, hipY, 0, 0.3 * L, hipY, 0, 0, true, 0.9 * L, 1.8 * L);
        }

        Figure at(double newX, double newHipY) {
            return new Figure(newX, newHipY, kneeLift, ankleSpread, wristY - hipY + newHipY, wristX, leftAnkleLift, face, thighDrop,
                    legLength);
        }

        Pose pose() {
            List<Keypoint> k = new ArrayList<>();
            double shoulders = hipY - L;
            if (face) {
                k.add(new Keypoint("nose", x, shoulders - 0.6 * L, 0.9));
                k.add(new Keypoint("left_eye", x + 0.08 * L, shoulders - 0.7 * L, 0.9));
                k.add(new Keypoint("right_eye", x - 0.08 * L, shoulders - 0.7 * L, 0.9));
            }
            k.add(new Keypoint("left_shoulder", x + 0.35 * L, shoulders, 0.9));
            k.add(new Keypoint("right_shoulder", x - 0.35 * L, shoulders, 0.9));
            k.add(new Keypoint("left_wrist", x + 0.4 * L + wristX, wristY, 0.9));
            k.add(new Keypoint("right_wrist", x - 0.4 * L, hipY, 0.9));
            k.add(new Keypoint("left_hip", x + 0.2 * L, hipY, 0.9));
            k.add(new Keypoint("right_hip", x - 0.2 * L, hipY, 0.9));
            k.add(new Keypoint("left_knee", x + 0.2 * L, hipY + thighDrop - kneeLift, 0.9));
            k.add(new Keypoint("right_knee", x - 0.2 * L, hipY + thighDrop, 0.9));
            k.add(new Keypoint("left_ankle", x + ankleSpread / 2, hipY + legLength - leftAnkleLift, 0.9));
            k.add(new Keypoint("right_ankle", x - ankleSpread / 2, hipY + legLength, 0.9));
            k.sort((a, b) -> Integer.compare(Pose.COCO_17.indexOf(a.name()), Pose.COCO_17.indexOf(b.name())));
            return new Pose(k);
        }

        Box box() {
            return new Box(x - 0.6 * L, hipY - 1.9 * L, x + 0.6 * L, Math.min(H - 10, hipY + legLength + 0.1 * L));
        }
    }

    static List<PoseTrack.Step> track(int frames, DoubleFunction<Figure> at) {
        List<PoseTrack.Step> steps = new ArrayList<>();
        for (int i = 0; i < frames; i++) {
            double t = i * STEP;
            Figure f = at.apply(t);
            steps.add(new PoseTrack.Step(t, f.box(), f.pose(), i % 4 == 0));
        }
        return steps;
    }

    static AmcResult clip(CameraMotion camera, List<Instance> instances) {
        VideoInfo info = new VideoInfo("made.mp4", 10, 30, 300, W, H, 0, "h264", false);
        List<AmcResult.FrameRef> frames = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            frames.add(new AmcResult.FrameRef(i * 40, i * 40 / 30.0));
        }
        return new AmcResult("made.mp4", info, frames, camera, instances, new AmcSettings(8, 3, "test", 0.5, false, "box", 320));
    }

    static final CameraMotion STILL = new CameraMotion(CameraMotion.STATIC, 0, 1, 0, 0, "");

    static Actions actions(List<PoseTrack.Step> steps) {
        return Actions.of(steps, clip(STILL, List.of()));
    }

    @Test
    void a_person_who_stays_upright_and_still_is_standing_and_nothing_else() {
        Actions a = actions(track(29, t -> Figure.standing(600, 300 + 2 * Math.sin(7 * t))));
        assertThat(a.names()).containsExactly("standing");
    }

    @Test
    void the_whole_body_going_up_and_down_by_half_a_torso_is_jumping() {
        Actions a = actions(track(29, t -> Figure.standing(600, 300 - 50 * Math.abs(Math.sin(Math.PI * t / 0.7)))));
        assertThat(a.names()).contains("jumping").doesNotContain("walking", "standing");
        assertThat(a.evidence().get("hip_swings")).isGreaterThanOrEqualTo(Actions.JUMP_SWINGS);
    }

    @Test
    void bending_the_knees_without_the_feet_leaving_the_ground_is_not_jumping() {
        // hips go down and up; ankles stay on the floor, so the legs shorten instead
        Actions a = actions(track(29, t -> {
            double dip = 50 * Math.abs(Math.sin(Math.PI * t / 0.7));
            Figure f = Figure.standing(600, 300 + dip);
            return new Figure(f.x(), f.hipY(), 0, f.ankleSpread(), f.wristY(), 0, 0, true, 0.9 * L - dip / 2, 1.8 * L - dip);
        }));
        assertThat(a.names()).doesNotContain("jumping");
    }

    @Test
    void travelling_sideways_with_strides_is_walking_that_way_and_fast_travel_is_running() {
        DoubleFunction<Figure> walker = t -> {
            Figure f = Figure.standing(300 + 80 * t, 300);
            return new Figure(f.x(), f.hipY(), 0, 0.6 * L * Math.abs(Math.sin(Math.PI * t / 0.55)), f.wristY(), 0, 0, true, 0.9 * L,
                    1.8 * L);
        };
        assertThat(actions(track(29, walker)).names()).containsExactly("walking to the right");
        DoubleFunction<Figure> runner = t -> {
            Figure f = walker.apply(t);
            return f.at(1200 - 700 * t, 300);
        };
        assertThat(actions(track(4, runner)).names()).containsExactly("running to the left");
    }

    @Test
    void drifting_without_strides_is_not_walking() {
        Actions a = actions(track(29, t -> Figure.standing(300 + 80 * t, 300)));
        assertThat(a.names()).noneMatch(n -> n.startsWith("walking"));
    }

    @Test
    void the_measured_camera_pan_is_taken_off_the_travel() {
        // the person stays mid-frame while the camera turns right (content moves left at 0.06 frame widths
        // a second): the person walks to the right in the world
        CameraMotion pan = new CameraMotion("pan_right", 0.06, 1, 0, 0, "steadily");
        List<PoseTrack.Step> inPlace = track(29, t -> {
            Figure f = Figure.standing(640, 300);
            return new Figure(f.x(), f.hipY(), 0, 0.6 * L * Math.abs(Math.sin(Math.PI * t / 0.55)), f.wristY(), 0, 0, true, 0.9 * L,
                    1.8 * L);
        });
        assertThat(Actions.of(inPlace, clip(pan, List.of())).names()).containsExactly("walking to the right");
        assertThat(Actions.of(inPlace, clip(STILL, List.of())).names()).noneMatch(n -> n.startsWith("walking"));
        CameraMotion shaky = new CameraMotion(CameraMotion.UNDETERMINED, 0.06, 1, 0, 0.02, "");
        assertThat(Actions.of(inPlace, clip(shaky, List.of())).names()).noneMatch(n -> n.startsWith("walking"));
    }

    @Test
    void level_thighs_are_sitting_and_hips_near_the_ankles_are_crouching() {
        Actions sitting = actions(track(29, t -> {
            Figure f = Figure.standing(600, 300);
            return new Figure(f.x(), f.hipY(), 0, f.ankleSpread(), f.wristY(), 0, 0, true, 0.1 * L, 1.0 * L);
        }));
        assertThat(sitting.names()).containsExactly("sitting");
        Actions crouching = actions(track(29, t -> {
            Figure f = Figure.standing(600, 400);
            return new Figure(f.x(), f.hipY(), 0, f.ankleSpread(), f.wristY(), 0, 0, true, 0.6 * L, 0.8 * L);
        }));
        assertThat(crouching.names()).contains("crouching").doesNotContain("sitting", "standing");
    }

    @Test
    void legs_hidden_behind_a_desk_are_sitting_only_with_a_seat_or_table_in_the_clip() {
        List<PoseTrack.Step> steps = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            Pose whole = Figure.standing(600, 300).pose();
            Pose upper = new Pose(whole.keypoints().stream().filter(k -> !k.name().contains("knee") && !k.name().contains("ankle")).toList());
            steps.add(new PoseTrack.Step(i * STEP, new Box(540, 110, 660, 350), upper, i % 4 == 0));
        }
        Instance desk = new Instance(0, "dining table", 0.6, Collections.nCopies(8, new Box(400, 340, 900, 600)),
                Collections.nCopies(8, "bottom-middle"), "dining table stays at bottom-middle.");
        assertThat(Actions.of(steps, clip(STILL, List.of(desk))).names()).containsExactly("sitting");
        assertThat(Actions.of(steps, clip(STILL, List.of())).names()).isEmpty();
    }

    @Test
    void arms_over_the_head_are_raised_and_swinging_them_there_is_waving() {
        Actions raised = actions(track(29, t -> {
            Figure f = Figure.standing(600, 300);
            return new Figure(f.x(), f.hipY(), 0, f.ankleSpread(), 300 - 1.9 * L, 0, 0, true, 0.9 * L, 1.8 * L);
        }));
        assertThat(raised.names()).contains("raising the arms");
        Actions waving = actions(track(29, t -> {
            Figure f = Figure.standing(600, 300);
            return new Figure(f.x(), f.hipY(), 0, f.ankleSpread(), 300 - 1.9 * L, 30 * Math.signum(Math.sin(Math.PI * t / 0.34)), 0, true,
                    0.9 * L, 1.8 * L);
        }));
        assertThat(waving.names()).contains("waving").doesNotContain("raising the arms");
    }

    @Test
    void a_foot_lifted_high_is_kicking_and_with_a_ball_bouncing_over_the_person_juggling() {
        DoubleFunction<Figure> kicker = t -> {
            Figure f = Figure.standing(600, 300);
            boolean up = ((int) Math.round(t / STEP)) % 5 == 2;
            return new Figure(f.x(), f.hipY(), up ? 0.6 * L : 0, f.ankleSpread(), f.wristY(), 0, up ? 0.7 * L : 0, true, 0.9 * L, 1.8 * L);
        };
        List<PoseTrack.Step> steps = track(29, kicker);
        assertThat(actions(steps).names()).contains("kicking").doesNotContain("juggling a ball");

        Box person = Figure.standing(600, 300).box();
        Instance personInstance = new Instance(0, "person", 0.9, Collections.nCopies(8, person), Collections.nCopies(8, "center-middle"),
                "person stays at center-middle.");
        List<Box> ball = new ArrayList<>();
        for (int f = 0; f < 8; f++) {
            double y = f % 2 == 0 ? 420 : 300; // over the knees, then at the waist, and again
            ball.add(new Box(590, y - 15, 620, y + 15));
        }
        Instance ballInstance = new Instance(1, "sports ball", 0.5, ball, Collections.nCopies(8, "center-middle"),
                "sports ball stays at center-middle.");
        Actions juggling = Actions.of(steps, clip(STILL, List.of(personInstance, ballInstance)), personInstance);
        assertThat(juggling.names()).contains("juggling a ball").doesNotContain("kicking");
    }

    @Test
    void the_face_seen_then_lost_for_several_frames_is_turning_around() {
        Actions turning = actions(track(12, t -> {
            Figure f = Figure.standing(600, 300);
            return new Figure(f.x(), f.hipY(), 0, f.ankleSpread(), f.wristY(), 0, 0, t < 2, 0.9 * L, 1.8 * L);
        }));
        assertThat(turning.names()).contains("turning around");
        assertThat(actions(track(12, t -> Figure.standing(600, 300))).names()).doesNotContain("turning around");
    }

    @Test
    void too_few_poses_or_no_torso_say_nothing() {
        assertThat(actions(track(3, t -> Figure.standing(600, 300 - 60 * (t % 2))))).isEqualTo(Actions.NONE);
        assertThat(actions(track(1, t -> Figure.standing(600, 300)))).isEqualTo(Actions.NONE);
        List<PoseTrack.Step> headsOnly = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            headsOnly.add(new PoseTrack.Step(i * STEP, new Box(0, 0, 50, 50), new Pose(List.of(new Keypoint("nose", 25, 25, 0.9))), true));
        }
        assertThat(actions(headsOnly)).isEqualTo(Actions.NONE);
        assertThat(actions(List.of())).isEqualTo(Actions.NONE);
    }

    @Test
    void swings_count_reversals_larger_than_the_step_and_ignore_smaller_wobbles() {
        assertThat(Actions.swings(new double[] {0, 10, 0, 10, 0}, 5)).isEqualTo(3);
        assertThat(Actions.swings(new double[] {0, 3, 0, 3, 0, 3}, 5)).isZero();
        assertThat(Actions.swings(new double[] {0, Double.NaN, 10, 0}, 5)).isEqualTo(1);
        assertThat(Actions.swings(new double[] {0, 2, 4, 6, 8}, 5)).isZero();
    }
}
