package org.instancecap.vision.tfjs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.instancecap.core.InstanceCapException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.Graph;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.proto.DataType;
import org.tensorflow.proto.GraphDef;
import org.tensorflow.proto.NodeDef;
import org.tensorflow.types.TFloat32;

/** A small TF.js graph model written here, converted and run by TensorFlow. */
class TfjsGraphModelTest {

    private static final String SAME = "\"U0FNRQ==\"";
    private static final String NHWC = "\"TkhXQw==\"";
    private static final String BIAS_ADD = "\"Qmlhc0FkZA==\"";
    private static final String RELU = "\"UmVsdQ==\"";
    private static final String FUSED_BATCH_NORM = "\"RnVzZWRCYXRjaE5vcm0=\"";

    /**
     * {@code out = reshape(depthwise(relu(conv(x) + b1)) + b2, [1, 4])} with a 1×1 conv of weight 2 stored
     * as float16, its bias -1 stored as a uint8 dequantised with min -1 and scale 0.5, a depthwise 1×1 of
     * weight 3 and bias 1 as float32, and the shape as int32, in two shards.
     */
    private static String model(String convFusion) {
        String conv = """
                {"name": "conv", "op": "_FusedConv2D", "input": ["x", "conv/weights", "conv/bias"], "device": "/device:CPU:0",
                 "attr": {"T": {"type": "DT_FLOAT"}, "strides": {"list": {"i": ["1", "1", "1", "1"]}}, "padding": {"s": %s},
                          "data_format": {"s": %s}, "dilations": {"list": {"i": ["1", "1", "1", "1"]}}, "explicit_paddings": {"list": {}},
                          "use_cudnn_on_gpu": {"b": true}, "num_args": {"i": "1"}, "epsilon": {"f": 0},
                          "fused_ops": {"list": {"s": [%s]}}}}""".formatted(SAME, NHWC, convFusion);
        String depthwise = """
                {"name": "dw", "op": "FusedDepthwiseConv2dNative", "input": ["conv", "dw/weights", "dw/bias"],
                 "attr": {"T": {"type": "DT_FLOAT"}, "strides": {"list": {"i": ["1", "1", "1", "1"]}}, "padding": {"s": %s},
                          "data_format": {"s": %s}, "dilations": {"list": {"i": ["1", "1", "1", "1"]}}, "explicit_paddings": {"list": {}},
                          "num_args": {"i": "1"}, "fused_ops": {"list": {"s": [%s]}}}}""".formatted(SAME, NHWC, BIAS_ADD);
        return """
                {"format": "graph-model",
                 "modelTopology": {"node": [
                   {"name": "x", "op": "Placeholder", "attr": {"dtype": {"type": "DT_FLOAT"},
                     "shape": {"shape": {"dim": [{"size": "1"}, {"size": "2"}, {"size": "2"}, {"size": "1"}]}}}},
                   %s,
                   %s,
                   %s,
                   %s,
                   %s,
                   %s,
                   %s,
                   {"name": "out", "op": "Reshape", "input": ["dw", "shape"],
                    "attr": {"T": {"type": "DT_FLOAT"}, "Tshape": {"type": "DT_INT32"}}}
                 ], "library": {}, "versions": {}},
                 "weightsManifest": [{"paths": ["group1-shard1of2.bin", "group1-shard2of2.bin"], "weights": [
                   {"name": "conv/weights", "shape": [1, 1, 1, 1], "dtype": "float32", "quantization": {"dtype": "float16"}},
                   {"name": "conv/bias", "shape": [1], "dtype": "float32", "quantization": {"dtype": "uint8", "min": -1, "scale": 0.5}},
                   {"name": "dw/weights", "shape": [1, 1, 1, 1], "dtype": "float32"},
                   {"name": "dw/bias", "shape": [1], "dtype": "float32"},
                   {"name": "shape", "shape": [2], "dtype": "int32"}
                 ]}]}
                """.formatted(constant("conv/weights", "DT_FLOAT", 1, 1, 1, 1), constant("conv/bias", "DT_FLOAT", 1),
                conv, constant("dw/weights", "DT_FLOAT", 1, 1, 1, 1), constant("dw/bias", "DT_FLOAT", 1), depthwise,
                constant("shape", "DT_INT32", 2));
    }

