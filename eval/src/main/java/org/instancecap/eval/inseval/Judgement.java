package org.instancecap.eval.inseval;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.instancecap.core.json.Json;

/**
 * A judge's verdict on one video, with everything it was based on: the results line of
 * {@code inseval score}.
 *
 * @param judge       which judge ({@code llm:<model>} or {@code offline-proxy})
 * @param description the judge's one-sentence description of the video, or null (the offline proxy writes none)
 * @param exchanges   every question and answer, in the conversation's order (retries included)
 */
public record Judgement(InsevalPrompt prompt, String judge, Verdict verdict, String reason, String description,
                        List<InstanceJudgement> instances, List<Exchange> exchanges) {

    /**
     * One instance's verdict.
     *
     * @param present whether the judge found the class (null: it could not tell or did not ask)
     * @param seen    what the judge saw of the dimension (the model's answer, or the named colours), or null
     * @param reason  why it did not pass, or null
     */
    public record InstanceJudgement(InsevalPrompt.Expected expected, Verdict verdict, Boolean present, String seen, String reason) {
    }

    /**
     * One question and its answer.
     *
     * @param instance the instance asked about, or null for the description
     * @param step     {@code describe}, {@code present}, {@code attribute} or {@code match}
     * @param answer   the raw answer, null when the server sent none
     */
    public record Exchange(Integer instance, String step, String question, String answer) {
    }

    public Judgement {
        instances = List.copyOf(instances);
        exchanges = List.copyOf(exchanges);
    }

    /** A judgement from its instances' verdicts, with the first reason of an instance that did not pass. */
    static Judgement of(InsevalPrompt prompt, String judge, String description, List<InstanceJudgement> instances,
                        List<Exchange> exchanges) {
        Verdict verdict = Verdict.all(instances.stream().map(InstanceJudgement::verdict).toList());
        String reason = instances.stream().filter(i -> i.verdict() == verdict && i.reason() != null).map(i -> i.expected().className()
                + ": " + i.reason()).findFirst().orElse(null);
        return new Judgement(prompt, judge, verdict, verdict == Verdict.PASS ? null : reason, description, instances, exchanges);
    }

    /** The results line: the prompt, the file judged, the verdict and every question and answer. */
    public ObjectNode toJson(String file) {
        ObjectNode root = Json.mapper().createObjectNode();
        root.put("video", prompt.video());
        root.put("set", prompt.set());
        root.put("dimension", prompt.dimension().id());
        root.put("name", prompt.name());
        root.put("file", file);
        root.put("sentence", prompt.sentence());
        root.put("judge", judge);
        root.put("verdict", verdict.id());
        if (reason != null) {
            root.put("reason", reason);
        }
        if (description != null) {
            root.put("description", description);
        }
        ArrayNode list = root.putArray("instances");
        for (InstanceJudgement i : instances) {
            ObjectNode node = list.addObject();
            node.put("class", i.expected().className());
            node.put("expected", i.expected().value());
            node.put("verdict", i.verdict().id());
            if (i.present() != null) {
                node.put("present", i.present());
            }
            if (i.seen() != null) {
                node.put("seen", i.seen());
            }
            if (i.reason() != null) {
                node.put("reason", i.reason());
            }
        }
        ArrayNode asked = root.putArray("questions");
        for (Exchange e : exchanges) {
            ObjectNode node = asked.addObject();
            if (e.instance() != null) {
                node.put("instance", e.instance());
            }
            node.put("step", e.step());
            node.put("question", e.question());
            node.put("answer", e.answer());
        }
        return root;
    }
}
