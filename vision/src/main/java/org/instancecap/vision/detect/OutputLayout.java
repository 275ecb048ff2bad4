package org.instancecap.vision.detect;

import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.instancecap.vision.onnx.OnnxSession;

/**
 * The output layouts of the detector exports {@link OnnxObjectDetector} reads, one record per model
 * family: how each is recognised from the model's output names and shapes, and how its tensors
 * become candidate boxes in model-input pixels. Everything else (letterbox, score floor, NMS,
 * labels, mapping back to the image) is shared and lives in the detector.
 */
sealed interface OutputLayout {

    /** One box before suppression and mapping, in model-input pixels, any corner order. */
    record Candidate(int classIndex, float score, float x1, float y1, float x2, float y2) {}

    /**
     * What a run produced.
     *
     * @param classCount  the number of classes the model scored, or -1 when it returned class indices
     * @param suppression whether the boxes still need non-maximum suppression (dense YOLO heads)
     * @param candidates  the boxes scoring at least the floor
     */
    record Decoded(int classCount, boolean suppression, List<Candidate> candidates) {}

    /** The number of classes the declared output shapes imply, or -1 when they do not tell. */
    int declaredClassCount();

    /** The candidates scoring at least {@code floor}. */
    Decoded decode(OnnxSession session, OrtSession.Result result, int inputWidth, int inputHeight, float floor);

    /** Recognises the layout from the model's outputs; fails with the list of accepted layouts. */
    static OutputLayout recognise(OnnxSession session) {
        Map<String, TensorInfo> outputs = session.outputs();
        String labels = named(outputs, "labels", 2);
        String boxes = named(outputs, "boxes", 3);
        String scores = named(outputs, "scores", 2);
        if (labels != null && boxes != null && scores != null) {
            return new DetrPostprocessed(labels, boxes, scores);
        }
        for (Map.Entry<String, TensorInfo> e : outputs.entrySet()) {
            long[] s = e.getValue().getShape();
            if (s.length == 2 && s[1] == 6) {
                return new PaddleDetections(e.getKey());
            }
        }
        if (outputs.size() == 1) {
            Map.Entry<String, TensorInfo> only = outputs.entrySet().iterator().next();
            if (only.getValue().getShape().length == 3) {
                return new Ultralytics(only.getKey(), only.getValue().getShape());
            }
        }
        String predBoxes = named(outputs, "pred_boxes", 3);
        String logits = named(outputs, "logits", 3) != null ? "logits" : named(outputs, "pred_logits", 3);
        if (predBoxes != null && logits != null) {
            return new DetrPair(predBoxes, logits, outputs.get(logits).getShape()[2]);
        }
        List<String> rank3 = outputs.entrySet().stream().filter(e -> e.getValue().getShape().length == 3).map(Map.Entry::getKey).toList();
        if (rank3.size() == 2) {
            String boxOutput = rank3.stream().filter(n -> isBoxName(n) && lastDim(outputs, n) == 4).findFirst()
                    .orElseGet(() -> rank3.stream().filter(n -> lastDim(outputs, n) == 4).count() == 1
                            ? rank3.stream().filter(n -> lastDim(outputs, n) == 4).findFirst().get() : null);
            if (boxOutput != null) {
                String classOutput = rank3.get(0).equals(boxOutput) ? rank3.get(1) : rank3.get(0);
                return new DetrPair(boxOutput, classOutput, outputs.get(classOutput).getShape()[2]);
            }
        }
        throw session.failure("unsupported detector outputs: " + OnnxSession.describe(outputs) + ". Accepted: "
                + "one [1, 4+C, N] output (Ultralytics YOLOv8/YOLO11), one [1, N, 6] (Ultralytics end-to-end), "
                + "one [1, N, 4+C] (Ultralytics RT-DETR), boxes [1, N, 4] + logits or scores [1, N, C] (Hugging Face, RF-DETR), "
                + "labels + boxes + scores (RT-DETR, D-FINE) or [M, 6] (PaddleDetection)");
    }

    /**
     * Ultralytics' single output, told apart by its shape {@code [1, A, B]}: {@code A < B} is the
     * dense YOLOv8/YOLO11 head {@code [1, 4+C, N]} (cx, cy, w, h in input pixels, then C class
     * scores; needs NMS); {@code B == 6} is the end-to-end head of YOLOv10/YOLO26 {@code [1, N, 6]}
     * (x1, y1, x2, y2 in input pixels, score, class); otherwise RT-DETR {@code [1, N, 4+C]}
     * (cx, cy, w, h normalised to the input, then C class scores).
     */
    record Ultralytics(String output, long[] declared) implements OutputLayout {
        enum Head { DENSE, END_TO_END, QUERIES }

        static Head head(long a, long b) {
            if (b == 6 && a > 6) {
                return Head.END_TO_END;
            }
            return a < b ? Head.DENSE : Head.QUERIES;
        }

