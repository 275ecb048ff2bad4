package org.instancecap.core.pose;

import java.util.ArrayList;
import java.util.List;
import org.instancecap.core.amc.AmcResult;
import org.instancecap.core.amc.Instance;
import org.instancecap.core.amc.VideoAnalysis;
import org.instancecap.core.detect.Box;
import org.instancecap.core.segment.Mask;
import org.instancecap.core.video.RgbImage;
import org.instancecap.core.video.SampledFrame;

/**
 * The people analysis on a pose model and a face model: each person instance's pose on every
 * sampled frame and on the frames between them (its box there interpolated between the sampled
 * frames' boxes), then its clothing colours from the sampled frames' poses and masks, its actions
 * from the whole keypoint track ({@link Actions}), and its face's apparent attributes from the
 * sampled frames. Thread-safe when the models are (theirs take turns).
 */
public final class PersonAnalysis implements PeopleAnalyser {

    /** Frames looked at between two sampled frames: 8 sampled frames become 29, about 3 a second on a 10 s clip. */
    public static final int FRAMES_BETWEEN = 3;

    private final PoseEstimator poses;
    private final FaceAnalyser faces;
    private final List<String> analyses;

    /**
     * @param poses    the pose model
     * @param faces    the face model, or {@link FaceAnalyser#NONE}
     * @param faceKind what the face model measures, for the provenance ({@code face}); null without one
     */
    public PersonAnalysis(PoseEstimator poses, FaceAnalyser faces, String faceKind) {
        this.poses = poses;
        this.faces = faces;
        this.analyses = faceKind == null ? List.of("pose", "clothing", "actions") : List.of("pose", "clothing", "actions", faceKind);
    }

    @Override
    public int framesBetween() {
        return FRAMES_BETWEEN;
    }

    @Override
    public List<String> analyses() {
        return analyses;
    }

    @Override
    public List<PersonFacts> analyse(VideoAnalysis analysis) {
        List<PersonFacts> facts = new ArrayList<>();
        for (Instance instance : analysis.result().instances()) {
            if (PERSON.equals(instance.label())) {
                facts.add(person(analysis, instance));
            }
        }
        return facts;
    }

    private PersonFacts person(VideoAnalysis analysis, Instance instance) {
        List<SampledFrame> sampled = analysis.frames().frames();
        List<PoseTrack.Step> steps = new ArrayList<>();
        List<RgbImage> clothingFrames = new ArrayList<>();
        List<Mask> clothingMasks = new ArrayList<>();
        List<Pose> clothingPoses = new ArrayList<>();
        List<FaceAttributes> faceFindings = new ArrayList<>();
        for (int f = 0; f < sampled.size(); f++) {
            Box box = instance.boxes().get(f);
            if (box == null) {
                continue;
            }
            RgbImage image = sampled.get(f).image();
            Pose pose = poses.estimate(image, box);
            steps.add(new PoseTrack.Step(sampled.get(f).timeSeconds(), box, pose, true));
            if (!pose.isEmpty()) {
                clothingFrames.add(image);
                clothingMasks.add(analysis.masks().get(instance.id()).get(f));
                clothingPoses.add(pose);
            }
            faceFindings.add(faces.analyse(image, box, pose));
        }
        VideoAnalysis.BetweenFrames between = analysis.between();
        for (SampledFrame frame : between.frames()) {
            Box box = interpolated(analysis.result(), instance, frame.index());
            if (box == null) {
                continue;
            }
            double s = between.scale();
            Pose small = poses.estimate(frame.image(), new Box(box.x1() * s, box.y1() * s, box.x2() * s, box.y2() * s));
            steps.add(new PoseTrack.Step(frame.timeSeconds(), box, scaled(small, 1 / s), false));
        }
        steps.sort(java.util.Comparator.comparingDouble(PoseTrack.Step::time));
        ClothingColours clothing = ClothingColours.measure(clothingFrames, clothingMasks, clothingPoses);
        Actions actions = Actions.of(steps, analysis.result(), instance);
        return new PersonFacts(instance.id(), steps, clothing, actions, FaceAttributes.combine(faceFindings));
    }

    /** The instance's box at decoded frame {@code index}, between the sampled frames around it; null unless seen on both. */
    static Box interpolated(AmcResult result, Instance instance, int index) {
        List<AmcResult.FrameRef> frames = result.frames();
        for (int f = 0; f + 1 < frames.size(); f++) {
            int a = frames.get(f).index();
            int b = frames.get(f + 1).index();
            if (index > a && index < b) {
                Box from = instance.boxes().get(f);
                Box to = instance.boxes().get(f + 1);
                if (from == null || to == null) {
                    return null;
                }
                double t = (index - a) / (double) (b - a);
                return new Box(mix(from.x1(), to.x1(), t), mix(from.y1(), to.y1(), t), mix(from.x2(), to.x2(), t),
                        mix(from.y2(), to.y2(), t));
            }
        }
        return null;
    }

    private static double mix(double a, double b, double t) {
        return a + (b - a) * t;
    }

    private static Pose scaled(Pose pose, double factor) {
        return new Pose(pose.keypoints().stream().map(k -> new Keypoint(k.name(), k.x() * factor, k.y() * factor, k.score())).toList());
    }

    @Override
    public void close() {
        try (PoseEstimator p = poses; FaceAnalyser f = faces) {
            // both closed, the face model first
        }
    }
}