    private static String constant(String name, String type, int... dims) {
        String shape = Arrays.stream(dims).mapToObj(d -> "{\"size\": \"" + d + "\"}").collect(Collectors.joining(", "));
        return """
                {"name": "%s", "op": "Const", "attr": {"dtype": {"type": "%s"},
                 "value": {"tensor": {"dtype": "%s", "tensorShape": {"dim": [%s]}}}}}""".formatted(name, type, type, shape);
    }

    private static Path write(Path dir, String fusion) throws IOException {
        ByteBuffer weights = ByteBuffer.allocate(19).order(ByteOrder.LITTLE_ENDIAN);
        weights.putShort((short) 0x4000);   // 2.0 as float16
        weights.put((byte) 0);              // -1 + 0 * 0.5
        weights.putFloat(3f);
        weights.putFloat(1f);
        weights.putInt(1).putInt(4);
        byte[] all = weights.array();
        Files.write(dir.resolve("group1-shard1of2.bin"), Arrays.copyOfRange(all, 0, 10));
        Files.write(dir.resolve("group1-shard2of2.bin"), Arrays.copyOfRange(all, 10, all.length));
        Path json = dir.resolve("model.json");
        Files.writeString(json, model(fusion));
        return json;
    }

    @Test
    void converted_graph_computes_what_the_tfjs_graph_means(@TempDir Path dir) throws IOException {
        GraphDef graphDef = TfjsGraphModel.read(write(dir, BIAS_ADD + ", " + RELU));
        float[] out = new float[4];
        try (Graph graph = new Graph()) {
            graph.importGraphDef(graphDef);
            try (Session session = new Session(graph);
                 TFloat32 x = TFloat32.tensorOf(Shape.of(1, 2, 2, 1));
                 ) {
                x.asRawTensor().data().asFloats().write(new float[] {1, 0, 0.25f, 3});
                try (Result result = session.runner().feed("x", x).fetch("out").run()) {
                    assertThat(result.get(0).shape()).isEqualTo(Shape.of(1, 4));
                    result.get(0).asRawTensor().data().asFloats().read(out);
                }
            }
        }
        // relu(2x - 1) = 1, 0, 0, 5; then 3v + 1
        assertThat(out).containsExactly(4, 1, 1, 16);
    }

    @Test
    void fused_ops_become_plain_op_bias_and_activation_under_the_fused_name(@TempDir Path dir) throws IOException {
        Map<String, NodeDef> nodes = TfjsGraphModel.read(write(dir, BIAS_ADD + ", " + RELU)).getNodeList().stream()
                .collect(Collectors.toMap(NodeDef::getName, n -> n));
        assertThat(nodes.get("conv/Conv2D").getOp()).isEqualTo("Conv2D");
        assertThat(nodes.get("conv/Conv2D").getInputList()).containsExactly("x", "conv/weights");
        assertThat(nodes.get("conv/Conv2D").getDevice()).isEmpty();
        assertThat(nodes.get("conv/Conv2D").getAttrMap()).doesNotContainKeys("fused_ops", "num_args", "epsilon");
        assertThat(nodes.get("conv/BiasAdd").getInputList()).containsExactly("conv/Conv2D", "conv/bias");
        assertThat(nodes.get("conv").getOp()).isEqualTo("Relu");
        assertThat(nodes.get("conv").getInputList()).containsExactly("conv/BiasAdd");
        assertThat(nodes.get("dw/DepthwiseConv2dNative").getOp()).isEqualTo("DepthwiseConv2dNative");
        assertThat(nodes.get("dw").getOp()).isEqualTo("BiasAdd");
        assertThat(nodes.get("dw").getInputList()).containsExactly("dw/DepthwiseConv2dNative", "dw/bias");
    }

    @Test
    void constants_are_filled_from_the_manifest(@TempDir Path dir) throws IOException {
        Map<String, NodeDef> nodes = TfjsGraphModel.read(write(dir, BIAS_ADD)).getNodeList().stream()
                .collect(Collectors.toMap(NodeDef::getName, n -> n));
        ByteBuffer bias = nodes.get("conv/bias").getAttrOrThrow("value").getTensor().getTensorContent()
                .asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
        assertThat(bias.getFloat()).isEqualTo(-1f);
        ByteBuffer shape = nodes.get("shape").getAttrOrThrow("value").getTensor().getTensorContent()
                .asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
        assertThat(List.of(shape.getInt(), shape.getInt())).containsExactly(1, 4);
    }

