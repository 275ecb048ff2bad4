package org.instancecap.eval.judge;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.instancecap.core.InstanceCapException;
import org.instancecap.core.io.BadLine;
import org.instancecap.core.json.Json;
import org.instancecap.core.json.JsonLinesReader;
import org.instancecap.core.pipeline.CaptionRecord;
import org.instancecap.core.pipeline.VideoPipeline;
import org.instancecap.core.run.BatchItem;
import org.instancecap.core.run.BatchJob;
import org.instancecap.core.run.BatchRunner;
import org.instancecap.core.run.StageFailure;
import org.instancecap.core.video.RgbImage;
import org.instancecap.core.video.SampledFrame;
import org.instancecap.core.video.SampledFrames;
import org.instancecap.core.video.VideoReadException;
import org.instancecap.core.video.VideoReader;

/**
 * The caption judge as a batch job over caption records: the video's frames sampled on the workers,
 * the judge asked on the concurrency pool, one result line per record. A record is known by its
 * captioner and video, so that a rerun judges each once and records of several captioners about one
 * video are each judged.
 */
public final class JudgeJob implements BatchJob<JudgeJob.Entry, JudgeJob.Prepared> {
    public static final String RESULTS = "results";
    public static final String ERRORS = "errors";

    /** One line of a captions file: the caption read from it, or why it could not be. */
    public record Entry(Path file, long line, JudgedCaption caption, String error) {
    }

    /** A caption with the frames of its video, scaled for the judge. */
    public record Prepared(JudgedCaption caption, SampledFrames frames) {
    }

    /**
     * @param videos   the folder the records' videos are in, or null for the paths as recorded
     * @param frames   frames sampled uniformly per video
     * @param maxSide  the long side of the frames sent, in pixels (the client scales no further)
     * @param judgeName the judge model's name, for the result lines
     */
    public record Settings(Path videos, int frames, int maxSide, String judgeName) {
        public Settings {
            if (frames < 1) {
                throw new IllegalArgumentException("frames must be at least 1, got " + frames);
            }
            if (maxSide < 16) {
                throw new IllegalArgumentException("the frames' long side must be at least 16 pixels, got " + maxSide);
            }
        }
    }

    private final VideoReader reader;
    private final CaptionJudge judge;
    private final Settings settings;

    public JudgeJob(VideoReader reader, CaptionJudge judge, Settings settings) {
        this.reader = reader;
        this.judge = judge;
        this.settings = settings;
    }

    /** The records of {@code files} as items; lines that are not JSON objects go to {@code bad}. */
    public static BatchRunner.Inputs<Entry> inputs(List<Path> files, Consumer<BadLine> bad) {
        return action -> {
            for (Path file : files) {
                try {
                    JsonLinesReader.forEach(file, (number, record) -> action.accept(item(file, number, record)), bad);
                } catch (IOException e) {
                    throw new UncheckedIOException(new IOException("cannot read " + file + ": " + e.getMessage(), e));
                }
            }
        };
    }

    private static BatchItem<Entry> item(Path file, long number, ObjectNode record) {
        try {
            JudgedCaption caption = JudgedCaption.of(record, file);
            return new BatchItem<>(caption.video(), key(caption.captioner(), caption.video()), new Entry(file, number, caption, null));
        } catch (InstanceCapException e) {
            String where = "line " + number + " of " + file;
            return new BatchItem<>(where, "judge-line:" + file.toAbsolutePath() + ":" + number, new Entry(file, number, null, e.getMessage()));
        }
    }

    /** What a record is known by in the journal: its captioner and video. */
    public static String key(String captioner, String video) {
        return "judge:" + captioner + "\u0000" + video;
    }

    /** The key of a result or failure line, for a results file whose journal is gone; null for a line that names none. */
    public static String keyOfLine(com.fasterxml.jackson.databind.JsonNode line) {
        return line.path("captioner").isTextual() && line.path("video").isTextual()
                ? key(line.path("captioner").asText(), line.path("video").asText()) : null;
    }

    @Override
    public Prepared prepare(BatchItem<Entry> item) {
        Entry entry = item.input();
        if (entry.error() != null) {
            throw new StageFailure("input", new InstanceCapException(entry.error()));
        }
        try {
            Path video = entry.caption().locate(settings.videos(), entry.file());
            SampledFrames sampled = reader.sample(video, settings.frames());
            List<SampledFrame> small = sampled.frames().stream()
                    .map(f -> new SampledFrame(f.index(), f.timeSeconds(), fit(f.image(), settings.maxSide()))).toList();
            return new Prepared(entry.caption(), new SampledFrames(sampled.info(), small));
        } catch (VideoReadException e) {
            throw new StageFailure("decode", e);
        }
    }

    private static RgbImage fit(RgbImage image, int maxSide) {
        double scale = maxSide / (double) Math.max(image.width(), image.height());
        return scale >= 1 ? image : image.scaled(Math.max(1, (int) Math.round(image.width() * scale)),
                Math.max(1, (int) Math.round(image.height() * scale)));
    }

    @Override
    public Map<String, List<String>> finish(BatchItem<Entry> item, Prepared prepared) {
        Judgement j = judge.judge(prepared.frames(), prepared.caption().text());
        ObjectNode result = Json.mapper().createObjectNode();
        result.put("video", prepared.caption().video());
        result.put("captioner", prepared.caption().captioner());
        result.put("detail", j.detail());
        result.put("detailReason", j.detailReason());
        result.put("hallucination", j.hallucination());
        result.put("hallucinationReason", j.hallucinationReason());
        result.put("frames", prepared.frames().frames().size());
        result.put("judge", settings.judgeName());
        result.put("captions", item.input().file().toString());
        result.put("line", item.input().line());
        return Map.of(RESULTS, List.of(Json.line(result)));
    }

    @Override
    public String failureRecord(BatchItem<Entry> item, StageFailure failure) {
        Entry entry = item.input();
        ObjectNode record = CaptionRecord.failure(entry.caption() != null ? entry.caption().video() : null, failure.stage(),
                VideoPipeline.reason(failure.getCause()));
        if (entry.caption() != null) {
            record.put("captioner", entry.caption().captioner());
        }
        record.put("captions", entry.file().toString());
        record.put("line", entry.line());
        return Json.line(record);
    }

    @Override
    public String firstStage() {
        return "decode";
    }

    @Override
    public String secondStage() {
        return "judge";
    }
}
