package org.instancecap.eval.inseval;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.instancecap.core.caption.AnswerCleaner;
import org.instancecap.core.llm.AskTwice;
import org.instancecap.core.llm.ChatClient;
import org.instancecap.core.llm.ChatMessage;
import org.instancecap.core.llm.ChatReply;
import org.instancecap.core.video.RgbImage;
import org.instancecap.core.video.SampledFrame;
import org.instancecap.core.video.SampledFrames;
import org.instancecap.core.video.VideoReader;

/**
 * The Inseval judge over a multimodal chat model (DESIGN §2.6): one conversation per video, the
 * frames in its first question. It asks for a one-sentence description minding the dimension, then
 * per instance whether the class is there, what its attribute is, and whether that matches the
 * expected value completely. Verdicts are read strictly ({@link YesNo}); an answer that is neither is
 * asked again once with a reminder, then the instance fails with that reason. A class that is not
 * there fails its instance without further questions. Server failures pass through. Thread-safe.
 */
public final class ChatJudge implements InsevalJudge<SampledFrames> {

    private static final String NO_ANSWER = "(no answer)";

    private final ChatClient client;
    private final String model;
    private final VideoReader reader;
    private final int frames;

    /**
     * @param model  the model's name, for the results
     * @param frames how many frames, sampled uniformly, the model is shown
     */
    public ChatJudge(ChatClient client, String model, VideoReader reader, int frames) {
        if (frames < 1) {
            throw new IllegalArgumentException("frames must be >= 1, got " + frames);
        }
        this.client = client;
        this.model = model;
        this.reader = reader;
        this.frames = frames;
    }

    @Override
    public String name() {
        return "llm:" + model;
    }

    @Override
    public boolean offline() {
        return false;
    }

    @Override
    public SampledFrames look(Path video) {
        return reader.sample(video, frames);
    }

    @Override
    public void close() {
        client.close();
    }

    @Override
    public Judgement judge(InsevalPrompt prompt, SampledFrames frames) {
        List<RgbImage> images = frames.frames().stream().map(SampledFrame::image).toList();
        List<ChatMessage> conversation = new ArrayList<>(List.of(ChatMessage.system(JudgeQuestions.system()),
                ChatMessage.user(JudgeQuestions.describe(images.size(), prompt.dimension()), images)));
        List<Judgement.Exchange> log = new ArrayList<>();
        Optional<String> description = ask(conversation, log, null, "describe", ChatJudge::text);
        List<Judgement.InstanceJudgement> instances = new ArrayList<>();
        for (int n = 0; n < prompt.instances().size(); n++) {
            InsevalPrompt.Expected expected = prompt.instances().get(n);
            instances.add(judge(conversation, log, n, expected, prompt.dimension()));
        }
        return Judgement.of(prompt, name(), description.orElse(null), instances, log);
    }

    private Judgement.InstanceJudgement judge(List<ChatMessage> conversation, List<Judgement.Exchange> log, int n,
                                              InsevalPrompt.Expected expected, Dimension dimension) {
        String noun = expected.noun();
        conversation.add(ChatMessage.user(JudgeQuestions.present(noun)));
        Optional<Boolean> present = ask(conversation, log, n, "present", ChatJudge::yesNo);
        if (present.isEmpty()) {
            return new Judgement.InstanceJudgement(expected, Verdict.FAIL, null, null,
                    "unclear answer, asked twice, to whether a " + noun + " is there: " + lastAnswer(log));
        }
        if (!present.get()) {
            return new Judgement.InstanceJudgement(expected, Verdict.FAIL, false, null, "no " + noun + " in the video");
        }
        conversation.add(ChatMessage.user(JudgeQuestions.attribute(noun, dimension)));
        String seen = ask(conversation, log, n, "attribute", ChatJudge::text).orElse(null);
        conversation.add(ChatMessage.user(JudgeQuestions.match(noun, dimension, expected.value())));
        Optional<Boolean> match = ask(conversation, log, n, "match", ChatJudge::yesNo);
        if (match.isEmpty()) {
            return new Judgement.InstanceJudgement(expected, Verdict.FAIL, true, seen,
                    "unclear answer, asked twice, to whether it matches \"" + expected.value() + "\": " + lastAnswer(log));
        }
        return match.get() ? new Judgement.InstanceJudgement(expected, Verdict.PASS, true, seen, null)
                : new Judgement.InstanceJudgement(expected, Verdict.FAIL, true, seen, "does not match \"" + expected.value() + "\"");
    }

    /**
     * Asks the conversation's last question (at most twice), logs each exchange, and leaves the
     * conversation ending with the model's last answer, ready for the next question.
     */
    private <T> Optional<T> ask(List<ChatMessage> conversation, List<Judgement.Exchange> log, Integer instance, String step,
                                Function<String, AskTwice.Verdict<T>> check) {
        String[] last = new String[1];
        Optional<T> value = AskTwice.ask(c -> {
            ChatReply reply = AnswerCleaner.reply(client, c);
            last[0] = reply == null ? null : reply.text();
            log.add(new Judgement.Exchange(instance, step, c.get(c.size() - 1).text(), last[0]));
            return last[0];
        }, conversation, check);
        conversation.add(ChatMessage.assistant(last[0] == null || last[0].isBlank() ? NO_ANSWER : last[0]));
        return value;
    }

    private static AskTwice.Verdict<Boolean> yesNo(String answer) {
        Optional<Boolean> verdict = YesNo.read(answer);
        if (verdict.isPresent()) {
            return AskTwice.Verdict.usable(verdict.get());
        }
        return answer == null || answer.isBlank() ? AskTwice.Verdict.again() : AskTwice.Verdict.correct(answer, JudgeQuestions.yesOrNoAgain());
    }

    private static AskTwice.Verdict<String> text(String answer) {
        return answer == null || answer.isBlank() ? AskTwice.Verdict.again() : AskTwice.Verdict.usable(answer.strip());
    }

    private static String lastAnswer(List<Judgement.Exchange> log) {
        String answer = log.get(log.size() - 1).answer();
        return answer == null || answer.isBlank() ? "no answer" : "\"" + answer.strip() + "\"";
    }
}
