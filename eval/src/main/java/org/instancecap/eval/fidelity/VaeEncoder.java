package org.instancecap.eval.fidelity;

import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.instancecap.core.InstanceCapException;
import org.instancecap.core.video.RgbImage;
import org.instancecap.vision.onnx.OnnxSession;

/**
 * A video VAE's encoder as an ONNX model (CogVideoX's in the paper): one float input
 * {@code [batch, 3, frames, height, width]} of pixels in [-1, 1] (8 frames and 224 × 224 where the
 * model leaves them open), and a latent out (the output named {@code latent}, else its only
 * output), taken whole. Frames are resized to height × width (bicubic, as Pillow; no crop) and the
 * latent is flattened. Safe to share between threads; the owner closes it.
 */
public final class VaeEncoder implements AutoCloseable {
    public static final int FRAMES = 8;
    public static final int SIZE = 224;

    private final OnnxSession session;
    private final String input;
    private final String output;
    private final int frames;
    private final int height;
    private final int width;

    /** A latent, flattened, with its shape. */
    public record Latent(float[] values, long[] shape) {
    }

    private VaeEncoder(OnnxSession session) {
        this.session = session;
        String expected = "[batch, 3, frames, height, width] float";
        if (session.inputs().size() != 1) {
            throw session.failure("VAE encoder: expected one input " + expected + ", it has " + OnnxSession.describe(session.inputs()));
        }
        Map.Entry<String, TensorInfo> in = session.inputs().entrySet().iterator().next();
        long[] shape = in.getValue().getShape();
        if (in.getValue().type != OnnxJavaType.FLOAT || shape.length != 5 || shape[0] > 1 || (shape[1] > 0 && shape[1] != 3)) {
            throw session.failure("VAE encoder: input '" + in.getKey() + "' is " + OnnxSession.describe(shape) + " "
                    + in.getValue().type.toString().toLowerCase() + ", expected " + expected);
        }
        this.input = in.getKey();
        this.frames = OnnxSession.dimension(shape[2], FRAMES);
        this.height = OnnxSession.dimension(shape[3], SIZE);
        this.width = OnnxSession.dimension(shape[4], SIZE);
        if (session.outputs().containsKey("latent")) {
            this.output = "latent";
        } else if (session.outputs().size() == 1) {
            this.output = session.outputs().keySet().iterator().next();
        } else {
            throw session.failure("VAE encoder: expected an output 'latent' or only one output; it has " + OnnxSession.describe(session.outputs()));
        }
    }

    public static VaeEncoder open(Path file) {
        OnnxSession session = OnnxSession.open(file, "VAE encoder");
        try {
            return new VaeEncoder(session);
        } catch (RuntimeException e) {
            session.close();
            throw e;
        }
    }

    /** How many frames the encoder takes. */
    public int frames() {
        return frames;
    }

    /**
     * The latent of {@code pictures}: exactly {@link #frames()} of them; fewer (a short video) are
     * spread over the frames, each repeated, as uniform sampling with repeats would pick them.
     */
    public Latent encode(List<RgbImage> pictures) {
        if (pictures.isEmpty()) {
            throw new InstanceCapException("no frames to encode");
        }
        int plane = height * width;
        float[] values = new float[3 * frames * plane];
        for (int t = 0; t < frames; t++) {
            int pick = frames == 1 ? 0 : (int) Math.rint(t * (pictures.size() - 1) / (double) (frames - 1));
            byte[] p = Bicubic.resize(pictures.get(pick), width, height).pixels();
            for (int i = 0; i < plane; i++) {
                for (int c = 0; c < 3; c++) {
                    values[(c * frames + t) * plane + i] = (p[i * 3 + c] & 0xff) / 127.5f - 1f;
                }
            }
        }
        try (OnnxTensor tensor = session.floatTensor(new long[] {1, 3, frames, height, width}, values);
             OrtSession.Result result = session.run(Map.of(input, tensor))) {
            OnnxTensor latent = session.output(result, output);
            return new Latent(session.floats(latent, output), latent.getInfo().getShape());
        }
    }

    /** The L2 norm of the difference of two latents: the 3DVAE score of a pair. */
    public double distance(Latent a, Latent b) {
        if (a.values().length != b.values().length) {
            throw session.failure("VAE encoder: latents of two sizes, " + OnnxSession.describe(a.shape()) + " and " + OnnxSession.describe(b.shape()));
        }
        double sum = 0;
        for (int i = 0; i < a.values().length; i++) {
            double d = (double) a.values()[i] - b.values()[i];
            sum += d * d;
        }
        return Math.sqrt(sum);
    }

    @Override
    public void close() {
        session.close();
    }
}
