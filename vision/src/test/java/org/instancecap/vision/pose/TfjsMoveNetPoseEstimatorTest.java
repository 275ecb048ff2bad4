package org.instancecap.vision.pose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.abort;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import org.instancecap.core.InstanceCapException;
import org.instancecap.core.caption.ColourNames;
import org.instancecap.core.detect.Box;
import org.instancecap.core.detect.Detection;
import org.instancecap.core.pose.ClothingColours;
import org.instancecap.core.pose.ClothingColours.Part;
import org.instancecap.core.pose.Keypoint;
import org.instancecap.core.pose.Pose;
import org.instancecap.core.video.RgbImage;
import org.instancecap.vision.detect.TfjsNanoDetDetector;
import org.instancecap.vision.model.MoveNetModels;
import org.instancecap.vision.model.NanoDetModels;
import org.instancecap.vision.video.JavaCvVideoReader;
import org.instancecap.vision.video.SharedMedia;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The real model on people of the shared clips, really decoded, their boxes found by NanoDet (8
 * frames a clip). Skipped when the models cannot be had or the media are absent. The colours expected
 * are what the frames show (looked at by eye): in sam2_01_dog a woman in a cream top, mid-blue jeans
 * and white trainers; in sam2_05_default_juggle a man in a blue-grey shirt, navy trousers and white
 * trainers.
 */
class TfjsMoveNetPoseEstimatorTest {

    private static final JavaCvVideoReader READER = new JavaCvVideoReader();
    private static final Map<String, List<Person>> PEOPLE = new HashMap<>();
    private static TfjsNanoDetDetector detector;
    private static TfjsMoveNetPoseEstimator estimator;

    /** One person found in one frame, and its pose. */
    record Person(RgbImage frame, Box box, Pose pose) {
    }

    @BeforeAll
    static void load() {
        try {
            MoveNetModels.atDefaultLocation().ensure();
            detector = new TfjsNanoDetDetector(NanoDetModels.atDefaultLocation().file(NanoDetModels.NANODET_JSON));
        } catch (InstanceCapException e) {
            abort("models unavailable, skipping: " + e.getMessage());
        }
        estimator = TfjsMoveNetPoseEstimator.builtIn();
    }

    @AfterAll
    static void close() {
        if (estimator != null) {
            estimator.close();
        }
        if (detector != null) {
            detector.close();
        }
    }

    private static List<Person> people(String video) {
        return PEOPLE.computeIfAbsent(video, v -> {
            List<Person> found = new ArrayList<>();
            for (var sampled : READER.sample(SharedMedia.file("videos/" + v), 8).frames()) {
                RgbImage frame = sampled.image();
                for (Detection d : detector.detect(frame)) {
                    if (d.label().equals("person") && d.score() >= detector.instanceThreshold()) {
                        found.add(new Person(frame, d.box(), estimator.estimate(frame, d.box())));
                    }
                }
            }
            return found;
        });
    }

    private static OptionalDouble y(Pose pose, String part) {
        if (part.equals("head")) { // the nose drops to the shoulders' level when the juggler looks down at the ball
            return List.of("nose", "left_eye", "right_eye", "left_ear", "right_ear").stream().map(pose::find)
                    .flatMap(Optional::stream).mapToDouble(Keypoint::y).average();
        }
        List<Keypoint> seen = new ArrayList<>();
        pose.find("left_" + part).ifPresent(seen::add);
        pose.find("right_" + part).ifPresent(seen::add);
        pose.find(part).ifPresent(seen::add);
        return seen.stream().mapToDouble(Keypoint::y).average();
    }

    /** Head above shoulders above hips, and on each leg hip above knee above ankle, for the keypoints seen. */
    private static boolean upright(Pose pose) {
        return above(pose, "head", "shoulder") && above(pose, "shoulder", "hip") && leg(pose, "left") && leg(pose, "right");
    }

    private static boolean trunkUpright(Pose pose) {
        return above(pose, "head", "shoulder") && above(pose, "shoulder", "hip");
    }

    private static boolean above(Pose pose, String upper, String lower) {
        OptionalDouble a = y(pose, upper);
        OptionalDouble b = y(pose, lower);
        return a.isEmpty() || b.isEmpty() || a.getAsDouble() < b.getAsDouble();
    }

    private static boolean leg(Pose pose, String side) {
        List<Double> ys = new ArrayList<>();
        for (String joint : List.of("_hip", "_knee", "_ankle")) {
            pose.find(side + joint).ifPresent(k -> ys.add(k.y()));
        }
        for (int i = 1; i < ys.size(); i++) {
            if (ys.get(i) <= ys.get(i - 1)) {
                return false;
            }
        }
        return true;
    }

