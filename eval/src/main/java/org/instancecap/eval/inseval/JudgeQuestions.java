package org.instancecap.eval.inseval;

/** The questions the chat judge is asked, written for this project. */
final class JudgeQuestions {

    private JudgeQuestions() {
    }

    static String system() {
        return "You check whether a generated video shows what its text prompt asked for. You are shown frames taken "
                + "evenly from the video, in order. Judge only from what the frames show, not from what the prompt may have "
                + "intended. When a question asks for YES or NO, begin your answer with YES or NO.";
    }

    static String describe(int frames, Dimension dimension) {
        return "These are " + frames + " frames from one video, in order. In one sentence, say what the video shows, paying "
                + "particular attention to " + focus(dimension) + ".";
    }

    static String present(String noun) {
        return "Is there " + withArticle(noun) + " in the video? Count something of the same kind under another name (a synonym, "
                + "or a more specific or more general word for it) as " + withArticle(noun) + ". Answer YES or NO first.";
    }

    static String attribute(String noun, Dimension dimension) {
        return switch (dimension) {
            case ACTION -> "What is the " + noun + " doing? Answer in a few words.";
            case COLOR -> "What colour is the " + noun + "? Answer in a few words.";
            case SHAPE -> "What shape is the " + noun + "? Answer in a few words.";
            case TEXTURE -> "What is the texture of the " + noun + "'s surface? Answer in a few words.";
            case DETAIL -> "Which details can be seen on the " + noun + "? Answer in a few words.";
        };
    }

    static String match(String noun, Dimension dimension, String expected) {
        if (dimension == Dimension.DETAIL) {
            return "The prompt asked for this detail of the " + noun + ": \"" + expected + "\". Is this detail shown in the video "
                    + "completely? Answer YES or NO first.";
        }
        return "The prompt asked for " + withArticle(noun) + " whose " + aspect(dimension) + " is: \"" + expected + "\". Does what the video "
                + "shows match this completely? Answer YES or NO first.";
    }

    /** Said after an answer that begins with neither YES nor NO. */
    static String yesOrNoAgain() {
        return "Your answer did not begin with YES or NO. Please answer the question again, beginning with YES or NO.";
    }

    /** "a dog", "an apple": by the first letter, which is right for the nouns of the prompt sets. */
    static String withArticle(String noun) {
        return ("aeiou".indexOf(Character.toLowerCase(noun.isEmpty() ? 'x' : noun.charAt(0))) >= 0 ? "an " : "a ") + noun;
    }

    private static String focus(Dimension dimension) {
        return switch (dimension) {
            case ACTION -> "what each subject is doing";
            case COLOR -> "the colours of the things in it";
            case SHAPE -> "the shapes of the things in it";
            case TEXTURE -> "the textures and surface materials of the things in it";
            case DETAIL -> "the small details and markings of the things in it";
        };
    }

    private static String aspect(Dimension dimension) {
        return switch (dimension) {
            case ACTION -> "action";
            case COLOR -> "colour";
            case SHAPE -> "shape";
            case TEXTURE -> "texture";
            case DETAIL -> "detail";
        };
    }
}
