package org.instancecap.eval.inseval;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a verdict strictly: the answer's leading YES or NO, after whitespace, punctuation and
 * markdown. "No. The answer is not YES" is NO; "Maybe", "Answer: yes" and "Nope" are unclear.
 */
public final class YesNo {

    private static final Pattern LEADING = Pattern.compile("^(yes|no)(?![\\p{L}\\p{N}])", Pattern.CASE_INSENSITIVE);

    private YesNo() {
    }

    /** True for YES, false for NO, empty when the answer does not begin with either. */
    public static Optional<Boolean> read(String answer) {
        if (answer == null) {
            return Optional.empty();
        }
        int start = 0;
        while (start < answer.length() && !Character.isLetterOrDigit(answer.codePointAt(start))) {
            start += Character.charCount(answer.codePointAt(start));
        }
        Matcher m = LEADING.matcher(answer.substring(start));
        return m.find() ? Optional.of(m.group(1).equalsIgnoreCase("yes")) : Optional.empty();
    }
}