        @Override
        public int declaredClassCount() {
            if (declared[1] <= 0 || declared[2] <= 0) {
                return -1;
            }
            return switch (head(declared[1], declared[2])) {
                case DENSE -> (int) declared[1] - 4;
                case QUERIES -> (int) declared[2] - 4;
                case END_TO_END -> -1;
            };
        }

        @Override
        public Decoded decode(OnnxSession session, OrtSession.Result result, int inputWidth, int inputHeight, float floor) {
            var tensor = session.output(result, output);
            long[] shape = tensor.getInfo().getShape();
            if (shape.length != 3 || shape[0] != 1) {
                throw session.failure("output '" + output + "' is " + OnnxSession.describe(shape) + ", expected [1, A, B]");
            }
            int a = (int) shape[1];
            int b = (int) shape[2];
            float[] v = session.floats(tensor, output);
            List<Candidate> out = new ArrayList<>();
            switch (head(a, b)) {
                case DENSE -> {
                    if (a < 5) {
                        throw session.failure("output '" + output + "' is " + OnnxSession.describe(shape) + ": no class rows after the 4 box rows");
                    }
                    float[] scores = Scores.probabilities(v, 4 * b, v.length, false);
                    for (int n = 0; n < b; n++) {
                        int best = Scores.argmax(scores, 4 * b + n, b, a - 4, floor);
                        if (best >= 0) {
                            addCentred(out, best, scores[(4 + best) * b + n], v[n], v[b + n], v[2 * b + n], v[3 * b + n]);
                        }
                    }
                    return new Decoded(a - 4, true, out);
                }
                case END_TO_END -> {
                    for (int n = 0; n < a; n++) {
                        int o = n * 6;
                        if (v[o + 4] >= floor) {
                            addCorners(out, Math.round(v[o + 5]), v[o + 4], v[o], v[o + 1], v[o + 2], v[o + 3]);
                        }
                    }
                    return new Decoded(-1, false, out);
                }
                default -> {
                    if (b < 5) {
                        throw session.failure("output '" + output + "' is " + OnnxSession.describe(shape) + ": no class columns after the 4 box columns");
                    }
                    float[] scores = Scores.probabilities(v, 0, v.length, false);
                    for (int n = 0; n < a; n++) {
                        int o = n * b;
                        int best = Scores.argmax(scores, o + 4, 1, b - 4, floor);
                        if (best >= 0) {
                            addCentred(out, best, scores[o + 4 + best], v[o] * inputWidth, v[o + 1] * inputHeight,
                                    v[o + 2] * inputWidth, v[o + 3] * inputHeight);
                        }
                    }
                    return new Decoded(b - 4, false, out);
                }
            }
        }
    }

    /**
     * Boxes {@code [1, N, 4]} as cx, cy, w, h normalised to the input, and class scores
     * {@code [1, N, C]}: {@code pred_boxes} with {@code logits} or {@code pred_logits}, taken by name
     * whatever else the model outputs (Hugging Face exports of RT-DETR and RT-DETRv2); otherwise a
     * model's only two 3-D outputs, the boxes being the one named with "box" or {@code dets}, or
     * the only one ending in 4 (RF-DETR: {@code dets}, {@code labels}). Class scores are taken as
     * logits (sigmoid applied) when the output's name contains "logit" or any value lies outside
     * [0, 1]. Each query keeps its best class.
     */
    record DetrPair(String boxes, String classes, long declaredClasses) implements OutputLayout {
        @Override
        public int declaredClassCount() {
            return declaredClasses > 0 ? (int) declaredClasses : -1;
        }

        @Override
        public Decoded decode(OnnxSession session, OrtSession.Result result, int inputWidth, int inputHeight, float floor) {
            var boxTensor = session.output(result, boxes);
            var classTensor = session.output(result, classes);
            long[] bs = boxTensor.getInfo().getShape();
            long[] cs = classTensor.getInfo().getShape();
            if (bs.length != 3 || bs[0] != 1 || bs[2] != 4 || cs.length != 3 || cs[0] != 1 || cs[1] != bs[1]) {
                throw session.failure("outputs '" + boxes + "' " + OnnxSession.describe(bs) + " and '" + classes + "' "
                        + OnnxSession.describe(cs) + " do not pair as [1, N, 4] boxes and [1, N, C] class scores");
            }
            int n = (int) bs[1];
            int c = (int) cs[2];
            float[] b = session.floats(boxTensor, boxes);
            float[] scores = Scores.probabilities(session.floats(classTensor, classes), 0, n * c,
                    classes.toLowerCase(Locale.ROOT).contains("logit"));
            List<Candidate> out = new ArrayList<>();
            for (int q = 0; q < n; q++) {
                int best = Scores.argmax(scores, q * c, 1, c, floor);
                if (best >= 0) {
                    int o = q * 4;
                    addCentred(out, best, scores[q * c + best], b[o] * inputWidth, b[o + 1] * inputHeight,
                            b[o + 2] * inputWidth, b[o + 3] * inputHeight);
                }
            }
            return new Decoded(c, false, out);
        }
    }

