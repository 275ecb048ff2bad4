package org.instancecap.eval.inseval;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.instancecap.core.detect.CocoClasses;

/**
 * The COCO classes a class of a prompt may be found as, for the offline proxy judge. Written for the
 * nouns of Inseval's prompts and their everyday kin; a noun not listed (keychain, notebook's cousins,
 * an animal COCO lacks, a mouse that scurries) has none, and the proxy cannot judge it.
 */
final class CocoSynonyms {

    private static final Map<String, Set<String>> WORDS = new LinkedHashMap<>();

    static {
        CocoClasses.NAMES.forEach(name -> WORDS.put(name, Set.of(name)));
        WORDS.remove("mouse"); // COCO's mouse is a computer's; Inseval's mice are animals
        words("person", "man", "woman", "girl", "boy", "child", "kid", "toddler", "baby", "chef", "waiter", "surfer", "people",
                "lady", "gentleman", "teenage girl", "teenage boy", "young man", "young woman", "elderly man", "elderly woman",
                "old man", "old woman");
        words("bicycle", "bike");
        words("airplane", "plane", "aeroplane", "jet");
        words("motorcycle", "motorbike");
        words("bird", "canary", "cardinal", "crow", "dove", "parrot", "peacock", "seagull", "pigeon", "sparrow", "robin", "eagle", "owl");
        words("dog", "puppy", "collie", "dalmatian", "husky", "poodle", "retriever", "golden retriever", "labrador", "terrier", "beagle");
        words("cat", "kitten");
        words("cup", "mug", "coffee cup", "teacup", "glass of water");
        WORDS.put("glass", Set.of("cup", "wine glass"));
        WORDS.put("bag", Set.of("handbag", "backpack", "suitcase"));
        WORDS.put("computer", Set.of("laptop", "tv"));
        words("handbag", "purse");
        words("couch", "sofa");
        words("chair", "armchair");
        words("dining table", "table", "coffee table", "desk");
        words("tv", "television", "monitor", "tv screen");
        words("cell phone", "phone", "smartphone", "mobile phone");
        words("book", "notebook");
        words("potted plant", "plant", "houseplant");
        words("sports ball", "ball", "basketball", "football", "soccer ball", "tennis ball");
        words("bottle", "water bottle");
        words("teddy bear", "teddy");
    }

    private static void words(String coco, String... words) {
        for (String word : words) {
            WORDS.put(word, Set.of(coco));
        }
    }

    private CocoSynonyms() {
    }

    /** The COCO classes {@code noun} may be found as (lower case, no article); empty when none. */
    static Set<String> of(String noun) {
        Set<String> classes = WORDS.get(noun);
        if (classes == null && noun.endsWith("s")) {
            classes = WORDS.get(noun.substring(0, noun.length() - 1));
        }
        return classes == null ? Set.of() : classes;
    }

    static List<String> nouns() {
        return List.copyOf(WORDS.keySet());
    }
}
