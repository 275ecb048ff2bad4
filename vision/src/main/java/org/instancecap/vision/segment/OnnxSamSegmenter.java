package org.instancecap.vision.segment;

import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.instancecap.core.InstanceCapException;
import org.instancecap.core.detect.Box;
import org.instancecap.core.segment.InstanceSegmenter;
import org.instancecap.core.segment.Mask;
import org.instancecap.core.video.RgbImage;
import org.instancecap.vision.onnx.OnnxSession;

/**
 * {@link InstanceSegmenter} on a Segment Anything export pair run by ONNX Runtime: SAM ViT-B/L/H or
 * MobileSAM as written by segment-anything's {@code export_onnx_model.py} (decoder) with an encoder
 * export such as samexporter's. The box is the prompt; the label is not used (SAM is class-agnostic).
 *
 * <p><b>Encoder</b>: one float input, either {@code [1, 3, S, S]} (the frame scaled so its long
 * side is S, 1024 where the model leaves it dynamic, normalised with SAM's pixel mean and std,
 * zero-padded right and below) or {@code [H, W, 3]} (samexporter's {@code --use-preprocess}: the
 * scaled frame as RGB 0..255, the model normalises and pads). Its outputs (usually
 * {@code image_embeddings}) are kept for the last frame, so several boxes of one frame cost one
 * encoder run.
 *
 * <p><b>Decoder</b> inputs: {@code point_coords [1, 2, 2]} (the box's corners in the scaled
 * frame), {@code point_labels [1, 2]} (2 and 3: a box prompt), {@code mask_input} (zeros),
 * {@code has_mask_input} (0), {@code orig_im_size} (height, width) when declared, and every input
 * named like an encoder output; an encoder with a single output may feed the one decoder input
 * left. Outputs: {@code low_res_masks} (logits over the padded square, usually 256²) when present,
 * since the full-size {@code masks} of the official export come out distorted for frames whose
 * aspect differs from the one it was traced with; else {@code masks} at the frame's size (or
 * another size, stretched to the frame). The mask with the highest {@code iou_predictions} is
 * taken, thresholded at logit 0.
 *
 * <p>Closes its two sessions and the cached embedding in {@link #close()}. Calls from several
 * threads take turns (the cache holds one frame); for parallel work, one segmenter per thread.
 */
public final class OnnxSamSegmenter implements InstanceSegmenter {
    static final int DEFAULT_LONG_SIDE = 1024;
    private static final int DEFAULT_LOW_RES = 256;
    private static final List<String> PROMPT_INPUTS = List.of("point_coords", "point_labels", "mask_input", "has_mask_input", "orig_im_size");

    private final OnnxSession encoder;
    private final OnnxSession decoder;
    private final String encoderInput;
    private final boolean encoderTakesNormalisedSquare;
    private final int longSide;
    private final Map<String, String> decoderFeatures;
    private final String masksOutput;
    private final boolean squareLogits;
    private final String iouOutput;

    private RgbImage cachedImage;
    private Map<String, OnnxTensor> cachedFeatures = Map.of();
    private int encoderRuns;