    /**
     * The post-processed export of the RT-DETR / RT-DETRv2 reference code (also D-FINE and DEIM):
     * {@code labels [1, N]} class indices, {@code boxes [1, N, 4]} as x1, y1, x2, y2 in the pixels
     * of the {@code orig_target_sizes} input (the detector gives it the model-input size), and
     * {@code scores [1, N]} probabilities.
     */
    record DetrPostprocessed(String labels, String boxes, String scores) implements OutputLayout {
        @Override
        public int declaredClassCount() {
            return -1;
        }

        @Override
        public Decoded decode(OnnxSession session, OrtSession.Result result, int inputWidth, int inputHeight, float floor) {
            float[] l = session.floats(session.output(result, labels), labels);
            float[] b = session.floats(session.output(result, boxes), boxes);
            float[] s = session.floats(session.output(result, scores), scores);
            if (l.length != s.length || b.length != 4 * s.length) {
                throw session.failure("outputs '" + labels + "', '" + boxes + "' and '" + scores + "' hold "
                        + l.length + ", " + b.length + " and " + s.length + " values; expected N, 4N and N");
            }
            List<Candidate> out = new ArrayList<>();
            for (int q = 0; q < s.length; q++) {
                if (s[q] >= floor) {
                    addCorners(out, Math.round(l[q]), s[q], b[4 * q], b[4 * q + 1], b[4 * q + 2], b[4 * q + 3]);
                }
            }
            return new Decoded(-1, false, out);
        }
    }

    /**
     * PaddleDetection's exported detections {@code [M, 6]}: class index, score, x1, y1, x2, y2 in the
     * pixels of {@code im_shape / scale_factor} (the detector gives the model-input size and 1, 1);
     * rows with a negative class are padding.
     */
    record PaddleDetections(String output) implements OutputLayout {
        @Override
        public int declaredClassCount() {
            return -1;
        }

        @Override
        public Decoded decode(OnnxSession session, OrtSession.Result result, int inputWidth, int inputHeight, float floor) {
            float[] v = session.floats(session.output(result, output), output);
            List<Candidate> out = new ArrayList<>();
            for (int o = 0; o + 6 <= v.length; o += 6) {
                if (v[o] >= 0 && v[o + 1] >= floor) {
                    addCorners(out, Math.round(v[o]), v[o + 1], v[o + 2], v[o + 3], v[o + 4], v[o + 5]);
                }
            }
            return new Decoded(-1, false, out);
        }
    }

    private static void addCentred(List<Candidate> out, int cls, float score, float cx, float cy, float w, float h) {
        addCorners(out, cls, score, cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2);
    }

    private static void addCorners(List<Candidate> out, int cls, float score, float x1, float y1, float x2, float y2) {
        if (Float.isFinite(score) && Float.isFinite(x1) && Float.isFinite(y1) && Float.isFinite(x2) && Float.isFinite(y2)) {
            out.add(new Candidate(cls, score, x1, y1, x2, y2));
        }
    }

    private static String named(Map<String, TensorInfo> outputs, String name, int rank) {
        TensorInfo info = outputs.get(name);
        return info != null && info.getShape().length == rank ? name : null;
    }

    private static boolean isBoxName(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return n.contains("box") || n.equals("dets");
    }

    private static long lastDim(Map<String, TensorInfo> outputs, String name) {
        long[] s = outputs.get(name).getShape();
        return s[s.length - 1];
    }

    /** Class-score helpers shared by the layouts. */
    final class Scores {
        private Scores() {
        }

        /**
         * {@code values[from, to)} as probabilities: unchanged when they already lie in [0, 1] and
         * are not {@code namedLogits}, else through the sigmoid. Other positions are copied as they are.
         */
        static float[] probabilities(float[] values, int from, int to, boolean namedLogits) {
            boolean logits = namedLogits;
            for (int i = from; i < to && !logits; i++) {
                logits = values[i] < 0 || values[i] > 1;
            }
            if (!logits) {
                return values;
            }
            float[] out = values.clone();
            for (int i = from; i < to; i++) {
                out[i] = (float) (1 / (1 + Math.exp(-values[i])));
            }
            return out;
        }

        /**
         * Which of the {@code count} values at {@code from}, {@code from + step}... is the highest
         * at or above {@code floor} (the first of equals), or -1 when none reaches it.
         */
        static int argmax(float[] values, int from, int step, int count, float floor) {
            int best = -1;
            float bestScore = floor;
            for (int c = 0; c < count; c++) {
                float v = values[from + c * step];
                if (v > bestScore || best < 0 && v >= bestScore) {
                    best = c;
                    bestScore = v;
                }
            }
            return best;
        }
    }
}
