package org.instancecap.vision.detect;

import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.instancecap.core.InstanceCapException;
import org.instancecap.core.detect.Box;
import org.instancecap.core.detect.Detection;
import org.instancecap.core.detect.DetectorOptions;
import org.instancecap.core.detect.ObjectDetector;
import org.instancecap.core.video.RgbImage;
import org.instancecap.vision.onnx.OnnxSession;

/**
 * {@link ObjectDetector} on a user-supplied ONNX detection model, run by ONNX Runtime on the CPU.
 *
 * <p><b>Input.</b> One float input {@code [1, 3, H, W]} (batch and channels may be dynamic). H and W
 * come from the model; dynamic ones take Ultralytics' {@code imgsz} metadata when present, else 640.
 * The image is letterboxed into it (aspect kept, centred, grey 114 around), RGB scaled to [0, 1],
 * no mean/std normalisation: what the Ultralytics and RT-DETR exports expect (a model trained with
 * ImageNet normalisation, such as DETR or RF-DETR, needs it inside its graph). Other inputs are
 * filled when they are one of: {@code orig_target_sizes} (the input's width and height, so boxes
 * come back in input pixels), {@code im_shape} (its height and width), {@code scale_factor} (1, 1),
 * {@code pixel_mask} (all ones); any other input is refused.
 *
 * <p><b>Outputs</b>, recognised by name and shape when the model is loaded (anything else is
 * refused with a message listing these):
 * <ul>
 *   <li>one output {@code [1, 4+C, N]} with {@code 4+C < N}: Ultralytics YOLOv8/YOLO11 (also v5u,
 *       v9, v12): cx, cy, w, h in input pixels, then C class scores, no objectness;</li>
 *   <li>one output {@code [1, N, 6]}: Ultralytics end-to-end heads (YOLOv10, YOLO26): x1, y1, x2,
 *       y2 in input pixels, score, class index;</li>
 *   <li>one output {@code [1, N, 4+C]} with {@code N >= 4+C} and C other than 2: Ultralytics
 *       RT-DETR: cx, cy, w, h normalised to the input, then C class scores;</li>
 *   <li>boxes {@code [1, N, 4]} (cx, cy, w, h normalised) and class scores {@code [1, N, C]}:
 *       {@code pred_boxes} with {@code logits} or {@code pred_logits} by name (the Hugging Face
 *       RT-DETR/RT-DETRv2 export), or a model's only two 3-D outputs, the boxes named with "box" or
 *       {@code dets} or the only one ending in 4 (RF-DETR: {@code dets}, {@code labels});</li>
 *   <li>{@code labels [1, N]}, {@code boxes [1, N, 4]} (x1, y1, x2, y2) and {@code scores [1, N]}:
 *       the reference RT-DETR/RT-DETRv2 export, D-FINE, DEIM (input {@code orig_target_sizes});</li>
 *   <li>an output {@code [M, 6]} of class, score, x1, y1, x2, y2: PaddleDetection (inputs
 *       {@code image}, {@code im_shape}, {@code scale_factor}).</li>
 * </ul>
 * Class scores are put through the sigmoid where they are logits (an output named with "logit", or
 * any value outside [0, 1]). Only the dense YOLO head gets per-class NMS (IoU {@value #NMS_IOU}); the
 * other heads are trained to give one box per object. Boxes are mapped back through the letterbox
 * and clipped to the image; at most {@value #MAX_DETECTIONS} are kept.
 *
 * <p><b>Labels</b>: the options' labels file (one name per line), else the {@code names} metadata
 * of an Ultralytics export, else COCO-80 when the model scores 80 classes; a count that differs from
 * the model's is an error. Class indices are 0-based indices into that list.
 *
 * <p><b>Scores</b>: detections down to {@value #SCORE_FLOOR} (Ultralytics' default confidence, or
 * the instance threshold when lower) are returned; {@link #instanceThreshold()} is the options'
 * threshold or {@value #DEFAULT_INSTANCE_THRESHOLD}, the paper's threshold for Co-DETR. It carries
 * over because Co-DETR, RT-DETR and YOLOv8+ all score each class with its own sigmoid (focal,
 * varifocal or BCE loss on IoU-aware targets), so 0.5 reads "more likely this class than not" on
 * each; it has not been re-measured on these models, and the options' threshold recalibrates it.
 */
