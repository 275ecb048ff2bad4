package org.instancecap.vision.tfjs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.ByteString;
import com.google.protobuf.UnsafeByteOperations;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.instancecap.core.InstanceCapException;
import org.tensorflow.proto.AttrValue;
import org.tensorflow.proto.DataType;
import org.tensorflow.proto.GraphDef;
import org.tensorflow.proto.NodeDef;
import org.tensorflow.proto.TensorProto;
import org.tensorflow.proto.TensorShapeProto;

/**
 * Turns a TF.js graph model ({@code model.json} with its weight shards) into a TensorFlow
 * {@link GraphDef} that TensorFlow Java can import.
 *
 * <p>The topology in {@code model.json} is a GraphDef in protobuf's JSON mapping whose constants are
 * empty: their values are in the binary shards described by the weights manifest. The converter
 * <ul>
 *   <li>fills every {@code Const} from the manifest (float16 widened to float32, uint8/uint16
 *       dequantised with the manifest's scale and min);</li>
 *   <li>rewrites the TF.js-only fused ops {@code _FusedConv2D}, {@code FusedDepthwiseConv2dNative} and
 *       {@code _FusedMatMul} as the plain op, a {@code BiasAdd} and the activation, the last keeping
 *       the fused node's name so its consumers are unchanged;</li>
 *   <li>widens constants declared int64 back from the int32 that TF.js stores them as;</li>
 *   <li>drops device placements.</li>
 * </ul>
 */
public final class TfjsGraphModel {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static final Map<String, String> PLAIN_OP = Map.of(
            "_FusedConv2D", "Conv2D",
            "FusedDepthwiseConv2dNative", "DepthwiseConv2dNative",
            "_FusedMatMul", "MatMul");

    /** Attributes of the fused op that the plain op keeps. */
    private static final Map<String, List<String>> PLAIN_ATTRS = Map.of(
            "Conv2D", List.of("T", "strides", "padding", "explicit_paddings", "data_format", "dilations", "use_cudnn_on_gpu"),
            "DepthwiseConv2dNative", List.of("T", "strides", "padding", "explicit_paddings", "data_format", "dilations"),
            "MatMul", List.of("T", "transpose_a", "transpose_b"));

    private static final List<String> ACTIVATIONS = List.of("Relu", "Relu6", "Elu", "Selu", "Sigmoid", "Tanh", "LeakyRelu");

    private TfjsGraphModel() {
    }

    /** Reads {@code modelJson} and the weight shards named in it, which lie beside it. */
    public static GraphDef read(Path modelJson) {
        try {
            JsonNode model = JSON.readTree(modelJson.toFile());
            Path dir = modelJson.toAbsolutePath().getParent();
            return convert(model, shard -> Files.readAllBytes(dir.resolve(shard)));
        } catch (IOException e) {
            throw new InstanceCapException("cannot read the TF.js model " + modelJson + ": " + e.getMessage(), e);
        }
    }

    /** Reads one weight shard by its name in the manifest. */
    @FunctionalInterface
    interface Shards {
        byte[] read(String name) throws IOException;
    }

    static GraphDef convert(JsonNode model, Shards shards) throws IOException {
        JsonNode topology = model.path("modelTopology");
        JsonNode nodes = topology.path("node");
        if (!nodes.isArray() || nodes.isEmpty()) {
            // TensorFlow's import crashes the process on an empty graph
            throw new InstanceCapException("not a TF.js graph model (no nodes in modelTopology.node)");
        }
        Map<String, TensorProto> weights = weights(model.path("weightsManifest"), shards);
        GraphDef.Builder graph = GraphDef.newBuilder();
        for (JsonNode node : nodes) {
            NodeDef parsed = node(node);
            if (parsed.getOp().equals("Const")) {
                TensorProto value = weights.get(parsed.getName());
                if (value == null) {
                    throw new InstanceCapException("constant " + parsed.getName() + " has no entry in the weights manifest");
                }
                value = asDeclared(parsed, value);
                parsed = parsed.toBuilder().putAttr("value", AttrValue.newBuilder().setTensor(value).build()).build();
            }
            if (PLAIN_OP.containsKey(parsed.getOp())) {
                unfuse(parsed).forEach(graph::addNode);
            } else {
                graph.addNode(parsed);
            }
        }
        return graph.build();
    }

    /**
     * The constant's value in the type its node declares. TF.js stores int64 tensors as int32 (its
     * converter narrows them), while the graph's ops keep their int64 types ({@code SparseToDense},
     * {@code Reshape} shapes): such values are widened back. TensorFlow aborts the whole process on a
     * mismatch at run time, so any other one is refused here.
     */
    static TensorProto asDeclared(NodeDef constant, TensorProto value) {
        DataType declared = constant.getAttrOrDefault("dtype", AttrValue.getDefaultInstance()).getType();
        if (declared == value.getDtype() || declared == DataType.DT_INVALID) {
            return value;
        }
        if (declared == DataType.DT_INT64 && value.getDtype() == DataType.DT_INT32) {
            ByteBuffer in = value.getTensorContent().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
            ByteBuffer out = ByteBuffer.allocate(in.remaining() * 2).order(ByteOrder.LITTLE_ENDIAN);
            while (in.remaining() >= 4) {
                out.putLong(in.getInt());
            }
            return value.toBuilder().setDtype(DataType.DT_INT64).setTensorContent(UnsafeByteOperations.unsafeWrap(out.array()))
                    .build();
        }
        throw new InstanceCapException("constant " + constant.getName() + " is declared " + declared + " but its weights are "
                + value.getDtype());
    }

