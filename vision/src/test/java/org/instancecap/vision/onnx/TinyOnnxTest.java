package org.instancecap.vision.onnx;

import static org.assertj.core.api.Assertions.assertThat;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TinyOnnxTest {

    @Test
    void onnx_runtime_runs_the_written_model(@TempDir Path dir) throws Exception {
        Path file = new TinyOnnx()
                .input("x", TinyOnnx.FLOAT, 1, 3, "h", "w")
                .input("unused", TinyOnnx.FLOAT, 2)
                .constantAfter("x", "y", new long[] {1, 2, 3}, new float[] {1, 2, 3, 4, 5, 6})
                .constantLongs("k", new long[] {1, 2}, new long[] {7, -8})
                .identity("x", "copy", TinyOnnx.FLOAT, 1, 3, "h", "w")
                .metadata("names", "{0: 'a'}")
                .write(dir.resolve("m.onnx"));

        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession session = env.createSession(file.toString(), new OrtSession.SessionOptions());
                OnnxTensor x = OnnxTensor.createTensor(env, FloatBuffer.wrap(new float[] {0.5f, 1, 2, 3, 4, 5}), new long[] {1, 3, 1, 2});
                OnnxTensor unused = OnnxTensor.createTensor(env, FloatBuffer.wrap(new float[2]), new long[] {2});
                OrtSession.Result result = session.run(Map.of("x", x, "unused", unused))) {
            assertThat(((TensorInfo) session.getInputInfo().get("x").getInfo()).getShape()).containsExactly(1, 3, -1, -1);
            assertThat(session.getMetadata().getCustomMetadata()).containsEntry("names", "{0: 'a'}");
            float[] y = new float[6];
            ((OnnxTensor) result.get("y").orElseThrow()).getFloatBuffer().get(y);
            assertThat(y).containsExactly(1, 2, 3, 4, 5, 6);
            assertThat(((OnnxTensor) result.get("k").orElseThrow()).getLongBuffer().array()).containsExactly(7, -8);
            assertThat(((OnnxTensor) result.get("copy").orElseThrow()).getInfo().getShape()).containsExactly(1, 3, 1, 2);
        }
    }
}
