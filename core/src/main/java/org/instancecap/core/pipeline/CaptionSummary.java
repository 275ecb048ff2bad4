package org.instancecap.core.pipeline;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import org.instancecap.core.amc.AmcSettings;
import org.instancecap.core.json.Json;
import org.instancecap.core.llm.TokenTally;
import org.instancecap.core.run.BatchRunner;
import org.instancecap.core.run.RunSummary;

/**
 * What a caption run ran with, for its {@code <output>.summary.json}.
 *
 * @param requestsInFlight the limit on open requests to the server, or null without one
 */
public record CaptionSummary(String tool, String captioner, AmcSettings amc, int workers, int concurrency, Integer requestsInFlight,
                             Path output, Path errors) {

    /** The summary of a run that went as {@code outcome}; {@code tokens}: the server's counts, or null without a server. */
    public ObjectNode toJson(BatchRunner.Outcome outcome, CaptionJob job, TokenTally tokens) {
        ObjectNode summary = RunSummary.start(tool);
        summary.put("captioner", captioner);
        summary.set("amc", Json.mapper().valueToTree(amc));
        summary.put("workers", workers);
        summary.put("concurrency", concurrency);
        if (requestsInFlight != null) {
            summary.put("requestsInFlight", requestsInFlight);
        }
        summary.put("output", output.toString());
        summary.put("errors", errors.toString());
        RunSummary.counts(summary, outcome, "captioned");
        // summed over videos, so with several at once they add up to more than the run's seconds
        summary.put("amcSeconds", job.amcSeconds());
        summary.put("captionSeconds", job.captionSeconds());
        summary.put("peakHeapMiB", RunSummary.peakHeapMiB());
        if (tokens != null) {
            summary.set("tokens", RunSummary.tokens(tokens, outcome.seconds()));
        }
        return summary;
    }
}