    private static NodeDef node(JsonNode json) {
        NodeDef.Builder node = NodeDef.newBuilder()
                .setName(json.path("name").asText())
                .setOp(json.path("op").asText());
        json.path("input").forEach(input -> node.addInput(input.asText()));
        for (Iterator<Map.Entry<String, JsonNode>> it = json.path("attr").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> attr = it.next();
            node.putAttr(attr.getKey(), attr(node.getName(), attr.getKey(), attr.getValue()));
        }
        return node.build();
    }

    /** One attribute value from protobuf's JSON mapping (int64 as strings, bytes as base64). */
    static AttrValue attr(String node, String name, JsonNode json) {
        AttrValue.Builder value = AttrValue.newBuilder();
        if (json.has("s")) {
            value.setS(bytes(json.get("s")));
        } else if (json.has("i")) {
            value.setI(json.get("i").asLong());
        } else if (json.has("f")) {
            value.setF(floatValue(json.get("f")));
        } else if (json.has("b")) {
            value.setB(json.get("b").asBoolean());
        } else if (json.has("type")) {
            value.setType(dataType(json.get("type")));
        } else if (json.has("shape")) {
            value.setShape(shape(json.get("shape")));
        } else if (json.has("tensor")) {
            value.setTensor(TensorProto.newBuilder()
                    .setDtype(dataType(json.get("tensor").path("dtype")))
                    .setTensorShape(shape(json.get("tensor").path("tensorShape"))));
        } else if (json.has("list")) {
            JsonNode list = json.get("list");
            AttrValue.ListValue.Builder values = AttrValue.ListValue.newBuilder();
            list.path("s").forEach(v -> values.addS(bytes(v)));
            list.path("i").forEach(v -> values.addI(v.asLong()));
            list.path("f").forEach(v -> values.addF(floatValue(v)));
            list.path("b").forEach(v -> values.addB(v.asBoolean()));
            list.path("type").forEach(v -> values.addType(dataType(v)));
            list.path("shape").forEach(v -> values.addShape(shape(v)));
            value.setList(values);
        } else {
            throw new InstanceCapException("unsupported attribute " + name + " of node " + node + ": " + json);
        }
        return value.build();
    }

    private static ByteString bytes(JsonNode base64) {
        return ByteString.copyFrom(Base64.getDecoder().decode(base64.asText()));
    }

    /** Floats may be written as numbers or, for NaN and infinities, as strings. */
    private static float floatValue(JsonNode json) {
        return json.isNumber() ? json.floatValue() : Float.parseFloat(json.asText());
    }

    private static DataType dataType(JsonNode json) {
        try {
            return DataType.valueOf(json.asText());
        } catch (IllegalArgumentException e) {
            throw new InstanceCapException("unknown TensorFlow data type " + json.asText(), e);
        }
    }

    private static TensorShapeProto shape(JsonNode json) {
        TensorShapeProto.Builder shape = TensorShapeProto.newBuilder();
        json.path("dim").forEach(d -> shape.addDim(TensorShapeProto.Dim.newBuilder().setSize(d.path("size").asLong())));
        if (json.path("unknownRank").asBoolean()) {
            shape.setUnknownRank(true);
        }
        return shape.build();
    }

    private static TensorShapeProto shape(List<Long> dims) {
        TensorShapeProto.Builder shape = TensorShapeProto.newBuilder();
        dims.forEach(d -> shape.addDim(TensorShapeProto.Dim.newBuilder().setSize(d)));
        return shape.build();
    }

