package org.instancecap.eval.inseval;

import java.util.Locale;

/** What an Inseval prompt tests about its instances; the name is the key of the expected value in the prompt files. */
public enum Dimension {
    ACTION, COLOR, SHAPE, TEXTURE, DETAIL;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The dimension named {@code id} ({@code color}...), or null. */
    public static Dimension of(String id) {
        for (Dimension d : values()) {
            if (d.id().equals(id)) {
                return d;
            }
        }
        return null;
    }
}