public final class OnnxObjectDetector implements ObjectDetector {
    public static final String NAME = "onnx";
    public static final double DEFAULT_INSTANCE_THRESHOLD = 0.5;
    static final double SCORE_FLOOR = 0.25;
    static final double NMS_IOU = 0.45;
    static final int MAX_DETECTIONS = 300;
    static final int DEFAULT_INPUT_SIZE = 640;

    private static final List<String> IMAGE_INPUT_NAMES = List.of("images", "image", "pixel_values", "input");
    private static final Pattern INTEGERS = Pattern.compile("\\d+");

    private final OnnxSession session;
    private final String imageInput;
    private final int inputWidth;
    private final int inputHeight;
    private final Map<String, OnnxTensor> fixedInputs;
    private final OutputLayout layout;
    private final DetectorLabels labels;
    private final double threshold;

    private OnnxObjectDetector(OnnxSession session, DetectorOptions options) {
        this.session = session;
        this.imageInput = imageInput(session);
        long[] shape = session.inputs().get(imageInput).getShape();
        int[] metadataSize = ultralyticsImageSize(session.metadata().get("imgsz"));
        this.inputHeight = OnnxSession.dimension(shape[2], metadataSize != null ? metadataSize[0] : DEFAULT_INPUT_SIZE);
        this.inputWidth = OnnxSession.dimension(shape[3], metadataSize != null ? metadataSize[1] : DEFAULT_INPUT_SIZE);
        this.layout = OutputLayout.recognise(session);
        this.labels = options.labels() != null ? DetectorLabels.read(options.labels())
                : DetectorLabels.fromUltralyticsNames(session.metadata().get("names"), session.file())
                        .orElseGet(() -> DetectorLabels.coco(session.file()));
        if (layout.declaredClassCount() >= 0) {
            labels.check(layout.declaredClassCount());
        }
        this.threshold = options.threshold() != null ? options.threshold() : DEFAULT_INSTANCE_THRESHOLD;
        this.fixedInputs = fixedInputs();
    }

    /** Loads {@code options.model()}; fails with an {@link InstanceCapException} naming the file. */
    public static OnnxObjectDetector open(DetectorOptions options) {
        OnnxSession session = OnnxSession.open(options.model(), "detector");
        try {
            return new OnnxObjectDetector(session, options);
        } catch (RuntimeException e) {
            session.close();
            throw e;
        }
    }

    @Override
    public List<Detection> detect(RgbImage image) {
        Letterbox letterbox = Letterbox.fit(image.width(), image.height(), inputWidth, inputHeight);
        float floor = (float) Math.min(SCORE_FLOOR, threshold);
        OutputLayout.Decoded decoded;
        try (OnnxTensor pixels = session.floatTensor(new long[] {1, 3, inputHeight, inputWidth}, letterbox.toTensor(image))) {
            Map<String, OnnxTensor> feeds = new LinkedHashMap<>(fixedInputs);
            feeds.put(imageInput, pixels);
            try (OrtSession.Result result = session.run(feeds)) {
                decoded = layout.decode(session, result, inputWidth, inputHeight, floor);
            }
        }
        if (decoded.classCount() >= 0) {
            labels.check(decoded.classCount());
        }
        List<OutputLayout.Candidate> kept = decoded.suppression() ? suppress(decoded.candidates(), NMS_IOU) : decoded.candidates();
        List<Detection> out = new ArrayList<>();
        for (OutputLayout.Candidate c : kept) {
            Box box = letterbox.toImage(c.x1(), c.y1(), c.x2(), c.y2());
            if (box.area() > 0) {
                out.add(new Detection(labels.name(c.classIndex()), Math.min(1, Math.max(0, c.score())), box));
            }
        }
        out.sort(Comparator.comparingDouble(Detection::score).reversed());
        return out.size() > MAX_DETECTIONS ? List.copyOf(out.subList(0, MAX_DETECTIONS)) : out;
    }

    @Override
    public double instanceThreshold() {
        return threshold;
    }

