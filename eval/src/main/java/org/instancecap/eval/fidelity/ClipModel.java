package org.instancecap.eval.fidelity;

import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.instancecap.core.video.RgbImage;
import org.instancecap.vision.onnx.OnnxSession;

/**
 * CLIP's two towers as ONNX models, with its tokenizer: pictures and sentences to L2-normalised
 * embeddings in the shared space.
 *
 * <p>The image model takes one float input {@code [batch, 3, size, size]} (CLIP's normalised pixels;
 * {@code size} 224 where it is not fixed) and gives {@code [batch, dim]} (the output named
 * {@code image_embeds}, else its only output). The text model takes {@code input_ids}
 * {@code [batch, context]} int64 or int32 (its only integer input may have another name; 77 where
 * the context is not fixed), and {@code attention_mask} of the same shape if it has one, and gives
 * {@code [batch, dim]} ({@code text_embeds}, else its only output). A batch of 1 fixed in a model
 * is fed one at a time. Safe to share between threads; the owner closes it.
 */
public final class ClipModel implements AutoCloseable {
    private final OnnxSession image;
    private final OnnxSession text;
    private final ClipTokenizer tokenizer;
    private final String pixelInput;
    private final String imageOutput;
    private final int size;
    private final boolean imageBatched;
    private final String idsInput;
    private final String maskInput;
    private final String textOutput;
    private final int context;
    private final boolean textBatched;

    /** A sentence's embedding and whether it was cut to the context length. */
    public record TextEmbedding(float[] vector, int tokens, boolean truncated) {
    }

    private ClipModel(OnnxSession image, OnnxSession text, ClipTokenizer tokenizer) {
        this.image = image;
        this.text = text;
        this.tokenizer = tokenizer;
        String imageExpected = "[batch, 3, size, size] float";
        if (image.inputs().size() != 1) {
            throw image.failure("CLIP image model: expected one input " + imageExpected + ", it has " + OnnxSession.describe(image.inputs()));
        }
        Map.Entry<String, TensorInfo> pixels = image.inputs().entrySet().iterator().next();
        long[] shape = pixels.getValue().getShape();
        if (pixels.getValue().type != OnnxJavaType.FLOAT || shape.length != 4 || (shape[1] > 0 && shape[1] != 3)
                || (shape[2] > 0 && shape[3] > 0 && shape[2] != shape[3]) || shape[0] > 1) {
            throw image.failure("CLIP image model: input '" + pixels.getKey() + "' is " + OnnxSession.describe(shape) + " "
                    + pixels.getValue().type.toString().toLowerCase() + ", expected " + imageExpected);
        }
        this.pixelInput = pixels.getKey();
        this.size = OnnxSession.dimension(shape[2] > 0 ? shape[2] : shape[3], ClipPreprocessing.SIZE);
        this.imageBatched = shape[0] != 1;
        this.imageOutput = embeddingOutput(image, "image_embeds", "CLIP image model");

        String textExpected = "input_ids [batch, context] int64 (and optionally attention_mask of the same shape)";
        String ids = null;
        String mask = null;
        for (Map.Entry<String, TensorInfo> input : text.inputs().entrySet()) {
            boolean integer = input.getValue().type == OnnxJavaType.INT64 || input.getValue().type == OnnxJavaType.INT32;
            long[] s = input.getValue().getShape();
            boolean rank2 = s.length == 2 && s[0] <= 1;
            if (input.getKey().equals("attention_mask") && integer && rank2) {
                mask = input.getKey();
            } else if (ids == null && integer && rank2 && (input.getKey().equals("input_ids") || text.inputs().size() == 1
                    || !text.inputs().containsKey("input_ids"))) {
                ids = input.getKey();
            } else {
                throw text.failure("CLIP text model: input '" + input.getKey() + "' is " + OnnxSession.describe(s) + " "
                        + input.getValue().type.toString().toLowerCase() + ", expected " + textExpected);
            }
        }
        if (ids == null) {
            throw text.failure("CLIP text model: no input " + textExpected + "; it has " + OnnxSession.describe(text.inputs()));
        }
        long[] idsShape = text.inputs().get(ids).getShape();
        this.idsInput = ids;
        this.maskInput = mask;
        this.context = OnnxSession.dimension(idsShape[1], ClipTokenizer.CONTEXT);
        this.textBatched = idsShape[0] != 1;
        this.textOutput = embeddingOutput(text, "text_embeds", "CLIP text model");
    }

