package org.instancecap.eval.judge;

import java.util.ArrayList;
import java.util.List;
import org.instancecap.core.InstanceCapException;
import org.instancecap.core.caption.AnswerCleaner;
import org.instancecap.core.caption.Prompts;
import org.instancecap.core.llm.AskTwice;
import org.instancecap.core.llm.ChatClient;
import org.instancecap.core.llm.ChatMessage;
import org.instancecap.core.video.SampledFrame;
import org.instancecap.core.video.SampledFrames;

/**
 * Scores a caption against frames of its video with a multimodal chat model and the rubrics of
 * {@link JudgePrompts}: one request, and one more with a correction when the answer cannot be read.
 * Safe for several threads when the client is.
 */
public final class CaptionJudge {
    private final ChatClient client;

    public CaptionJudge(ChatClient client) {
        this.client = client;
    }

    /**
     * The scores of {@code caption} for the video of {@code frames}. Throws {@link InstanceCapException}
     * when neither answer could be read (saying why the second could not) and the client's
     * {@link org.instancecap.core.llm.LlmException} when the server fails.
     */
    public Judgement judge(SampledFrames frames, String caption) {
        String question = JudgePrompts.question(Prompts.timing(frames.info(), frames.frames()), caption);
        List<ChatMessage> conversation = new ArrayList<>(List.of(ChatMessage.system(JudgePrompts.system()),
                ChatMessage.user(question, frames.frames().stream().map(SampledFrame::image).toList())));
        String[] problem = {null};
        return AskTwice.ask(c -> AnswerCleaner.answer(client, c), conversation, answer -> {
            Judgement.Reading reading = Judgement.read(answer);
            if (reading.judgement() != null) {
                return AskTwice.Verdict.usable(reading.judgement());
            }
            problem[0] = reading.problem();
            return answer == null || answer.isBlank() ? AskTwice.Verdict.again()
                    : AskTwice.Verdict.correct(answer, JudgePrompts.correction(reading.problem()));
        }).orElseThrow(() -> new InstanceCapException("the judge's answer could not be read, twice: " + problem[0]));
    }
}
