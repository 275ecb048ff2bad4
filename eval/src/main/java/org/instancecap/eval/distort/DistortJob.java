package org.instancecap.eval.distort;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.instancecap.core.json.Json;
import org.instancecap.core.pipeline.CaptionRecord;
import org.instancecap.core.pipeline.VideoPipeline;
import org.instancecap.core.run.BatchItem;
import org.instancecap.core.run.BatchJob;
import org.instancecap.core.run.BatchRunner;
import org.instancecap.core.run.StageFailure;
import org.instancecap.core.video.VideoFiles;
import org.instancecap.core.video.VideoReadException;

/** {@code distort} as a batch job: a video to its distorted copies and one record saying what each got. */
public final class DistortJob implements BatchJob<DistortJob.Video, List<VideoDistorter.Output>> {
    public static final String RECORDS = "records";
    public static final String ERRORS = "errors";

    /** A video and the stem of its copies' names ({@code clip}, or {@code clip_2} for a second clip.mp4). */
    public record Video(Path file, String stem) {
    }

    private final VideoDistorter distorter;
    private final Path dir;
    private final List<Distortion> which;

    public DistortJob(VideoDistorter distorter, Path dir, List<Distortion> which) {
        this.distorter = distorter;
        this.dir = dir;
        this.which = List.copyOf(which);
    }

    /**
     * The videos with their stems, in the order of all inputs, done or not, so that a rerun names each
     * video's copies as the first run did; a video is done again when the distortions, the seed or the
     * mask fraction asked for differ from the run that did it.
     */
    public static BatchRunner.Inputs<Video> inputs(BatchRunner.Inputs<Path> videos, List<Distortion> which, VideoDistorter.Settings settings) {
        String variant = "|" + which.stream().map(Distortion::label).collect(Collectors.joining(",")) + "|seed=" + settings.seed()
                + "|mask=" + settings.maskFraction();
        return action -> {
            Set<String> stems = new HashSet<>();
            videos.forEach(item -> action.accept(new BatchItem<>(item.id(), item.key() + variant,
                    new Video(item.input(), VideoFiles.uniqueStem(item.input(), stems)))));
        };
    }

    @Override
    public List<VideoDistorter.Output> prepare(BatchItem<Video> item) {
        try {
            return distorter.distort(item.input().file(), item.input().stem(), dir, which);
        } catch (VideoReadException e) {
            throw new StageFailure("decode", e);
        }
    }

    @Override
    public Map<String, List<String>> finish(BatchItem<Video> item, List<VideoDistorter.Output> outputs) {
        ObjectNode record = Json.mapper().createObjectNode();
        record.put("video", item.id());
        ArrayNode list = record.putArray("outputs");
        for (VideoDistorter.Output o : outputs) {
            ObjectNode entry = list.addObject();
            entry.put("distortion", o.distortion().label());
            entry.put("file", o.file().getFileName().toString()); // beside the records: the folder can move
            entry.put("frames", o.frames());
            entry.set("parameters", o.parameters());
        }
        return Map.of(RECORDS, List.of(Json.line(record)));
    }

    @Override
    public String failureRecord(BatchItem<Video> item, StageFailure failure) {
        return Json.line(CaptionRecord.failure(item.id(), failure.stage(), VideoPipeline.reason(failure.getCause())));
    }

    @Override
    public String firstStage() {
        return "distort";
    }
}
