package org.instancecap.eval.fidelity;

import java.nio.charset.Charset;
import java.text.Normalizer;
import java.util.Map;

/**
 * The repairs of well-formed text that ftfy's {@code fix_text} makes before CLIP tokenizes, in its
 * order: C1 control characters read as Windows-1252, Latin ligatures spelled out, full-width forms
 * made half-width (and half-width katakana full-width), curly quotes straightened, line breaks made
 * {@code \n}, control characters removed, NFC. Not done: ftfy's mojibake repair (text decoded with
 * the wrong encoding, such as {@code Ã©} for {@code é}), which needs its tables.
 */
final class TextRepair {
    private static final Charset WINDOWS_1252 = Charset.forName("windows-1252");
    private static final Map<Integer, String> LIGATURES = Map.ofEntries(
            Map.entry(0x0132, "IJ"), Map.entry(0x0133, "ij"), Map.entry(0x0149, "\u02bcn"),
            Map.entry(0x01C4, "D\u017d"), Map.entry(0x01C5, "D\u017e"), Map.entry(0x01C6, "d\u017e"),
            Map.entry(0x01C7, "LJ"), Map.entry(0x01C8, "Lj"), Map.entry(0x01C9, "lj"),
            Map.entry(0x01CA, "NJ"), Map.entry(0x01CB, "Nj"), Map.entry(0x01CC, "nj"),
            Map.entry(0x01F1, "DZ"), Map.entry(0x01F2, "Dz"), Map.entry(0x01F3, "dz"),
            Map.entry(0xFB00, "ff"), Map.entry(0xFB01, "fi"), Map.entry(0xFB02, "fl"), Map.entry(0xFB03, "ffi"),
            Map.entry(0xFB04, "ffl"), Map.entry(0xFB05, "\u017ft"), Map.entry(0xFB06, "st"));

    private TextRepair() {
    }

    static String repair(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); ) {
            int c = text.codePointAt(i);
            i += Character.charCount(c);
            if (c >= 0x80 && c <= 0x9F) {
                String decoded = new String(new byte[] {(byte) c}, WINDOWS_1252);
                c = decoded.equals("\ufffd") ? c : decoded.codePointAt(0);
            }
            String ligature = LIGATURES.get(c);
            if (ligature != null) {
                append(out, ligature);
            } else if (c == 0x3000) {
                out.append(' ');
            } else if (c >= 0xFF01 && c <= 0xFFEF) {
                append(out, Normalizer.normalize(new String(Character.toChars(c)), Normalizer.Form.NFKC));
            } else {
                append(out, new String(Character.toChars(c)));
            }
        }
        String t = out.toString().replace("\r\n", "\n").replaceAll("[\r\u2028\u2029\u0085]", "\n");
        return Normalizer.normalize(t, Normalizer.Form.NFC);
    }

    private static void append(StringBuilder out, String piece) {
        piece.codePoints().forEach(c -> {
            if (c == 0x02BC || (c >= 0x2018 && c <= 0x201B)) {
                out.append('\'');
            } else if (c >= 0x201C && c <= 0x201F) {
                out.append('"');
            } else if (!control(c)) {
                out.appendCodePoint(c);
            }
        });
    }

    /** The control characters ftfy removes (tab, line feed, form feed and carriage return stay). */
    private static boolean control(int c) {
        return c <= 0x08 || c == 0x0B || (c >= 0x0E && c <= 0x1F) || c == 0x7F || (c >= 0x206A && c <= 0x206F) || c == 0xFEFF
                || (c >= 0xFFF9 && c <= 0xFFFC);
    }
}
