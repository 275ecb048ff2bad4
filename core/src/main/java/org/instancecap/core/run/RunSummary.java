package org.instancecap.core.run;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Path;
import org.instancecap.core.json.Json;
import org.instancecap.core.llm.TokenTally;
import org.instancecap.core.llm.TokenUsage;

/** {@code <output>.summary.json}: what a run ran with and how it went, written whole at its end. */
public final class RunSummary {
    private RunSummary() {
    }

    /** {@code instancecap <version>} from the manifest of {@code main}'s jar, or {@code development build}. */
    public static String tool(Class<?> main) {
        String version = main.getPackage().getImplementationVersion();
        return "instancecap " + (version == null ? "development build" : version);
    }

    /** The summary's start: the tool and the Java it ran on. */
    public static ObjectNode start(String tool) {
        ObjectNode summary = Json.mapper().createObjectNode();
        summary.put("tool", tool);
        summary.put("java", System.getProperty("java.version"));
        return summary;
    }

    /** Adds the run's counts and seconds, naming the done ones {@code doneName} ({@code captioned}). */
    public static ObjectNode counts(ObjectNode summary, BatchRunner.Outcome outcome, String doneName) {
        summary.put("inputs", outcome.inputs());
        summary.put("skipped", outcome.skipped());
        summary.put(doneName, outcome.done());
        summary.put("failed", outcome.failed());
        summary.put("seconds", outcome.seconds());
        return summary;
    }

    /** The run's token usage: {@code prompt}, {@code completion}, output tokens per second, requests without usage. */
    public static ObjectNode tokens(TokenTally tally, double seconds) {
        ObjectNode tokens = Json.mapper().createObjectNode();
        TokenUsage total = tally.total();
        tokens.put("prompt", total.prompt());
        tokens.put("completion", total.completion());
        tokens.put("completionPerSecond", seconds > 0 ? Math.round(total.completion() / seconds * 10) / 10.0 : 0);
        tokens.put("requests", tally.replies());
        tokens.put("requestsWithoutUsage", tally.withoutUsage());
        return tokens;
    }

    /** The most heap the JVM's heap pools held at once so far (what a run needs of -Xmx). */
    public static long peakHeapMiB() {
        long bytes = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.getPeakUsage() != null) {
                bytes += pool.getPeakUsage().getUsed();
            }
        }
        return bytes >> 20;
    }

    /** {@code <output>.summary.json} beside {@code output}, replaced whole. */
    public static void write(Path output, ObjectNode summary) {
        Json.writeAtomically(output.resolveSibling(output.getFileName() + ".summary.json"), summary);
    }
}
