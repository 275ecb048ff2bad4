package org.instancecap.core.amc;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A position sentence in the grammar of {@link Positions#phrase}, read back: {@code <label> stays at <A>.},
 * {@code <label> moves from <A> to <B>.}, either with {@code  and out of frame in the end.} in place of
 * the final period, where A and B are cells of the 3×3 grid.
 *
 * @param to the same as {@code from} when the instance stays
 */
public record PositionPhrase(String label, String from, String to, boolean leaves) {

    private static final String REGION = "(?:top|center|bottom)-(?:left|middle|right)";
    private static final Pattern GRAMMAR = Pattern.compile("(?<label>\\S.*?) (?:stays at (?<at>" + REGION + ")|moves from (?<from>"
            + REGION + ") to (?<to>" + REGION + "))(?<out> and out of frame in the end)?\\.");
    private static final Pattern REGION_ONLY = Pattern.compile(REGION);

    public PositionPhrase {
        if (label == null || label.isBlank()) {
            throw new IllegalArgumentException("label must not be blank");
        }
        if (!isRegion(from) || !isRegion(to)) {
            throw new IllegalArgumentException("regions must be {top|center|bottom}-{left|middle|right}, got " + from + ", " + to);
        }
    }

    public static boolean isRegion(String text) {
        return text != null && REGION_ONLY.matcher(text).matches();
    }

    public boolean moves() {
        return !from.equals(to);
    }

    /** The sentence, exactly as {@link Positions#phrase} writes it. */
    public String text() {
        String path = moves() ? label + " moves from " + from + " to " + to : label + " stays at " + from;
        return path + (leaves ? " and out of frame in the end." : ".");
    }

    /** The sentence read exactly, or empty when it does not follow the grammar. */
    public static Optional<PositionPhrase> parse(String sentence) {
        if (sentence == null) {
            return Optional.empty();
        }
        Matcher m = GRAMMAR.matcher(sentence.strip());
        if (!m.matches()) {
            return Optional.empty();
        }
        String from = m.group("at") != null ? m.group("at") : m.group("from");
        String to = m.group("at") != null ? m.group("at") : m.group("to");
        return Optional.of(new PositionPhrase(m.group("label"), from, to, m.group("out") != null));
    }

    /**
     * A model's answer to a position question, read leniently in its wrapping (quotes, markdown, a
     * {@code Position:} heading, other lines, a leading article, capitals) and strictly in its
     * grammar; the subject is replaced by {@code label}.
     */
    public static Optional<PositionPhrase> fromAnswer(String label, String answer) {
        if (answer == null) {
            return Optional.empty();
        }
        for (String line : answer.split("\\R")) {
            String text = line.replaceAll("[*_`\"“”]", "").strip()
                    .replaceFirst("(?i)^(?:[-•]\\s*|\\d+[.)]\\s*)?(?:position\\s*:\\s*)?", "")
                    .replaceFirst("(?i)^(?:the|a|an) ", "")
                    .toLowerCase(Locale.ROOT);
            if (!text.isEmpty() && !text.endsWith(".")) {
                text = text + ".";
            }
            Optional<PositionPhrase> read = parse(text);
            if (read.isPresent()) {
                PositionPhrase p = read.get();
                if (p.label().split("\\s+").length <= 5) {
                    return Optional.of(new PositionPhrase(label, p.from(), p.to(), p.leaves()));
                }
            }
        }
        return Optional.empty();
    }
}
