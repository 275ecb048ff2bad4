package org.instancecap.vision.tfjs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.instancecap.core.InstanceCapException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.ndarray.Shape;

class TfjsSessionTest {

    /** {@code y = relu(x)}, {@code z = x} for an x of shape [1, 4]; no weights. */
    private static Path reluModel(Path dir) throws IOException {
        Path json = dir.resolve("model.json");
        Files.writeString(json, """
                {"format": "graph-model",
                 "modelTopology": {"node": [
                   {"name": "x", "op": "Placeholder", "attr": {"dtype": {"type": "DT_FLOAT"},
                     "shape": {"shape": {"dim": [{"size": "1"}, {"size": "4"}]}}}},
                   {"name": "y", "op": "Relu", "input": ["x"], "attr": {"T": {"type": "DT_FLOAT"}}},
                   {"name": "z", "op": "Identity", "input": ["x"], "attr": {"T": {"type": "DT_FLOAT"}}}
                 ], "library": {}, "versions": {}},
                 "weightsManifest": []}
                """);
        return json;
    }

    private static TfjsSession open(Path json) {
        return TfjsSession.open(json, "Relu", "x", Shape.of(1, 4), graph -> { });
    }

    @Test
    void each_run_fills_the_input_and_reads_every_fetched_output(@TempDir Path dir) throws IOException {
        float[] y = new float[4];
        float[] z = new float[4];
        List<TfjsSession.Fetch> fetches = List.of(new TfjsSession.Fetch("y", y), new TfjsSession.Fetch("z", z));
        try (TfjsSession session = open(reluModel(dir))) {
            session.run(new float[] {-1, 2, -3, 4}, fetches, "a test input");
            assertThat(y).containsExactly(0, 2, 0, 4);
            assertThat(z).containsExactly(-1, 2, -3, 4);
            session.run(new float[] {5, -6, 7, -8}, fetches, "a test input");
            assertThat(y).containsExactly(5, 0, 7, 0);
        }
    }

    @Test
    void the_check_refuses_a_graph_that_is_not_the_model_expected(@TempDir Path dir) throws IOException {
        Path json = reluModel(dir);
        assertThatThrownBy(() -> TfjsSession.open(json, "Relu", "x", Shape.of(1, 4), graph -> {
            if (graph.operation("w") == null) {
                throw new InstanceCapException(json + " is not the W model");
            }
        })).isInstanceOf(InstanceCapException.class).hasMessage(json + " is not the W model");
    }

    @Test
    void a_failing_run_names_the_model_and_the_input(@TempDir Path dir) throws IOException {
        try (TfjsSession session = open(reluModel(dir))) {
            assertThatThrownBy(() -> session.run(new float[4], List.of(new TfjsSession.Fetch("nowhere", new float[4])), "frame 7"))
                    .isInstanceOf(InstanceCapException.class).hasMessageStartingWith("Relu failed on frame 7: ");
        }
    }

    @Test
    void a_closed_session_refuses_work_and_closes_once(@TempDir Path dir) throws IOException {
        TfjsSession session = open(reluModel(dir));
        session.close();
        session.close();
        assertThatThrownBy(() -> session.run(new float[4], List.of(), "an input")).isInstanceOf(IllegalStateException.class);
    }
}
