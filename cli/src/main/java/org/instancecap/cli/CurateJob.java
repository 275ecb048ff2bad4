package org.instancecap.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.instancecap.core.curate.Curator;
import org.instancecap.core.json.Json;
import org.instancecap.core.pipeline.CaptionRecord;
import org.instancecap.core.pipeline.VideoPipeline;
import org.instancecap.core.run.BatchItem;
import org.instancecap.core.run.BatchJob;
import org.instancecap.core.run.BatchRunner;
import org.instancecap.core.run.StageFailure;
import org.instancecap.core.video.VideoFiles;
import org.instancecap.core.video.VideoReadException;

/** {@code curate} as a batch job: a video to its clips' verdicts, kept or rejected. */
final class CurateJob implements BatchJob<CurateJob.Video, List<Curator.Verdict>> {
    static final String KEPT = "kept";
    static final String REJECTED = "rejected";
    static final String ERRORS = "errors";

    /** A video and the name its clips get ({@code clip}, or {@code clip_2} for a second clip.mp4). */
    record Video(Path file, String name) {
    }

    /** Clips kept and rejected in this run, for the last line. */
    static final class Counts {
        private final AtomicLong kept = new AtomicLong();
        private final AtomicLong rejected = new AtomicLong();

        long kept() {
            return kept.get();
        }

        long rejected() {
            return rejected.get();
        }
    }

    private final Curator curator;
    private final Path clips;
    private final Counts counts;

    CurateJob(Curator curator, Path clips, Counts counts) {
        this.curator = curator;
        this.clips = clips;
        this.counts = counts;
    }

    /**
     * The videos with their clips' names, given in the order of all inputs, done or not, so that a
     * rerun names each video's clips as the first run did.
     */
    static BatchRunner.Inputs<Video> inputs(BatchRunner.Inputs<Path> videos) {
        return action -> {
            Set<String> names = new HashSet<>();
            videos.forEach(item -> action.accept(new BatchItem<>(item.id(), item.key(),
                    new Video(item.input(), VideoFiles.uniqueStem(item.input(), names)))));
        };
    }

    @Override
    public List<Curator.Verdict> prepare(BatchItem<Video> item) {
        try {
            return curator.curate(item.input().file(), clips, item.input().name());
        } catch (VideoReadException e) {
            throw new StageFailure("decode", e);
        }
    }

    @Override
    public Map<String, List<String>> finish(BatchItem<Video> item, List<Curator.Verdict> verdicts) {
        List<String> kept = new ArrayList<>();
        List<String> rejected = new ArrayList<>();
        for (Curator.Verdict verdict : verdicts) {
            (verdict.kept() ? kept : rejected).add(Json.line(verdict));
        }
        counts.kept.addAndGet(kept.size());
        counts.rejected.addAndGet(rejected.size());
        return Map.of(KEPT, kept, REJECTED, rejected);
    }

    @Override
    public String failureRecord(BatchItem<Video> item, StageFailure failure) {
        return Json.line(CaptionRecord.failure(item.id(), failure.stage(), VideoPipeline.reason(failure.getCause())));
    }

    @Override
    public String firstStage() {
        return "curate";
    }
}
