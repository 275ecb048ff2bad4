package org.instancecap.core.pipeline;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.DoubleAdder;
import org.instancecap.core.json.Json;
import org.instancecap.core.run.BatchItem;
import org.instancecap.core.run.BatchJob;
import org.instancecap.core.run.StageFailure;

/** The caption pipeline as a batch job: the cluster on the workers, the captioner on the concurrency pool. */
public final class CaptionJob implements BatchJob<Path, VideoPipeline.Analysed> {
    /** The outputs it writes to. */
    public static final String RECORDS = "records";
    public static final String ERRORS = "errors";

    private final VideoPipeline pipeline;
    private final DoubleAdder amcSeconds = new DoubleAdder();
    private final DoubleAdder captionSeconds = new DoubleAdder();

    public CaptionJob(VideoPipeline pipeline) {
        this.pipeline = pipeline;
    }

    @Override
    public VideoPipeline.Analysed prepare(BatchItem<Path> item) {
        VideoPipeline.Analysed analysed = pipeline.analyse(item.id(), item.input());
        amcSeconds.add(analysed.seconds());
        return analysed;
    }

    @Override
    public Map<String, List<String>> finish(BatchItem<Path> item, VideoPipeline.Analysed analysed) {
        VideoResult.Success result = pipeline.caption(item.id(), analysed);
        captionSeconds.add(result.captionSeconds());
        return Map.of(RECORDS, List.of(Json.line(result.record())));
    }

    @Override
    public String failureRecord(BatchItem<Path> item, StageFailure failure) {
        return Json.line(CaptionRecord.failure(item.id(), failure.stage(), VideoPipeline.reason(failure.getCause())));
    }

    @Override
    public String firstStage() {
        return "amc";
    }

    @Override
    public String secondStage() {
        return "caption";
    }

    /** Seconds in the cluster, summed over videos (with several at once, more than the run's). */
    public double amcSeconds() {
        return amcSeconds.sum();
    }

    /** Seconds in the captioner, summed over videos. */
    public double captionSeconds() {
        return captionSeconds.sum();
    }
}
