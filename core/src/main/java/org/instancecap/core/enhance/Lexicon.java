package org.instancecap.core.enhance;

import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.instancecap.core.caption.Prompts;

/**
 * The captioning lexicon applied to generated prompts: the words the models are told never to use
 * ({@link Prompts#BANNED}) are taken out when a model uses them anyway, and the sentence mended
 * ("a majestic, tall tree" becomes "a tall tree", "a epic" becomes "an").
 */
public final class Lexicon {

    private static final Pattern BANNED = Pattern.compile("\\b(?:" + Prompts.BANNED.stream().map(Pattern::quote)
            .collect(Collectors.joining("|")) + ")\\b(?:\\s*,)?", Pattern.CASE_INSENSITIVE);
    private static final Pattern DANGLING_AND = Pattern.compile("\\b(a|an|the|and|is|are|looks|very|so)\\s+(?:and|,)\\s+", Pattern.CASE_INSENSITIVE);
    private static final Pattern A_BEFORE_VOWEL = Pattern.compile("\\b([Aa]) (?=[aeiouAEIOU])");
    private static final Pattern AN_BEFORE_CONSONANT = Pattern.compile("\\b([Aa])n (?=[b-df-hj-np-tv-zB-DF-HJ-NP-TV-Z])");

    private static final Pattern SENTENCE_START = Pattern.compile("(^|[.!?]\\s+)([a-z])");

    private Lexicon() {
    }

    public static String scrub(String text) {
        if (text == null) {
            return null;
        }
        String s = BANNED.matcher(text).replaceAll("");
        if (s.equals(text)) {
            return text;
        }
        s = s.replaceAll("[ \\t]{2,}", " ").replaceAll(" +([,.;:!?])", "$1");
        s = DANGLING_AND.matcher(s).replaceAll("$1 ");
        s = A_BEFORE_VOWEL.matcher(s).replaceAll("$1n ");
        s = AN_BEFORE_CONSONANT.matcher(s).replaceAll("$1 ");
        return SENTENCE_START.matcher(s.strip()).replaceAll(m -> m.group(1) + m.group(2).toUpperCase(java.util.Locale.ROOT));
    }
}
