package org.instancecap.eval.inseval;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Colour words, the offline captioner's palette names and a prompt's colour phrases, as families
 * (red, pink, orange, brown, yellow, green, blue, purple, black, grey, white) so that "sapphire
 * blue" and the palette's "navy" can be compared. Written for this project.
 */
final class ColourFamilies {

    private static final Map<String, Set<String>> WORDS = new LinkedHashMap<>();

    static {
        // the palette of ColourNames, each with the families a person could call it
        put("black", "black");
        put("dark grey", "grey", "black");
        put("grey", "grey");
        put("light grey", "grey", "white");
        put("white", "white");
        put("red", "red");
        put("dark red", "red");
        put("pink", "pink");
        put("orange", "orange");
        put("brown", "brown");
        put("beige", "brown", "white", "yellow");
        put("yellow", "yellow");
        put("olive", "green", "yellow", "brown");
        put("green", "green");
        put("dark green", "green");
        put("teal", "green", "blue");
        put("light blue", "blue");
        put("blue", "blue");
        put("navy", "blue");
        put("denim blue", "blue", "grey");
        put("purple", "purple");
        // the words of prompts
        put("gray", "grey");
        put("silver", "grey", "white");
        put("charcoal", "black", "grey");
        put("maroon", "red", "brown");
        put("burgundy", "red", "purple");
        put("cherry", "red");
        put("crimson", "red");
        put("scarlet", "red");
        put("rose", "pink");
        put("magenta", "pink", "purple");
        put("tan", "brown", "yellow");
        put("bronze", "brown", "orange");
        put("copper", "brown", "orange");
        put("wood", "brown");
        put("chocolate", "brown");
        put("gold", "yellow", "orange");
        put("golden", "yellow", "orange");
        put("cream", "white", "yellow");
        put("ivory", "white");
        put("lime", "green", "yellow");
        put("mint", "green");
        put("turquoise", "blue", "green");
        put("cyan", "blue", "green");
        put("aqua", "blue", "green");
        put("azure", "blue");
        put("lavender", "purple");
        put("violet", "purple");
        put("plum", "purple");
        put("lilac", "purple");
    }

    private static void put(String word, String... families) {
        WORDS.put(word, Set.of(families));
    }

    private ColourFamilies() {
    }

    /** The families of a palette name or a single colour word; empty when it is not one. */
    static Set<String> ofName(String name) {
        return WORDS.getOrDefault(name.toLowerCase(Locale.ROOT), Set.of());
    }

    /**
     * What a prompt's colour phrase asks for: one set of families per colour it names ("white and blue"
     * names two, each to be seen); empty when it names none the proxy knows ("rainbow"). A word that
     * qualifies the next one ("rose gold", "sky blue") gives way to it.
     */
    static java.util.List<Set<String>> ofPhrase(String phrase) {
        java.util.List<Set<String>> colours = new java.util.ArrayList<>();
        for (String part : phrase.toLowerCase(Locale.ROOT).split("\\s*(?:,|\\band\\b|&|/)\\s*")) {
            Set<String> last = null;
            for (String word : part.split("[\\s-]+")) {
                Set<String> families = WORDS.get(word.replaceFirst("(?:-?colou?red)$", ""));
                if (families != null && !families.isEmpty()) {
                    last = families;
                }
            }
            if (last != null) {
                colours.add(new LinkedHashSet<>(last));
            } else if (!part.isBlank()) {
                return java.util.List.of(); // a colour it cannot name: the whole phrase cannot be judged
            }
        }
        return colours;
    }
}
