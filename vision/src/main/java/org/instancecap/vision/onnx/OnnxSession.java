package org.instancecap.vision.onnx;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.nio.LongBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.instancecap.core.InstanceCapException;

/**
 * One ONNX model loaded in ONNX Runtime (CPU), with its inputs and outputs described and its
 * failures reported as {@link InstanceCapException}s that name the file. Shared by the ONNX
 * backends; the owner closes it.
 */
public final class OnnxSession implements AutoCloseable {
    private final Path file;
    private final OrtSession session;
    private final Map<String, TensorInfo> inputs;
    private final Map<String, TensorInfo> outputs;
    private final Map<String, String> metadata;

    private OnnxSession(Path file, OrtSession session) throws OrtException {
        this.file = file;
        this.session = session;
        this.inputs = tensors(session.getInputInfo(), "input");
        this.outputs = tensors(session.getOutputInfo(), "output");
        this.metadata = Map.copyOf(session.getMetadata().getCustomMetadata());
    }

    /**
     * Loads {@code file}; {@code role} names the model in messages ({@code "detector"},
     * {@code "SAM encoder"}).
     */
    public static OnnxSession open(Path file, String role) {
        if (file == null) {
            throw new InstanceCapException("no ONNX " + role + " model file was given");
        }
        if (!Files.isRegularFile(file)) {
            throw new InstanceCapException("ONNX " + role + " model not found (" + file + ")");
        }
        OrtSession session = null;
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            session = environment().createSession(file.toString(), options);
            return new OnnxSession(file, session);
        } catch (OrtException | RuntimeException e) {
            closeQuietly(session);
            throw new InstanceCapException("cannot load the ONNX " + role + " model: " + firstLine(e) + " (" + file + ")", e);
        }
    }

    public static OrtEnvironment environment() {
        return OrtEnvironment.getEnvironment();
    }

    public Path file() {
        return file;
    }

    /** Inputs in the model's order. */
    public Map<String, TensorInfo> inputs() {
        return inputs;
    }

    /** Outputs in the model's order. */
    public Map<String, TensorInfo> outputs() {
        return outputs;
    }

    /** The model's custom metadata (ONNX {@code metadata_props}). */
    public Map<String, String> metadata() {
        return metadata;
    }

    /** Runs the model; the caller closes the result, and still owns {@code feeds}. */
    public OrtSession.Result run(Map<String, OnnxTensor> feeds) {
        try {
            return session.run(feeds);
        } catch (OrtException e) {
            throw failure("inference failed: " + firstLine(e), e);
        }
    }

    /** An error about this model, naming the file. */
    public InstanceCapException failure(String message, Throwable cause) {
        return new InstanceCapException(message + " (" + file + ")", cause);
    }

    public InstanceCapException failure(String message) {
        return failure(message, null);
    }

    /** A tensor of {@code shape} holding {@code values}, in the element type {@code info} declares. */
    public OnnxTensor tensor(TensorInfo info, long[] shape, double... values) {
        try {
            OrtEnvironment env = environment();
            return switch (info.type) {
                case FLOAT -> {
                    float[] v = new float[values.length];
                    for (int i = 0; i < v.length; i++) {
                        v[i] = (float) values[i];
                    }
                    yield OnnxTensor.createTensor(env, FloatBuffer.wrap(v), shape);
                }
                case DOUBLE -> OnnxTensor.createTensor(env, DoubleBuffer.wrap(values), shape);
                case INT64 -> OnnxTensor.createTensor(env, LongBuffer.wrap(Arrays.stream(values).mapToLong(Math::round).toArray()), shape);
                case INT32 -> OnnxTensor.createTensor(env, IntBuffer.wrap(Arrays.stream(values).mapToInt(d -> (int) Math.round(d)).toArray()), shape);
                default -> throw failure("unsupported element type " + info.type + " for a model input");
            };
        } catch (OrtException e) {
            throw failure("cannot create an input tensor: " + firstLine(e), e);
        }
    }

    /** A float tensor of {@code shape} that uses {@code values} (not copied again by the caller). */
    public OnnxTensor floatTensor(long[] shape, float[] values) {
        try {
            return OnnxTensor.createTensor(environment(), FloatBuffer.wrap(values), shape);
        } catch (OrtException e) {
            throw failure("cannot create an input tensor: " + firstLine(e), e);
        }
    }

    /** Output {@code name} of {@code result}. */
    public OnnxTensor output(OrtSession.Result result, String name) {
        OnnxValue value = result.get(name).orElseThrow(() -> failure("the model produced no output '" + name + "'"));
        if (!(value instanceof OnnxTensor tensor)) {
            throw failure("output '" + name + "' is not a tensor");
        }
        return tensor;
    }

    /** The values of a numeric tensor as floats, row-major. */
    public float[] floats(OnnxTensor tensor, String name) {
        TensorInfo info = tensor.getInfo();
        int n = Math.toIntExact(info.getNumElements());
        float[] out = new float[n];
        switch (info.type) {
            case FLOAT, FLOAT16, BFLOAT16 -> tensor.getFloatBuffer().get(out);
            case DOUBLE -> {
                DoubleBuffer b = tensor.getDoubleBuffer();
                for (int i = 0; i < n; i++) {
                    out[i] = (float) b.get(i);
                }
            }
            case INT64 -> {
                LongBuffer b = tensor.getLongBuffer();
                for (int i = 0; i < n; i++) {
                    out[i] = b.get(i);
                }
            }
            case INT32 -> {
                IntBuffer b = tensor.getIntBuffer();
                for (int i = 0; i < n; i++) {
                    out[i] = b.get(i);
                }
            }
            default -> throw failure("output '" + name + "' has unsupported element type " + info.type);
        }
        return out;
    }

    /** A dimension of a declared shape, or {@code fallback} where the model leaves it dynamic. */
    public static int dimension(long declared, int fallback) {
        return declared > 0 ? Math.toIntExact(declared) : fallback;
    }

    /** {@code [1, 3, -1, -1]} as {@code 1x3x?x?}, for messages. */
    public static String describe(long[] shape) {
        return Arrays.stream(shape).mapToObj(d -> d > 0 ? Long.toString(d) : "?").collect(Collectors.joining("x"));
    }

    /** Inputs or outputs as {@code name 1x3x?x? float}, for messages. */
    public static String describe(Map<String, TensorInfo> tensors) {
        return tensors.entrySet().stream()
                .map(e -> e.getKey() + " " + describe(e.getValue().getShape()) + " " + e.getValue().type.toString().toLowerCase())
                .collect(Collectors.joining(", "));
    }

    @Override
    public void close() {
        closeQuietly(session);
    }

    private static Map<String, TensorInfo> tensors(Map<String, NodeInfo> nodes, String kind) {
        Map<String, TensorInfo> out = new LinkedHashMap<>();
        nodes.forEach((name, node) -> {
            if (!(node.getInfo() instanceof TensorInfo info)) {
                throw new InstanceCapException("model " + kind + " '" + name + "' is not a tensor");
            }
            out.put(name, info);
        });
        return Collections.unmodifiableMap(out);
    }

    private static void closeQuietly(OrtSession session) {
        if (session != null) {
            try {
                session.close();
            } catch (OrtException ignored) {
                // nothing left to release that the caller could act on
            }
        }
    }

    private static String firstLine(Exception e) {
        String m = String.valueOf(e.getMessage());
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }
}
