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
        return lenient(label, answer);
    }

    private static final Pattern CELL = Pattern.compile("\\b(top|upper|bottom|lower|center|centre|middle)[\\s-]+(left|right|middle|center|centre)\\b"
            + "|\\b(left|right)[\\s-]+(top|upper|bottom|lower|center|centre|middle)\\b"
            + "|\\b(top|upper|bottom|lower|center|centre|middle|left|right)\\b");
    private static final Pattern NEGATION = Pattern.compile("\\b(not|no|never|nowhere|cannot|can't|don't|unknown|unclear|unsure|sorry)\\b|n't\\b");
    private static final Pattern MOTION = Pattern.compile("\\b(move[sd]?|moving|run[s]?|running|walk[s]?|walking|go(?:es|ing)?|head[s]?|heading"
            + "|toward[s]?|cross(?:es|ing)?|travel[s]?|travell?ing|drift[s]?|drifting)\\b");
    private static final Pattern LINK = Pattern.compile("\\b(to|towards|toward|into|then|until|and ends)\\b|->|→|–|—");
    private static final Pattern LEAVES = Pattern.compile("\\b(out of (?:the )?frame|off[- ]screen|leaves the frame|exits the frame|out of view)\\b");

    /**
     * A loose answer read for the cells it names, when it does not follow the grammar: "A man from
     * bottom-left to center." is {@code moves from bottom-left to center-middle}. A side alone is the
     * middle of that side ("left" center-left, "top" top-middle), "center" or "middle" alone the
     * center; "top left", "upper left", "left top" are top-left. One cell is a place to stay (unless the
     * answer speaks of moving, when a direction is not a place); two are a path, when a "to", "towards",
     * "then" or an arrow links them. Empty for answers with no cell, more than two, a negation or a
     * refusal, or more than 30 words.
     */
    public static Optional<PositionPhrase> lenient(String label, String answer) {
        if (answer == null || label == null || label.isBlank()) {
            return Optional.empty();
        }
        String text = answer.replaceAll("[*_`\"“”#]", " ").toLowerCase(Locale.ROOT).replace('’', '\'');
        String own = label.strip().toLowerCase(Locale.ROOT);
        text = text.replace(own, " ").replaceAll("\\s+", " ").strip();
        if (text.isEmpty() || text.split(" ").length > 30 || NEGATION.matcher(text).find()) {
            return Optional.empty();
        }
        java.util.List<String> cells = new java.util.ArrayList<>();
        java.util.List<int[]> spans = new java.util.ArrayList<>();
        Matcher m = CELL.matcher(text);
        while (m.find()) {
            String cell;
            if (m.group(1) != null) {
                cell = row(m.group(1)) + "-" + column(m.group(2));
            } else if (m.group(3) != null) {
                cell = row(m.group(4)) + "-" + column(m.group(3));
            } else {
                String w = m.group(5);
                cell = switch (w) {
                    case "left", "right" -> "center-" + w;
                    default -> row(w) + "-middle";
                };
            }
            cells.add(cell);
            spans.add(new int[] {m.start(), m.end()});
        }
        boolean leaves = LEAVES.matcher(text).find();
        if (cells.size() == 1) {
            if (MOTION.matcher(text).find() && !text.matches(".*\\b(stays?|staying|remains?|remaining|stands?|standing|sits?|sitting)\\b.*")) {
                return Optional.empty();
            }
            return Optional.of(new PositionPhrase(label.strip(), cells.get(0), cells.get(0), leaves));
        }
        if (cells.size() == 2) {
            if (cells.get(0).equals(cells.get(1))) {
                return Optional.of(new PositionPhrase(label.strip(), cells.get(0), cells.get(0), leaves));
            }
            String between = text.substring(spans.get(0)[1], spans.get(1)[0]);
            if (!LINK.matcher(between).find()) {
                return Optional.empty();
            }
            return Optional.of(new PositionPhrase(label.strip(), cells.get(0), cells.get(1), leaves));
        }
        return Optional.empty();
    }

    private static String row(String word) {
        return switch (word) {
            case "top", "upper" -> "top";
            case "bottom", "lower" -> "bottom";
            default -> "center";
        };
    }

    private static String column(String word) {
        return switch (word) {
            case "left" -> "left";
            case "right" -> "right";
            default -> "middle";
        };
    }
}