    @Test
    void unsupported_fusion_is_named(@TempDir Path dir) throws IOException {
        Path json = write(dir, FUSED_BATCH_NORM);
        assertThatThrownBy(() -> TfjsGraphModel.read(json))
                .isInstanceOf(InstanceCapException.class)
                .hasMessageContaining("unsupported fusion [FusedBatchNorm]").hasMessageContaining("conv");
    }

    @Test
    void a_model_without_nodes_is_refused(@TempDir Path dir) throws IOException {
        Path json = dir.resolve("model.json");
        Files.writeString(json, "{\"modelTopology\": {\"node\": []}, \"weightsManifest\": []}");
        assertThatThrownBy(() -> TfjsGraphModel.read(json))
                .isInstanceOf(InstanceCapException.class).hasMessageContaining("not a TF.js graph model");
    }

    @Test
    void missing_shard_names_the_model(@TempDir Path dir) throws IOException {
        Path json = write(dir, BIAS_ADD);
        Files.delete(dir.resolve("group1-shard2of2.bin"));
        assertThatThrownBy(() -> TfjsGraphModel.read(json))
                .isInstanceOf(InstanceCapException.class).hasMessageContaining(json.toString());
    }

    @Test
    void weights_past_the_shards_are_reported(@TempDir Path dir) throws IOException {
        Path json = write(dir, BIAS_ADD);
        Files.write(dir.resolve("group1-shard2of2.bin"), new byte[2]);
        assertThatThrownBy(() -> TfjsGraphModel.read(json))
                .isInstanceOf(InstanceCapException.class).hasMessageContaining("lies past the end of its shards");
    }

    /** {@code out = reshape(x, shape)} with the shape declared int64 in the graph but stored as int32, as TF.js does. */
    static Path reshapeModel(Path dir, String declared) throws IOException {
        Files.write(dir.resolve("shape.bin"), ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putInt(2).putInt(2).array());
        Path json = dir.resolve("model.json");
        Files.writeString(json, """
                {"format": "graph-model",
                 "modelTopology": {"node": [
                   {"name": "x", "op": "Placeholder", "attr": {"dtype": {"type": "DT_FLOAT"},
                     "shape": {"shape": {"dim": [{"size": "1"}, {"size": "4"}]}}}},
                   %s,
                   {"name": "out", "op": "Reshape", "input": ["x", "shape"],
                    "attr": {"T": {"type": "DT_FLOAT"}, "Tshape": {"type": "%s"}}}
                 ], "library": {}, "versions": {}},
                 "weightsManifest": [{"paths": ["shape.bin"], "weights": [{"name": "shape", "shape": [2], "dtype": "int32"}]}]}
                """.formatted(constant("shape", declared, 2), declared));
        return json;
    }

    @Test
    void constants_declared_int64_are_widened_from_the_int32_that_tfjs_stores(@TempDir Path dir) throws IOException {
        GraphDef graphDef = TfjsGraphModel.read(reshapeModel(dir, "DT_INT64"));
        NodeDef shape = graphDef.getNodeList().stream().filter(n -> n.getName().equals("shape")).findFirst().orElseThrow();
        assertThat(shape.getAttrOrThrow("value").getTensor().getDtype()).isEqualTo(DataType.DT_INT64);
        try (Graph graph = new Graph()) {
            graph.importGraphDef(graphDef);
            try (Session session = new Session(graph); TFloat32 x = TFloat32.tensorOf(Shape.of(1, 4))) {
                x.asRawTensor().data().asFloats().write(new float[] {1, 2, 3, 4});
                try (Result result = session.runner().feed("x", x).fetch("out").run()) {
                    assertThat(result.get(0).shape()).isEqualTo(Shape.of(2, 2));
                }
            }
        }
    }

    @Test
    void a_constant_whose_weights_have_another_type_is_refused_before_tensorflow_aborts(@TempDir Path dir) throws IOException {
        Path json = reshapeModel(dir, "DT_FLOAT");
        assertThatThrownBy(() -> TfjsGraphModel.read(json))
                .isInstanceOf(InstanceCapException.class)
                .hasMessageContaining("constant shape is declared DT_FLOAT but its weights are DT_INT32");
    }
}