    /** The person's left shoulder and left hip lie on the same side of the body as each other. */
    private static boolean sidesAgree(Person p) {
        Optional<Keypoint> ls = p.pose().find("left_shoulder");
        Optional<Keypoint> rs = p.pose().find("right_shoulder");
        Optional<Keypoint> lh = p.pose().find("left_hip");
        Optional<Keypoint> rh = p.pose().find("right_hip");
        if (ls.isEmpty() || rs.isEmpty() || lh.isEmpty() || rh.isEmpty()) {
            return true;
        }
        double shoulders = ls.get().x() - rs.get().x();
        double hips = lh.get().x() - rh.get().x();
        double small = 0.05 * p.box().width();
        // seen from the side both spreads are near zero and their signs mean nothing
        return Math.abs(shoulders) < small || Math.abs(hips) < small || Math.signum(shoulders) == Math.signum(hips);
    }

    private static void insideBox(Person p) {
        double mx = 0.15 * p.box().width();
        double my = 0.15 * p.box().height();
        for (Keypoint k : p.pose().keypoints()) {
            assertThat(k.x()).as(k.name()).isBetween(p.box().x1() - mx, p.box().x2() + mx);
            assertThat(k.y()).as(k.name()).isBetween(p.box().y1() - my, p.box().y2() + my);
            assertThat(k.score()).isGreaterThanOrEqualTo(TfjsMoveNetPoseEstimator.SCORE_FLOOR);
        }
    }

    private static long whole(List<Person> people) {
        return people.stream().filter(p -> p.pose().keypoints().size() == Pose.COCO_17.size()
                || List.of("shoulder", "hip", "knee", "ankle").stream().allMatch(j -> p.pose().find("left_" + j).isPresent()
                        && p.pose().find("right_" + j).isPresent())).count();
    }

    @Test
    void the_walking_woman_of_sam2_dog_stands_head_over_feet() {
        List<Person> people = people("sam2_01_dog.mp4");
        assertThat(people).hasSizeGreaterThanOrEqualTo(6);
        assertThat(whole(people)).as("frames with shoulders, hips, knees and ankles all seen").isGreaterThanOrEqualTo(people.size() - 2);
        for (Person p : people) {
            assertThat(upright(p.pose())).as("upright: %s", p.pose()).isTrue();
            assertThat(sidesAgree(p)).as("left and right: %s", p.pose()).isTrue();
            insideBox(p);
        }
    }

    @Test
    void the_juggler_keeps_his_trunk_upright_and_mostly_stands_on_both_legs() {
        List<Person> people = people("sam2_05_default_juggle.mp4");
        assertThat(people).hasSizeGreaterThanOrEqualTo(6);
        for (Person p : people) {
            assertThat(trunkUpright(p.pose())).as("trunk: %s", p.pose()).isTrue();
            assertThat(sidesAgree(p)).as("left and right: %s", p.pose()).isTrue();
            insideBox(p);
        }
        // he kicks the ball up with a knee or a foot in some frames
        assertThat(people.stream().filter(p -> upright(p.pose())).count()).isGreaterThanOrEqualTo(people.size() / 2);
    }

    @Test
    void the_person_entering_at_the_door_of_intel_people_is_cut_by_the_edge_without_guesses() {
        List<Person> people = people("intel_people-detection.gif");
        assertThat(people).isNotEmpty();
        for (Person p : people) {
            insideBox(p);
            assertThat(trunkUpright(p.pose())).as("trunk: %s", p.pose()).isTrue();
            for (Keypoint k : p.pose().keypoints()) {
                assertThat(k.x()).isBetween(0.0, (double) p.frame().width());
                assertThat(k.y()).isBetween(0.0, (double) p.frame().height());
            }
        }
    }

    private static List<String> names(ClothingColours clothes, Part part) {
        return clothes.of(part).orElseThrow().stream().map(ColourNames.Share::name).toList();
    }

    @Test
    void the_womans_clothes_are_a_pale_top_blue_jeans_and_pale_trainers() {
        int measured = 0;
        for (Person p : people("sam2_01_dog.mp4")) {
            ClothingColours clothes = ClothingColours.measure(p.frame(), null, p.pose());
            if (clothes.of(Part.UPPER_BODY).isPresent()) {
                assertThat(names(clothes, Part.UPPER_BODY).get(0)).isIn("light grey", "white", "beige");
            }
            if (clothes.of(Part.LOWER_BODY).isPresent()) {
                assertThat(names(clothes, Part.LOWER_BODY)).contains("denim blue");
            }
            if (clothes.of(Part.FOOTWEAR).isPresent()) {
                assertThat(names(clothes, Part.FOOTWEAR)).containsAnyOf("light grey", "white");
            }
            measured += clothes.parts().size();
        }
        assertThat(measured).isGreaterThanOrEqualTo(15);
    }

