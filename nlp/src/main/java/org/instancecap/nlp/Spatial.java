package org.instancecap.nlp;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.instancecap.core.amc.PositionPhrase;
import org.instancecap.nlp.EnglishParser.Token;

/** Positions and camera movement from the spatial and camera words of a prompt. */
final class Spatial {
    private Spatial() {
    }

    private static final Set<String> TOP = Set.of("top", "upper", "above", "overhead", "sky", "ceiling", "high", "aloft");
    private static final Set<String> BOTTOM = Set.of("bottom", "lower", "below", "beneath", "underneath", "floor", "ground",
            "foreground", "seabed", "underfoot");
    private static final Set<String> CENTER = Set.of("center", "centre", "middle", "centered", "centred");
    private static final Set<String> RISE = Set.of("rise", "climb", "ascend", "soar", "lift");
    private static final Set<String> FALL = Set.of("fall", "drop", "descend", "sink", "dive", "land");
    private static final Set<String> LEAVE = Set.of("leave", "exit", "disappear", "vanish");

    /**
     * The position of an instance from the words of its clause: rows from top/bottom words, columns
     * from left/right, "from the left to the right" and rising or falling verbs as moves, leaving
     * verbs as out of frame; {@code defaultColumn} in the center row when the clause says nothing.
     */
    static PositionPhrase position(String label, List<Token> clause, String defaultColumn) {
        String row = null;
        String column = null;
        String fromColumn = null;
        String toColumn = null;
        String movedRow = null;
        boolean leaves = false;
        for (int i = 0; i < clause.size(); i++) {
            Token t = clause.get(i);
            String w = t.lower();
            String previous = i > 0 ? clause.get(i - 1).lower() : "";
            String beforeArticle = i > 1 && previous.equals("the") ? clause.get(i - 2).lower() : previous;
            if (w.equals("left") || w.equals("right")) {
                if (beforeArticle.equals("from")) {
                    fromColumn = w;
                } else if (beforeArticle.equals("to") || beforeArticle.equals("toward") || beforeArticle.equals("towards")) {
                    toColumn = w;
                } else {
                    column = w;
                }
            } else if (CENTER.contains(w)) {
                column = column == null ? "middle" : column;
                row = row == null ? "center" : row;
            } else if (TOP.contains(w)) {
                row = "top";
            } else if (BOTTOM.contains(w)) {
                row = "bottom";
            }
            if (t.verb()) {
                String next = i + 1 < clause.size() ? clause.get(i + 1).lower() : "";
                if (RISE.contains(t.lemma()) || ((t.lemma().equals("fly") || t.lemma().equals("jump") || t.lemma().equals("take"))
                        && (next.equals("up") || next.equals("off")))) {
                    movedRow = "top";
                } else if (FALL.contains(t.lemma()) || (t.lemma().equals("jump") && next.equals("down"))) {
                    movedRow = "bottom";
                } else if (LEAVE.contains(t.lemma())) {
                    leaves = true;
                }
            }
            if (w.equals("out") && i + 2 < clause.size() && clause.get(i + 1).lower().equals("of")
                    && clause.get(i + 2).lower().matches("frame|view|sight|shot")) {
                leaves = true;
            }
        }
        String startColumn = fromColumn != null ? fromColumn : column != null ? column : defaultColumn;
        String endColumn = toColumn != null ? toColumn : startColumn;
        if (fromColumn != null && toColumn == null && column == null) {
            endColumn = fromColumn.equals("left") ? "right" : "left"; // "enters from the left": crosses the frame
        }
        String startRow = row != null ? row : "center";
        String endRow = movedRow != null && !movedRow.equals(startRow) ? movedRow : startRow;
        return new PositionPhrase(label, region(startRow, startColumn), region(endRow, endColumn), leaves);
    }

    private static String region(String row, String column) {
        return row + "-" + column;
    }

    /** One sentence of camera movement from the camera words of the prompt, a still medium shot otherwise. */
    static String camera(String prompt) {
        String p = prompt.toLowerCase(Locale.ROOT);
        String shot = p.contains("close-up") || p.contains("close up") || p.contains("closeup") ? "close-up shot"
                : p.matches("(?s).*\\b(aerial|drone shot|bird's-eye|bird’s-eye|top-down|overhead shot)\\b.*") ? "overhead aerial shot"
                : p.matches("(?s).*\\b(wide shot|long shot|landscape|panorama)\\b.*") ? "long shot"
                : "medium shot";
        String move;
        if (p.matches("(?s).*\\bzoom(s|ing)? in\\b.*")) {
            move = "The camera zooms in slowly";
        } else if (p.matches("(?s).*\\bzoom(s|ing)? out\\b.*")) {
            move = "The camera zooms out slowly";
        } else if (p.matches("(?s).*\\bpan(s|ning)? (to the )?left\\b.*")) {
            move = "The camera pans slowly to the left";
        } else if (p.matches("(?s).*\\bpan(s|ning)? (to the )?right\\b.*")) {
            move = "The camera pans slowly to the right";
        } else if (p.matches("(?s).*\\b(tracking|follows|following|orbit(s|ing)?)\\b.*")) {
            move = "The camera follows the subject steadily";
        } else {
            move = "The camera stays still";
        }
        return move + (shot.startsWith("o") ? " in an " : " in a ") + shot + ".";
    }
}