    /** The fused node as plain op, BiasAdd and activation; the last one carries the fused node's name. */
    static List<NodeDef> unfuse(NodeDef fused) {
        List<String> ops = new ArrayList<>();
        fused.getAttrOrDefault("fused_ops", AttrValue.getDefaultInstance()).getList().getSList()
                .forEach(s -> ops.add(s.toStringUtf8()));
        long args = fused.getAttrOrDefault("num_args", AttrValue.getDefaultInstance()).getI();
        boolean bias = !ops.isEmpty() && ops.get(0).equals("BiasAdd");
        String activation = ops.size() == (bias ? 2 : 1) ? ops.get(ops.size() - 1) : null;
        boolean supported = (bias || ops.size() <= 1) && ops.size() <= 2 && args == (bias ? 1 : 0)
                && (activation == null || ACTIVATIONS.contains(activation));
        if (!supported || fused.getInputCount() < 2 + args) {
            throw new InstanceCapException("unsupported fusion " + ops + " with " + args + " extra inputs in node "
                    + fused.getName() + " (" + fused.getOp() + ")");
        }
        String plainOp = PLAIN_OP.get(fused.getOp());
        String name = fused.getName();
        List<NodeDef> nodes = new ArrayList<>();
        NodeDef.Builder plain = NodeDef.newBuilder()
                .setName(bias || activation != null ? name + "/" + plainOp : name)
                .setOp(plainOp)
                .addInput(fused.getInput(0))
                .addInput(fused.getInput(1));
        for (String attr : PLAIN_ATTRS.get(plainOp)) {
            if (fused.containsAttr(attr)) {
                plain.putAttr(attr, fused.getAttrOrThrow(attr));
            }
        }
        String last = plain.getName();
        nodes.add(plain.build());
        AttrValue type = fused.getAttrOrThrow("T");
        if (bias) {
            NodeDef.Builder biasAdd = NodeDef.newBuilder()
                    .setName(activation != null ? name + "/BiasAdd" : name)
                    .setOp("BiasAdd")
                    .addInput(last)
                    .addInput(fused.getInput(2))
                    .putAttr("T", type);
            if (fused.containsAttr("data_format") && !plainOp.equals("MatMul")) {
                biasAdd.putAttr("data_format", fused.getAttrOrThrow("data_format"));
            }
            last = biasAdd.getName();
            nodes.add(biasAdd.build());
        }
        if (activation != null) {
            NodeDef.Builder act = NodeDef.newBuilder().setName(name).setOp(activation).addInput(last).putAttr("T", type);
            if (activation.equals("LeakyRelu") && fused.containsAttr("leakyrelu_alpha")) {
                act.putAttr("alpha", fused.getAttrOrThrow("leakyrelu_alpha"));
            }
            nodes.add(act.build());
        }
        return nodes;
    }

    /** Every weight of the manifest as a tensor, by name. */
    static Map<String, TensorProto> weights(JsonNode manifest, Shards shards) throws IOException {
        Map<String, TensorProto> tensors = new HashMap<>();
        for (JsonNode group : manifest) {
            ByteArrayOutputStream joined = new ByteArrayOutputStream();
            for (JsonNode path : group.path("paths")) {
                joined.write(shards.read(path.asText()));
            }
            byte[] data = joined.toByteArray();
            int offset = 0;
            for (JsonNode weight : group.path("weights")) {
                String name = weight.path("name").asText();
                List<Long> dims = new ArrayList<>();
                weight.path("shape").forEach(d -> dims.add(d.asLong()));
                int count = Math.toIntExact(dims.stream().mapToLong(Long::longValue).reduce(1, Math::multiplyExact));
                String dtype = weight.path("dtype").asText();
                JsonNode quantization = weight.path("quantization");
                String stored = quantization.isMissingNode() ? dtype : quantization.path("dtype").asText();
                int bytes = count * switch (stored) {
                    case "float32", "int32" -> 4;
                    case "float16", "uint16" -> 2;
                    case "uint8", "bool" -> 1;
                    default -> throw new InstanceCapException("unsupported weight type " + stored + " of " + name);
                };
                if (offset + bytes > data.length) {
                    throw new InstanceCapException("weight " + name + " lies past the end of its shards (" + data.length + " bytes)");
                }
                tensors.put(name, tensor(name, dtype, stored, quantization, dims, data, offset, count));
                offset += bytes;
            }
        }
        return tensors;
    }

    private static TensorProto tensor(String name, String dtype, String stored, JsonNode quantization, List<Long> dims,
                                      byte[] data, int offset, int count) {
        TensorProto.Builder tensor = TensorProto.newBuilder().setTensorShape(shape(dims));
        float[] values = switch (stored) {
            case "float16" -> TfjsWeights.float16s(data, offset, count);
            case "uint8", "uint16" -> TfjsWeights.dequantize(data, offset, count, stored.equals("uint8") ? 1 : 2,
                    quantization.path("scale").floatValue(), quantization.path("min").floatValue());
            default -> null;
        };
        byte[] content;
        switch (dtype) {
            case "float32" -> {
                tensor.setDtype(DataType.DT_FLOAT);
                content = values != null ? TfjsWeights.littleEndian(values) : Arrays.copyOfRange(data, offset, offset + count * 4);
            }
            case "int32" -> {
                tensor.setDtype(DataType.DT_INT32);
                if (values != null) {
                    int[] rounded = new int[count];
                    for (int i = 0; i < count; i++) {
                        rounded[i] = Math.round(values[i]);
                    }
                    content = TfjsWeights.littleEndian(rounded);
                } else {
                    content = Arrays.copyOfRange(data, offset, offset + count * 4);
                }
            }
            case "bool" -> {
                tensor.setDtype(DataType.DT_BOOL);
                content = Arrays.copyOfRange(data, offset, offset + count);
            }
            default -> throw new InstanceCapException("unsupported weight type " + dtype + " of " + name);
        }
        return tensor.setTensorContent(UnsafeByteOperations.unsafeWrap(content)).build();
    }
}
