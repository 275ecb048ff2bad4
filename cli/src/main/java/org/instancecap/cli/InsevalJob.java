package org.instancecap.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.instancecap.core.InstanceCapException;
import org.instancecap.core.json.Json;
import org.instancecap.core.run.BatchItem;
import org.instancecap.core.run.BatchJob;
import org.instancecap.core.run.StageFailure;
import org.instancecap.core.video.VideoReadException;
import org.instancecap.eval.inseval.InsevalJudge;
import org.instancecap.eval.inseval.InsevalPrompt;

/**
 * {@code inseval score} as a batch job: a prompt's video read on the workers, judged on the
 * concurrency pool. A missing video fails with stage {@code missing}, an undecodable one with
 * {@code decode} (both count as failures in the table); an error of the judge's models ({@code look}) or
 * server ({@code judge}) leaves the prompt not scored.
 */
final class InsevalJob<S> implements BatchJob<InsevalJob.Task, S> {
    static final String RESULTS = "results";
    static final String ERRORS = "errors";

    /** A prompt and where its video should be. */
    record Task(InsevalPrompt prompt, Path file) {
    }

    private final InsevalJudge<S> judge;

    InsevalJob(InsevalJudge<S> judge) {
        this.judge = judge;
    }

    @Override
    public S prepare(BatchItem<Task> item) {
        Path file = item.input().file();
        if (!Files.isRegularFile(file)) {
            throw new StageFailure("missing", new InstanceCapException("no video for this prompt (" + file + ")"));
        }
        try {
            return judge.look(file);
        } catch (VideoReadException e) {
            throw new StageFailure("decode", e);
        }
    }

    @Override
    public Map<String, List<String>> finish(BatchItem<Task> item, S seen) {
        return Map.of(RESULTS, List.of(Json.line(judge.judge(item.input().prompt(), seen).toJson(item.input().file().toString()))));
    }

    @Override
    public String failureRecord(BatchItem<Task> item, StageFailure failure) {
        InsevalPrompt prompt = item.input().prompt();
        var record = Json.mapper().createObjectNode();
        record.put("video", prompt.video());
        record.put("set", prompt.set());
        record.put("dimension", prompt.dimension().id());
        record.put("name", prompt.name());
        record.put("file", item.input().file().toString());
        record.put("judge", judge.name());
        record.put("stage", failure.stage());
        record.put("reason", Main.message(failure.getCause()));
        return Json.line(record);
    }

    @Override
    public String firstStage() {
        return "look"; // not the video's fault (a model that fails): not scored, where "decode" is a failure
    }

    @Override
    public String secondStage() {
        return "judge";
    }
}
