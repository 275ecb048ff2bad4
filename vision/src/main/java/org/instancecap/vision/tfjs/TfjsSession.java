package org.instancecap.vision.tfjs;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import org.instancecap.core.InstanceCapException;
import org.tensorflow.Graph;
import org.tensorflow.GraphOperation;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.FloatDataBuffer;
import org.tensorflow.ndarray.buffer.IntDataBuffer;
import org.tensorflow.proto.DataType;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.family.TType;

/**
 * One TF.js graph model ({@link TfjsGraphModel}) loaded in TensorFlow Java, fed one input of a fixed
 * shape, float or int32 as the graph's input declares (an int32 input, such as MoveNet's 0–255
 * pixels, gets the values rounded): the graph, the session and the input tensor are made once and reused by every run.
 * Failures are {@link InstanceCapException}s that name the model. Runs take turns, since they share
 * the input tensor (TensorFlow spreads each run over the cores); the owner closes it.
 */
public final class TfjsSession implements AutoCloseable {
    private final String role;
    private final String input;
    private final Graph graph;
    private final Session session;
    private final TType inputTensor;
    private final FloatDataBuffer floatInput;
    private final IntDataBuffer intInput;
    private final int[] rounded;
    private boolean closed;

    private TfjsSession(String role, String input, Graph graph, Session session, Shape inputShape, boolean intInput) {
        this.role = role;
        this.input = input;
        this.graph = graph;
        this.session = session;
        if (intInput) {
            TInt32 tensor = TInt32.tensorOf(inputShape);
            this.inputTensor = tensor;
            this.floatInput = null;
            this.intInput = tensor.asRawTensor().data().asInts();
            this.rounded = new int[Math.toIntExact(inputShape.size())];
        } else {
            TFloat32 tensor = TFloat32.tensorOf(inputShape);
            this.inputTensor = tensor;
            this.floatInput = tensor.asRawTensor().data().asFloats();
            this.intInput = null;
            this.rounded = null;
        }
    }

    /**
     * An output to fetch and the array its values are read into.
     *
     * @param name   the graph's operation
     * @param values as many as the output has, written by each run
     */
    public record Fetch(String name, float[] values) {
    }

    /**
     * Loads the model.
     *
     * @param modelJson  the TF.js {@code model.json}, its weights beside it
     * @param role       names the model in messages ({@code "CenterNet"})
     * @param input      the graph's input operation
     * @param inputShape the shape of the float tensor fed to {@code input}
     * @param check      looks at the imported graph before the session is made and throws an
     *                   {@link InstanceCapException} when it is not the model expected
     */
    public static TfjsSession open(Path modelJson, String role, String input, Shape inputShape, Consumer<Graph> check) {
        Graph graph = new Graph();
        Session session = null;
        try {
            graph.importGraphDef(TfjsGraphModel.read(modelJson));
            check.accept(graph);
            GraphOperation in = graph.operation(input);
            if (in == null) {
                throw new InstanceCapException(modelJson + " is not the " + role + " model: it has no input " + input);
            }
            DataType type = in.output(0).dataType();
            if (type != DataType.DT_FLOAT && type != DataType.DT_INT32) {
                throw new InstanceCapException("the input " + input + " of the " + role + " model " + modelJson + " is " + type
                        + "; only float and int32 inputs are supported");
            }
            session = new Session(graph);
            return new TfjsSession(role, input, graph, session, inputShape, type == DataType.DT_INT32);
        } catch (RuntimeException e) {
            if (session != null) {
                session.close();
            }
            graph.close();
            if (e instanceof InstanceCapException) {
                throw e;
            }
            throw new InstanceCapException("cannot load the " + role + " model " + modelJson + ": " + e.getMessage(), e);
        }
    }

    /**
     * Runs the graph once: {@code values} fill the input tensor, in its shape's order, and each
     * output fetched is read into its array.
     *
     * @param what the input in messages ({@code "a 640x480 frame"})
     * @throws IllegalStateException when the session is closed
     */
    public synchronized void run(float[] values, List<Fetch> fetches, String what) {
        if (closed) {
            throw new IllegalStateException("the " + role + " model is closed");
        }
        long size = intInput != null ? intInput.size() : floatInput.size();
        if (values.length != size) {
            throw new IllegalArgumentException("the " + role + " model takes " + size + " input values, got " + values.length + " for " + what);
        }
        if (intInput != null) {
            for (int i = 0; i < rounded.length; i++) {
                rounded[i] = Math.round(values[i]);
            }
            intInput.write(rounded);
        } else {
            floatInput.write(values);
        }
        try {
            Session.Runner runner = session.runner().feed(input, inputTensor);
            fetches.forEach(f -> runner.fetch(f.name()));
            try (Result result = runner.run()) {
                for (int i = 0; i < fetches.size(); i++) {
                    result.get(i).asRawTensor().data().asFloats().read(fetches.get(i).values());
                }
            }
        } catch (RuntimeException e) {
            throw new InstanceCapException(role + " failed on " + what + ": " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        inputTensor.close();
        session.close();
        graph.close();
    }
}
