package org.instancecap.cli;

import java.util.List;
import java.util.Map;
import org.instancecap.core.InstanceCapException;
import org.instancecap.core.enhance.Enhancer;
import org.instancecap.core.json.Json;
import org.instancecap.core.run.BatchItem;
import org.instancecap.core.run.BatchJob;
import org.instancecap.core.run.StageFailure;

/** {@code enhance} as a batch job: one prompt to one structured prompt, all the work in the second part. */
final class EnhanceJob implements BatchJob<PromptInputs.Item, PromptInputs.Item> {
    static final String RECORDS = "records";
    static final String ERRORS = "errors";

    private final Enhancer enhancer;

    EnhanceJob(Enhancer enhancer) {
        this.enhancer = enhancer;
    }

    @Override
    public PromptInputs.Item prepare(BatchItem<PromptInputs.Item> item) {
        if (item.input().error() != null) {
            throw new StageFailure("input", new InstanceCapException(item.input().error()));
        }
        return item.input();
    }

    @Override
    public Map<String, List<String>> finish(BatchItem<PromptInputs.Item> item, PromptInputs.Item prompt) {
        return Map.of(RECORDS, List.of(Json.line(enhancer.enhance(prompt.prompt(), prompt.video()).toJson())));
    }

    @Override
    public String failureRecord(BatchItem<PromptInputs.Item> item, StageFailure failure) {
        var record = Json.mapper().createObjectNode();
        record.put("prompt", item.id());
        record.put("video", item.input().video());
        record.put("stage", failure.stage());
        record.put("reason", Main.message(failure.getCause()));
        return Json.line(record);
    }

    @Override
    public String secondStage() {
        return "enhance";
    }
}