    private OnnxSamSegmenter(OnnxSession encoder, OnnxSession decoder) {
        this.encoder = encoder;
        this.decoder = decoder;
        if (encoder.inputs().size() != 1) {
            throw encoder.failure("a SAM encoder has one input, this one has " + OnnxSession.describe(encoder.inputs()));
        }
        Map.Entry<String, TensorInfo> input = encoder.inputs().entrySet().iterator().next();
        this.encoderInput = input.getKey();
        long[] shape = input.getValue().getShape();
        if (input.getValue().type != OnnxJavaType.FLOAT || !(shape.length == 4 && shape[1] == 3 || shape.length == 3 && shape[2] == 3)) {
            throw encoder.failure("SAM encoder input '" + encoderInput + "' is " + OnnxSession.describe(shape)
                    + "; expected float [1, 3, S, S] or [H, W, 3]");
        }
        this.encoderTakesNormalisedSquare = shape.length == 4;
        this.longSide = shape.length == 4 ? OnnxSession.dimension(Math.max(shape[2], shape[3]), DEFAULT_LONG_SIDE) : DEFAULT_LONG_SIDE;
        this.decoderFeatures = decoderFeatures(encoder, decoder);
        Map<String, TensorInfo> outputs = decoder.outputs();
        if (outputs.containsKey("low_res_masks")) {
            this.masksOutput = "low_res_masks";
            this.squareLogits = true;
        } else {
            this.masksOutput = outputs.containsKey("masks") ? "masks" : outputs.entrySet().stream()
                    .filter(e -> e.getValue().getShape().length == 4).map(Map.Entry::getKey).findFirst()
                    .orElseThrow(() -> decoder.failure("SAM decoder has no mask output [1, M, H, W] among " + OnnxSession.describe(outputs)));
            this.squareLogits = false;
        }
        this.iouOutput = outputs.containsKey("iou_predictions") ? "iou_predictions" : null;
    }

    /** Loads the encoder and decoder; fails with an {@link InstanceCapException} naming the file at fault. */
    public static OnnxSamSegmenter open(Path encoderModel, Path decoderModel) {
        OnnxSession encoder = OnnxSession.open(encoderModel, "SAM encoder");
        OnnxSession decoder = null;
        try {
            decoder = OnnxSession.open(decoderModel, "SAM decoder");
            return new OnnxSamSegmenter(encoder, decoder);
        } catch (RuntimeException e) {
            encoder.close();
            if (decoder != null) {
                decoder.close();
            }
            throw e;
        }
    }

    @Override
    public synchronized Mask segment(RgbImage image, Box box, String label) {
        SamTransform transform = SamTransform.fit(image.width(), image.height(), longSide);
        Map<String, OnnxTensor> features = features(image, transform);
        Map<String, OnnxTensor> prompt = prompt(transform, box.clip(image.width(), image.height()));
        try {
            Map<String, OnnxTensor> feeds = new LinkedHashMap<>(prompt);
            decoderFeatures.forEach((decoderInput, encoderOutput) -> feeds.put(decoderInput, features.get(encoderOutput)));
            try (OrtSession.Result result = decoder.run(feeds)) {
                return mask(result, transform);
            }
        } finally {
            prompt.values().forEach(OnnxTensor::close);
        }
    }

    /** How many times the encoder ran, for tests of the cache. */
    synchronized int encoderRuns() {
        return encoderRuns;
    }

    @Override
    public synchronized void close() {
        cachedFeatures.values().forEach(OnnxTensor::close);
        cachedFeatures = Map.of();
        cachedImage = null;
        encoder.close();
        decoder.close();
    }

    private Map<String, OnnxTensor> features(RgbImage image, SamTransform transform) {
        if (cachedImage != null && cachedImage.pixels() == image.pixels()
                && cachedImage.width() == image.width() && cachedImage.height() == image.height()) {
            return cachedFeatures;
        }
        cachedFeatures.values().forEach(OnnxTensor::close);
        cachedFeatures = Map.of();
        cachedImage = null;
        long[] shape = encoderTakesNormalisedSquare ? new long[] {1, 3, longSide, longSide}
                : new long[] {transform.resizedHeight(), transform.resizedWidth(), 3};
        float[] data = encoderTakesNormalisedSquare ? transform.normalisedPadded(image) : transform.resizedRgb(image);
        Map<String, OnnxTensor> copies = new LinkedHashMap<>();
        try (OnnxTensor input = encoder.floatTensor(shape, data);
                OrtSession.Result result = encoder.run(Map.of(encoderInput, input))) {
            encoderRuns++;
            for (String name : encoder.outputs().keySet()) {
                OnnxTensor out = encoder.output(result, name);
                copies.put(name, encoder.floatTensor(out.getInfo().getShape(), encoder.floats(out, name)));
            }
        } catch (RuntimeException e) {
            copies.values().forEach(OnnxTensor::close);
            throw e;
        }
        cachedFeatures = copies;
        cachedImage = image;
        return copies;
    }