    /** Opens the two models; closes what it opened when one of them is unusable. */
    public static ClipModel open(Path imageModel, Path textModel, Path vocabulary) {
        ClipTokenizer tokenizer = ClipTokenizer.load(vocabulary);
        OnnxSession image = OnnxSession.open(imageModel, "CLIP image");
        OnnxSession text = null;
        try {
            text = OnnxSession.open(textModel, "CLIP text");
            return new ClipModel(image, text, tokenizer);
        } catch (RuntimeException e) {
            image.close();
            if (text != null) {
                text.close();
            }
            throw e;
        }
    }

    private static String embeddingOutput(OnnxSession session, String preferred, String role) {
        if (session.outputs().containsKey(preferred)) {
            return preferred;
        }
        if (session.outputs().size() == 1) {
            return session.outputs().keySet().iterator().next();
        }
        throw session.failure(role + ": expected an output '" + preferred + "' [batch, dim] or only one output; it has "
                + OnnxSession.describe(session.outputs()));
    }

    /** The side of the square picture the image model takes. */
    public int imageSize() {
        return size;
    }

    public int context() {
        return context;
    }

    public ClipTokenizer tokenizer() {
        return tokenizer;
    }

    /** The L2-normalised embedding of each picture, in order. */
    public List<float[]> embedImages(List<RgbImage> pictures) {
        int plane = 3 * size * size;
        List<float[]> out = new ArrayList<>();
        int step = imageBatched ? Math.max(1, pictures.size()) : 1;
        for (int from = 0; from < pictures.size(); from += step) {
            int n = Math.min(step, pictures.size() - from);
            float[] values = new float[n * plane];
            for (int i = 0; i < n; i++) {
                ClipPreprocessing.write(pictures.get(from + i), size, values, i * plane);
            }
            try (OnnxTensor input = image.floatTensor(new long[] {n, 3, size, size}, values)) {
                out.addAll(run(image, Map.of(pixelInput, input), imageOutput, n, "CLIP image model"));
            }
        }
        return out;
    }

    /** The L2-normalised embedding of each sentence, in order. */
    public List<TextEmbedding> embedTexts(List<String> sentences) {
        List<ClipTokenizer.Tokens> tokens = sentences.stream().map(s -> tokenizer.tokens(s, context)).toList();
        List<TextEmbedding> out = new ArrayList<>();
        int step = textBatched ? Math.max(1, sentences.size()) : 1;
        TensorInfo idsInfo = text.inputs().get(idsInput);
        for (int from = 0; from < tokens.size(); from += step) {
            int n = Math.min(step, tokens.size() - from);
            double[] ids = new double[n * context];
            double[] mask = new double[n * context];
            for (int i = 0; i < n; i++) {
                ClipTokenizer.Tokens t = tokens.get(from + i);
                for (int j = 0; j < context; j++) {
                    ids[i * context + j] = t.ids()[j];
                    mask[i * context + j] = j < t.length() ? 1 : 0;
                }
            }
            long[] shape = {n, context};
            Map<String, OnnxTensor> feeds = new HashMap<>();
            try {
                feeds.put(idsInput, text.tensor(idsInfo, shape, ids));
                if (maskInput != null) {
                    feeds.put(maskInput, text.tensor(text.inputs().get(maskInput), shape, mask));
                }
                List<float[]> vectors = run(text, feeds, textOutput, n, "CLIP text model");
                for (int i = 0; i < n; i++) {
                    ClipTokenizer.Tokens t = tokens.get(from + i);
                    out.add(new TextEmbedding(vectors.get(i), t.length(), t.truncated()));
                }
            } finally {
                feeds.values().forEach(OnnxTensor::close);
            }
        }
        return out;
    }

    private static List<float[]> run(OnnxSession session, Map<String, OnnxTensor> feeds, String output, int n, String role) {
        try (OrtSession.Result result = session.run(feeds)) {
            OnnxTensor tensor = session.output(result, output);
            long[] shape = tensor.getInfo().getShape();
            if (shape.length != 2 || shape[0] != n || shape[1] < 1) {
                throw session.failure(role + ": output '" + output + "' is " + OnnxSession.describe(shape) + " for a batch of " + n
                        + ", expected [batch, dim]");
            }
            float[] values = session.floats(tensor, output);
            int dim = Math.toIntExact(shape[1]);
            List<float[]> out = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                float[] v = new float[dim];
                System.arraycopy(values, i * dim, v, 0, dim);
                out.add(normalised(v, session));
            }
            return out;
        }
    }

    static float[] normalised(float[] v, OnnxSession session) {
        double sum = 0;
        for (float x : v) {
            sum += (double) x * x;
        }
        double norm = Math.sqrt(sum);
        if (!(norm > 0) || Double.isInfinite(norm)) {
            throw session.failure("the model gave an embedding of norm " + norm);
        }
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) (v[i] / norm);
        }
        return v;
    }

    @Override
    public void close() {
        image.close();
        text.close();
    }
}