    @Override
    public String name() {
        return NAME;
    }

    /** The model-input size the frames are letterboxed into, width then height. */
    int[] inputSize() {
        return new int[] {inputWidth, inputHeight};
    }

    @Override
    public void close() {
        fixedInputs.values().forEach(OnnxTensor::close);
        session.close();
    }

    /** Greedy per-class non-maximum suppression, highest score first. */
    static List<OutputLayout.Candidate> suppress(List<OutputLayout.Candidate> candidates, double iou) {
        List<OutputLayout.Candidate> sorted = new ArrayList<>(candidates);
        sorted.sort(Comparator.comparingDouble(OutputLayout.Candidate::score).reversed());
        return NonMaxSuppression.perClass(sorted, c -> new Box(Math.min(c.x1(), c.x2()), Math.min(c.y1(), c.y2()),
                Math.max(c.x1(), c.x2()), Math.max(c.y1(), c.y2())), OutputLayout.Candidate::classIndex, iou);
    }

    private static String imageInput(OnnxSession session) {
        List<String> images = session.inputs().entrySet().stream()
                .filter(e -> e.getValue().getShape().length == 4).map(Map.Entry::getKey).toList();
        String name;
        if (images.size() == 1) {
            name = images.get(0);
        } else {
            name = images.stream().filter(IMAGE_INPUT_NAMES::contains).findFirst().orElseThrow(() -> session.failure(
                    "cannot tell the image input among " + OnnxSession.describe(session.inputs())
                            + "; expected one float input [1, 3, H, W]"));
        }
        TensorInfo info = session.inputs().get(name);
        long[] s = info.getShape();
        if (info.type != OnnxJavaType.FLOAT || s[0] > 1 || s[1] > 0 && s[1] != 3) {
            throw session.failure("image input '" + name + "' is " + OnnxSession.describe(s) + " "
                    + info.type.toString().toLowerCase(Locale.ROOT) + "; expected float [1, 3, H, W] (export with batch 1, float32)");
        }
        return name;
    }

    /** The inputs besides the image, which depend only on the input size. */
    private Map<String, OnnxTensor> fixedInputs() {
        Map<String, OnnxTensor> out = new LinkedHashMap<>();
        try {
            for (Map.Entry<String, TensorInfo> e : session.inputs().entrySet()) {
                String name = e.getKey();
                if (name.equals(imageInput)) {
                    continue;
                }
                TensorInfo info = e.getValue();
                long[] pair = info.getShape().length == 1 ? new long[] {2} : new long[] {1, 2};
                OnnxTensor tensor = switch (name) {
                    case "orig_target_sizes" -> session.tensor(info, pair, inputWidth, inputHeight);
                    case "im_shape" -> session.tensor(info, pair, inputHeight, inputWidth);
                    case "scale_factor" -> session.tensor(info, pair, 1, 1);
                    case "pixel_mask" -> {
                        double[] ones = new double[inputWidth * inputHeight];
                        Arrays.fill(ones, 1);
                        yield session.tensor(info, new long[] {1, inputHeight, inputWidth}, ones);
                    }
                    default -> throw session.failure("unsupported model input '" + name + "' " + OnnxSession.describe(info.getShape())
                            + "; known besides the image: orig_target_sizes, im_shape, scale_factor, pixel_mask");
                };
                out.put(name, tensor);
            }
            return Map.copyOf(out);
        } catch (RuntimeException e) {
            out.values().forEach(OnnxTensor::close);
            throw e;
        }
    }

    /** Ultralytics' {@code imgsz} metadata ({@code [640, 640]} as height, width, or one number), or null. */
    static int[] ultralyticsImageSize(String imgsz) {
        if (imgsz == null) {
            return null;
        }
        Matcher m = INTEGERS.matcher(imgsz);
        List<Integer> values = new ArrayList<>();
        while (m.find() && values.size() < 3) {
            values.add(Integer.parseInt(m.group()));
        }
        if (values.isEmpty() || values.size() > 2 || values.stream().anyMatch(v -> v < 32 || v > 8192)) {
            return null;
        }
        return new int[] {values.get(0), values.get(values.size() - 1)};
    }
}
