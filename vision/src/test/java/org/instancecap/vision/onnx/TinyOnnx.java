package org.instancecap.vision.onnx;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes small ONNX models for tests: a hand-written protobuf encoder for the few messages of
 * {@code onnx.proto} a graph needs (ModelProto, GraphProto, NodeProto, AttributeProto, TensorProto,
 * ValueInfoProto and TypeProto), so tests need no model download and no ONNX library.
 *
 * <p>Dimensions are given as {@link Long}/{@link Integer} (fixed) or {@link String} (symbolic,
 * dynamic for ONNX Runtime).
 */
public final class TinyOnnx {
    public static final int FLOAT = 1;
    public static final int INT64 = 7;

    private static final int IR_VERSION = 8;
    private static final int OPSET = 17;

    private final List<byte[]> nodes = new ArrayList<>();
    private final List<byte[]> initializers = new ArrayList<>();
    private final List<byte[]> inputs = new ArrayList<>();
    private final List<byte[]> outputs = new ArrayList<>();
    private final Map<String, String> metadata = new LinkedHashMap<>();
    private int nextName;

    public TinyOnnx input(String name, int elemType, Object... dims) {
        inputs.add(valueInfo(name, elemType, dims));
        return this;
    }

    public TinyOnnx output(String name, int elemType, Object... dims) {
        outputs.add(valueInfo(name, elemType, dims));
        return this;
    }

    public TinyOnnx floats(String name, long[] dims, float[] values) {
        ByteBuffer raw = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        raw.asFloatBuffer().put(values);
        initializers.add(tensor(name, FLOAT, dims, raw.array()));
        return this;
    }

    public TinyOnnx longs(String name, long[] dims, long[] values) {
        ByteBuffer raw = ByteBuffer.allocate(values.length * 8).order(ByteOrder.LITTLE_ENDIAN);
        raw.asLongBuffer().put(values);
        initializers.add(tensor(name, INT64, dims, raw.array()));
        return this;
    }

    /** A node; {@code intAttributes} alternate names and values ({@code "keepdims", 0L}). */
    public TinyOnnx node(String opType, List<String> in, List<String> out, Object... intAttributes) {
        Proto node = new Proto();
        in.forEach(name -> node.string(1, name));
        out.forEach(name -> node.string(2, name));
        node.string(3, "n" + nodes.size());
        node.string(4, opType);
        for (int i = 0; i < intAttributes.length; i += 2) {
            node.message(5, new Proto().string(1, (String) intAttributes[i])
                    .varint(3, ((Number) intAttributes[i + 1]).longValue()).varint(20, 2));
        }
        nodes.add(node.bytes());
        return this;
    }

    /**
     * Declares output {@code name} as the float tensor {@code values} plus {@code 0 × ReduceSum(input)}:
     * a known result that ONNX Runtime can only produce after it received {@code input}.
     */
    public TinyOnnx constantAfter(String input, String name, long[] dims, float[] values) {
        String id = "c" + nextName++;
        floats(id + "_value", dims, values);
        floats(id + "_zero", new long[0], new float[] {0});
        node("ReduceSum", List.of(input), List.of(id + "_sum"), "keepdims", 0L);
        node("Mul", List.of(id + "_sum", id + "_zero"), List.of(id + "_nothing"));
        node("Add", List.of(id + "_value", id + "_nothing"), List.of(name));
        return output(name, FLOAT, boxed(dims));
    }

    /** Declares output {@code name} as the int64 tensor {@code values}. */
    public TinyOnnx constantLongs(String name, long[] dims, long[] values) {
        longs(name + "_value", dims, values);
        node("Identity", List.of(name + "_value"), List.of(name));
        return output(name, INT64, boxed(dims));
    }

    /** Declares output {@code name} as a copy of input {@code input}. */
    public TinyOnnx identity(String input, String name, int elemType, Object... dims) {
        node("Identity", List.of(input), List.of(name));
        return output(name, elemType, dims);
    }

    public TinyOnnx metadata(String key, String value) {
        metadata.put(key, value);
        return this;
    }

    public byte[] bytes() {
        Proto graph = new Proto();
        nodes.forEach(n -> graph.bytes(1, n));
        graph.string(2, "tiny");
        initializers.forEach(t -> graph.bytes(5, t));
        inputs.forEach(v -> graph.bytes(11, v));
        outputs.forEach(v -> graph.bytes(12, v));
        Proto model = new Proto().varint(1, IR_VERSION).string(2, "instancecap-tests");
        model.message(8, new Proto().string(1, "").varint(2, OPSET));
        model.message(7, graph);
        metadata.forEach((k, v) -> model.message(14, new Proto().string(1, k).string(2, v)));
        return model.bytes();
    }

    public Path write(Path file) {
        try {
            return Files.write(file, bytes());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Object[] boxed(long[] dims) {
        Object[] out = new Object[dims.length];
        for (int i = 0; i < dims.length; i++) {
            out[i] = dims[i];
        }
        return out;
    }

    private static byte[] tensor(String name, int elemType, long[] dims, byte[] raw) {
        Proto t = new Proto();
        for (long d : dims) {
            t.varint(1, d);
        }
        t.varint(2, elemType).string(8, name).bytes(9, raw);
        return t.bytes();
    }

    private static byte[] valueInfo(String name, int elemType, Object... dims) {
        Proto shape = new Proto();
        for (Object d : dims) {
            shape.message(1, d instanceof String param ? new Proto().string(2, param) : new Proto().varint(1, ((Number) d).longValue()));
        }
        Proto tensorType = new Proto().varint(1, elemType).message(2, shape);
        return new Proto().string(1, name).message(2, new Proto().message(1, tensorType)).bytes();
    }

    /** One protobuf message being written: tag-prefixed varint and length-delimited fields. */
    private static final class Proto {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        Proto varint(int field, long value) {
            writeVarint((long) field << 3);
            writeVarint(value);
            return this;
        }

        Proto bytes(int field, byte[] value) {
            writeVarint((long) field << 3 | 2);
            writeVarint(value.length);
            out.writeBytes(value);
            return this;
        }

        Proto string(int field, String value) {
            return bytes(field, value.getBytes(StandardCharsets.UTF_8));
        }

        Proto message(int field, Proto value) {
            return bytes(field, value.bytes());
        }

        byte[] bytes() {
            return out.toByteArray();
        }

        private void writeVarint(long value) {
            long v = value;
            while ((v & ~0x7FL) != 0) {
                out.write((int) (v & 0x7F) | 0x80);
                v >>>= 7;
            }
            out.write((int) v);
        }
    }
}