    private Map<String, OnnxTensor> prompt(SamTransform transform, Box box) {
        Map<String, OnnxTensor> out = new LinkedHashMap<>();
        try {
            for (Map.Entry<String, TensorInfo> e : decoder.inputs().entrySet()) {
                TensorInfo info = e.getValue();
                OnnxTensor tensor = switch (e.getKey()) {
                    case "point_coords" -> {
                        float[] a = transform.point(box.x1(), box.y1());
                        float[] b = transform.point(box.x2(), box.y2());
                        yield decoder.tensor(info, new long[] {1, 2, 2}, a[0], a[1], b[0], b[1]);
                    }
                    case "point_labels" -> decoder.tensor(info, new long[] {1, 2}, 2, 3);
                    case "mask_input" -> {
                        long[] s = info.getShape();
                        long[] shape = {1, 1, dim(s, 2, DEFAULT_LOW_RES), dim(s, 3, DEFAULT_LOW_RES)};
                        yield decoder.tensor(info, shape, new double[(int) (shape[2] * shape[3])]);
                    }
                    case "has_mask_input" -> decoder.tensor(info, new long[] {1}, 0);
                    case "orig_im_size" -> decoder.tensor(info, new long[] {2}, transform.imageHeight(), transform.imageWidth());
                    default -> null;
                };
                if (tensor != null) {
                    out.put(e.getKey(), tensor);
                }
            }
            return out;
        } catch (RuntimeException e) {
            out.values().forEach(OnnxTensor::close);
            throw e;
        }
    }

    private Mask mask(OrtSession.Result result, SamTransform transform) {
        OnnxTensor masks = decoder.output(result, masksOutput);
        long[] shape = masks.getInfo().getShape();
        if (shape.length != 4 || shape[0] != 1 || shape[1] < 1) {
            throw decoder.failure("SAM decoder output '" + masksOutput + "' is " + OnnxSession.describe(shape) + "; expected [1, M, H, W]");
        }
        int count = (int) shape[1];
        int height = (int) shape[2];
        int width = (int) shape[3];
        int best = 0;
        if (iouOutput != null) {
            float[] iou = decoder.floats(decoder.output(result, iouOutput), iouOutput);
            for (int i = 1; i < Math.min(count, iou.length); i++) {
                if (iou[i] > iou[best]) {
                    best = i;
                }
            }
        }
        float[] logits = decoder.floats(masks, masksOutput);
        int offset = best * width * height;
        return squareLogits ? transform.fromSquareLogits(logits, offset, width, height)
                : transform.fromFrameLogits(logits, offset, width, height);
    }

    /** Decoder inputs fed with encoder outputs, decoder input name to encoder output name. */
    private static Map<String, String> decoderFeatures(OnnxSession encoder, OnnxSession decoder) {
        Map<String, String> out = new LinkedHashMap<>();
        List<String> unmatched = new ArrayList<>();
        for (String name : decoder.inputs().keySet()) {
            if (encoder.outputs().containsKey(name)) {
                out.put(name, name);
            } else if (!PROMPT_INPUTS.contains(name)) {
                unmatched.add(name);
            }
        }
        if (unmatched.size() == 1 && out.isEmpty() && encoder.outputs().size() == 1) {
            out.put(unmatched.remove(0), encoder.outputs().keySet().iterator().next());
        }
        if (!unmatched.isEmpty() || out.isEmpty()) {
            throw new InstanceCapException("the SAM decoder's inputs " + OnnxSession.describe(decoder.inputs())
                    + " do not match the encoder's outputs " + OnnxSession.describe(encoder.outputs())
                    + " (" + decoder.file() + ")");
        }
        return out;
    }

    private static long dim(long[] shape, int i, int fallback) {
        return shape.length > i && shape[i] > 0 ? shape[i] : fallback;
    }
}
