package org.instancecap.eval.judge;

/**
 * What the caption judge is told: two 1–5 rubrics with every level described, the caption, and the one
 * form of answer that is read. On both scales a higher score is better; for hallucination, 5 means that
 * nothing in the caption goes beyond the video.
 */
public final class JudgePrompts {
    private JudgePrompts() {
    }

    public static String system() {
        return "You judge captions of videos. You compare a caption with frames taken from the video it describes and "
                + "score it on the scales you are given. Judge only by what the frames show. A longer caption is not "
                + "better for being longer, and a well-written one is not better for its style.";
    }

    /** The question; {@code timing} says how the frames were taken from the video. */
    public static String question(String timing, String caption) {
        return timing + "\n\n"
                + "Here is a caption written for this video:\n"
                + "<caption>\n" + caption.strip() + "\n</caption>\n\n"
                + "Score the caption on two scales from 1 to 5. On both scales a higher score is better.\n\n"
                + "INSTANCE DETAIL: how completely and how precisely the caption describes each main instance of the video "
                + "(each person, animal, vehicle or object that matters in it): what it looks like, what it does and how it "
                + "moves, and where it is in the picture.\n"
                + "5 = every main instance is there, with exact appearance (colours, clothes or parts, size and build), "
                + "its actions as they happen, and its place in the picture.\n"
                + "4 = every main instance is there; one of them lacks some of its appearance, actions or place.\n"
                + "3 = the main instances are named, but described in general words only, or one main instance is left out.\n"
                + "2 = little more than the names of some instances, or most main instances are left out.\n"
                + "1 = the caption tells almost nothing about the instances of the video.\n\n"
                + "HALLUCINATION: how much of the caption the frames do not support: things, attributes, actions, places, "
                + "numbers or camera moves that are not in the video or that contradict it. 5 is best: nothing is made up.\n"
                + "5 = everything the caption states can be seen in the frames.\n"
                + "4 = one small detail is unsupported or slightly wrong.\n"
                + "3 = a few details are unsupported or wrong, but what matters most is right.\n"
                + "2 = much of the caption is unsupported, or a main instance or its main action is wrong.\n"
                + "1 = most of the caption does not match the video.\n\n"
                + FORM;
    }

    /** The answer's form, repeated when an answer could not be read. */
    static final String FORM = "Answer with one JSON object and nothing else, in this form:\n"
            + "{\"detail\": <1 to 5>, \"detail_reason\": \"<one or two sentences>\", \"hallucination\": <1 to 5>, "
            + "\"hallucination_reason\": \"<one or two sentences: what is not supported, or that nothing is>\"}";

    /** The turn that asks again after an answer that could not be read. */
    public static String correction(String problem) {
        return "Your answer could not be read: " + problem + ". " + FORM;
    }
}
