package org.instancecap.vision.tfjs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.instancecap.core.InstanceCapException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.ndarray.Shape;

class TfjsSessionTest {

    /** {@code out = reshape(x, [2, 2])} for an x of shape [1, 4]. */
    private static Path reshapeModel(Path dir) throws IOException {
        return TfjsGraphModelTest.reshapeModel(dir, "DT_INT64");
    }

    private static TfjsSession open(Path json) {
        return TfjsSession.open(json, "Reshape", "x", Shape.of(1, 4), graph -> { });
    }

    @Test
    void each_run_fills_the_input_again_and_reads_the_output_into_its_array(@TempDir Path dir) throws IOException {
        float[] out = new float[4];
        List<TfjsSession.Fetch> fetches = List.of(new TfjsSession.Fetch("out", out));
        try (TfjsSession session = open(reshapeModel(dir))) {
            session.run(new float[] {-1, 2, -3, 4}, fetches, "a test input");
            assertThat(out).containsExactly(-1, 2, -3, 4);
            session.run(new float[] {5, -6, 7, -8}, fetches, "a test input");
            assertThat(out).containsExactly(5, -6, 7, -8);
        }
    }

    @Test
    void the_check_refuses_a_graph_that_is_not_the_model_expected(@TempDir Path dir) throws IOException {
        Path json = reshapeModel(dir);
        assertThatThrownBy(() -> TfjsSession.open(json, "Reshape", "x", Shape.of(1, 4), graph -> {
            if (graph.operation("w") == null) {
                throw new InstanceCapException(json + " is not the W model");
            }
        })).isInstanceOf(InstanceCapException.class).hasMessage(json + " is not the W model");
    }

    @Test
    void a_failing_run_names_the_model_and_the_input(@TempDir Path dir) throws IOException {
        try (TfjsSession session = open(reshapeModel(dir))) {
            assertThatThrownBy(() -> session.run(new float[4], List.of(new TfjsSession.Fetch("nowhere", new float[4])), "frame 7"))
                    .isInstanceOf(InstanceCapException.class).hasMessageStartingWith("Reshape failed on frame 7: ");
        }
    }

    @Test
    void a_closed_session_refuses_work_and_closes_once(@TempDir Path dir) throws IOException {
        TfjsSession session = open(reshapeModel(dir));
        session.close();
        session.close();
        assertThatThrownBy(() -> session.run(new float[4], List.of(), "an input")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void an_int32_input_is_fed_the_values_rounded(@TempDir Path dir) throws IOException {
        // MoveNet's input is int32 pixels that the graph casts to float itself
        Path json = dir.resolve("model.json");
        java.nio.file.Files.writeString(json, """
                {"format": "graph-model",
                 "modelTopology": {"node": [
                   {"name": "x", "op": "Placeholder", "attr": {"dtype": {"type": "DT_INT32"},
                     "shape": {"shape": {"dim": [{"size": "1"}, {"size": "4"}]}}}},
                   {"name": "out", "op": "Cast", "input": ["x"],
                    "attr": {"SrcT": {"type": "DT_INT32"}, "DstT": {"type": "DT_FLOAT"}, "Truncate": {"b": false}}}
                 ], "library": {}, "versions": {}},
                 "weightsManifest": []}
                """);
        float[] out = new float[4];
        try (TfjsSession session = TfjsSession.open(json, "Cast", "x", Shape.of(1, 4), graph -> { })) {
            session.run(new float[] {1.4f, 2.6f, -3, 255}, List.of(new TfjsSession.Fetch("out", out)), "a test input");
        }
        assertThat(out).containsExactly(1, 3, -3, 255);
    }

    @Test
    void a_missing_input_names_the_model(@TempDir Path dir) throws IOException {
        Path json = reshapeModel(dir);
        assertThatThrownBy(() -> TfjsSession.open(json, "Reshape", "nowhere", Shape.of(1, 4), graph -> { }))
                .isInstanceOf(InstanceCapException.class).hasMessageContaining("has no input nowhere");
    }
}