    @Test
    void the_jugglers_clothes_are_a_blue_grey_shirt_dark_trousers_and_white_trainers() {
        int measured = 0;
        int shirts = 0;
        List<Person> people = people("sam2_05_default_juggle.mp4");
        for (Person p : people) {
            ClothingColours clothes = ClothingColours.measure(p.frame(), null, p.pose());
            if (clothes.of(Part.UPPER_BODY).isPresent()
                    && List.of("denim blue", "dark grey", "grey").contains(names(clothes, Part.UPPER_BODY).get(0))) {
                shirts++; // when he kicks, his raised thigh crosses the torso
            }
            if (clothes.of(Part.LOWER_BODY).isPresent()) {
                assertThat(names(clothes, Part.LOWER_BODY).get(0)).isIn("black", "navy");
            }
            if (clothes.of(Part.FOOTWEAR).isPresent()) {
                assertThat(names(clothes, Part.FOOTWEAR)).containsAnyOf("light grey", "white");
            }
            measured += clothes.parts().size();
        }
        assertThat(shirts).isGreaterThanOrEqualTo(people.size() - 2);
        assertThat(measured).isGreaterThanOrEqualTo(15);
    }

    @Test
    void a_frame_cut_at_the_womans_waist_shows_her_top_and_says_nothing_of_her_legs_or_feet() {
        // the frame where she stands straightest (in the first she bends down to the dog)
        Person p = people("sam2_01_dog.mp4").stream().filter(q -> y(q.pose(), "hip").isPresent() && y(q.pose(), "head").isPresent())
                .max(java.util.Comparator.comparingDouble(q -> y(q.pose(), "hip").getAsDouble() - y(q.pose(), "head").getAsDouble()))
                .orElseThrow();
        double hips = y(p.pose(), "hip").orElseThrow();
        RgbImage top = p.frame().crop(0, 0, p.frame().width(), (int) Math.round(hips) + 10);

        Pose cut = estimator.estimate(top, p.box().clip(top.width(), top.height())); // as a detector would box her
        ClothingColours clothes = ClothingColours.measure(top, null, cut);

        assertThat(cut.find("nose")).isPresent();
        assertThat(cut.find("left_shoulder")).isPresent();
        for (String joint : List.of("left_knee", "right_knee", "left_ankle", "right_ankle")) {
            assertThat(cut.find(joint)).as(joint).isEmpty();
        }
        assertThat(clothes.of(Part.LOWER_BODY)).isEmpty();
        assertThat(clothes.of(Part.FOOTWEAR)).isEmpty();
        cut.keypoints().forEach(k -> assertThat(k.y()).isLessThan(top.height()));
    }

    @Test
    void cut_at_the_waist_as_she_bends_to_the_dog_no_knee_is_pinned_to_the_edge() {
        Person p = people("sam2_01_dog.mp4").get(0);
        double hips = y(p.pose(), "hip").orElseThrow();
        assertThat(y(p.pose(), "knee").orElseThrow()).as("her knees, 80 px below her hips").isGreaterThan(hips + 50);
        RgbImage top = p.frame().crop(0, 0, p.frame().width(), (int) Math.round(hips) + 10);
        for (Box box : List.of(p.box(), p.box().clip(top.width(), top.height()))) {
            Pose cut = estimator.estimate(top, box);
            for (String joint : List.of("left_knee", "right_knee", "left_ankle", "right_ankle")) {
                assertThat(cut.find(joint)).as(joint + " with the box " + box).isEmpty();
            }
            assertThat(ClothingColours.measure(top, null, cut).of(Part.LOWER_BODY)).isEmpty();
        }
    }

    @Test
    void the_one_frame_clip_gives_a_pose_without_failing() {
        var frames = READER.sample(SharedMedia.file("edge/derived/frames_1_dog.mp4"), 8).frames();
        assertThat(frames).hasSize(1);
        RgbImage frame = frames.get(0).image();
        List<Detection> persons = detector.detect(frame).stream()
                .filter(d -> d.label().equals("person") && d.score() >= detector.instanceThreshold()).toList();
        for (Detection d : persons) {
            Pose pose = estimator.estimate(frame, d.box());
            insideBox(new Person(frame, d.box(), pose));
            assertThat(trunkUpright(pose)).isTrue();
            ClothingColours.measure(frame, null, pose);
        }
    }

    @Test
    void a_tiny_box_or_one_beyond_the_frame_is_not_looked_at_and_loads_nothing() {
        RgbImage frame = people("sam2_01_dog.mp4").get(0).frame();
        try (TfjsMoveNetPoseEstimator fresh = TfjsMoveNetPoseEstimator.builtIn()) {
            assertThat(fresh.estimate(frame, new Box(300, 300, 310, 312))).isEqualTo(Pose.NONE);
            assertThat(fresh.estimate(frame, new Box(-500, -400, -100, -10))).isEqualTo(Pose.NONE);
            assertThat(fresh.estimate(frame, new Box(frame.width() - 5, 100, frame.width() + 300, 500))).isEqualTo(Pose.NONE);
            assertThat(fresh.loaded()).isFalse();
        }
    }

    @Test
    void a_box_on_empty_ground_finds_no_whole_body() {
        // the juggle clip's left third is grass and trees: nobody there
        RgbImage frame = people("sam2_05_default_juggle.mp4").get(0).frame();
        Pose pose = estimator.estimate(frame, new Box(40, 300, 240, 700));
        assertThat(whole(List.of(new Person(frame, new Box(40, 300, 240, 700), pose)))).isZero();
    }
}
