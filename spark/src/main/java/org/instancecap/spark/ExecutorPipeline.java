package org.instancecap.spark;

import java.util.concurrent.atomic.AtomicInteger;
import org.instancecap.core.llm.TokenTally;
import org.instancecap.core.pipeline.VideoPipeline;
import org.instancecap.core.spec.RunSpec;
import org.instancecap.core.stage.Stages;

/**
 * The caption pipeline of this JVM (a Spark executor, or the driver in local mode): built on first
 * use from the broadcast spec, so models load once per executor, not per task or video, and closed
 * when the JVM ends. Safe to use from the executor's task threads: each gets its own cluster, all
 * share the captioner.
 */
final class ExecutorPipeline {
    /** Builds of the stages in this JVM, for tests that count model loads. */
    static final AtomicInteger LOADS = new AtomicInteger();

    private static String builtFor;
    private static Stages stages;
    private static VideoPipeline pipeline;
    private static boolean hooked;

    private ExecutorPipeline() {
    }

    /** The pipeline of {@code specJson}; a different spec (a new job in the same JVM) closes the old stages first. */
    static synchronized VideoPipeline of(String specJson, String tool, boolean withAmc) {
        String wanted = specJson + "\n" + withAmc;
        if (!wanted.equals(builtFor)) {
            close();
            Stages built = new Stages(RunSpec.fromJson(specJson), new TokenTally()).load();
            LOADS.incrementAndGet();
            stages = built;
            pipeline = VideoPipeline.of(built, tool, withAmc);
            builtFor = wanted;
            if (!hooked) {
                Runtime.getRuntime().addShutdownHook(new Thread(ExecutorPipeline::close, "instancecap-stages-close"));
                hooked = true;
            }
        }
        return pipeline;
    }

    /** Closes the stages (models, native memory); the next use builds them again. */
    static synchronized void close() {
        if (stages != null) {
            stages.close();
        }
        stages = null;
        pipeline = null;
        builtFor = null;
    }
}
