package org.instancecap.nlp;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.instancecap.core.detect.CocoClasses;

/** The word lists the offline enhancer reads prompts with. */
final class Vocabulary {
    private Vocabulary() {
    }

    /** COCO-80 names and the everyday words for them. */
    static final Map<String, String> COCO_SYNONYMS = synonyms();

    private static Map<String, String> synonyms() {
        Map<String, String> map = new HashMap<>();
        CocoClasses.NAMES.forEach(name -> map.put(name, name));
        for (String person : List.of("man", "woman", "boy", "girl", "child", "kid", "baby", "toddler", "person", "people",
                "lady", "gentleman", "guy", "teenager", "adult", "student", "worker", "chef", "waiter", "surfer", "skier",
                "rider", "player", "dancer", "athlete", "runner", "cyclist", "hiker", "soldier", "doctor", "farmer",
                "musician", "artist", "driver", "pilot", "police", "officer", "father", "mother", "son", "daughter")) {
            map.put(person, "person");
        }
        map.putAll(Map.ofEntries(Map.entry("bike", "bicycle"), Map.entry("motorbike", "motorcycle"), Map.entry("plane", "airplane"),
                Map.entry("aeroplane", "airplane"), Map.entry("jet", "airplane"), Map.entry("puppy", "dog"), Map.entry("kitten", "cat"),
                Map.entry("pony", "horse"), Map.entry("lamb", "sheep"), Map.entry("calf", "cow"), Map.entry("sofa", "couch"),
                Map.entry("television", "tv"), Map.entry("phone", "cell phone"), Map.entry("smartphone", "cell phone"),
                Map.entry("ball", "sports ball"), Map.entry("football", "sports ball"), Map.entry("basketball", "sports ball"),
                Map.entry("plant", "potted plant"), Map.entry("table", "dining table"), Map.entry("mug", "cup"),
                Map.entry("taxi", "car"), Map.entry("van", "car"), Map.entry("lorry", "truck"), Map.entry("ship", "boat"),
                Map.entry("canoe", "boat"), Map.entry("yacht", "boat"), Map.entry("seagull", "bird"), Map.entry("parrot", "bird"),
                Map.entry("duck", "bird"), Map.entry("eagle", "bird"), Map.entry("owl", "bird"), Map.entry("pigeon", "bird"),
                Map.entry("computer", "laptop"), Map.entry("notebook", "book"), Map.entry("fridge", "refrigerator"),
                Map.entry("doughnut", "donut"), Map.entry("glass", "wine glass"), Map.entry("monitor", "tv")));
        return Map.copyOf(map);
    }

    /** Things that move or are handled, not in COCO, which are main instances wherever they are named. */
    static final Set<String> ANIMATE = Set.of("lion", "tiger", "deer", "fox", "wolf", "rabbit", "squirrel", "monkey", "snake",
            "fish", "turtle", "whale", "dolphin", "shark", "frog", "butterfly", "bee", "fly", "insect", "spider", "mouse",
            "rat", "goat", "pig", "chicken", "penguin", "camel", "kangaroo", "panda", "koala", "helicopter", "drone",
            "robot", "balloon", "tractor", "scooter", "rocket", "squid", "octopus", "crab", "lizard", "bat", "hen");

    /** Persons, animals and vehicles of COCO (and kin) that stay instances when someone owns them. */
    static final Set<String> OWNED = Set.of("dog", "cat", "horse", "bird", "cow", "sheep", "elephant", "bear", "zebra",
            "giraffe", "bicycle", "bike", "car", "motorcycle", "motorbike", "bus", "truck", "boat", "airplane", "plane",
            "child", "kid", "baby", "son", "daughter", "friend", "mother", "father", "brother", "sister", "partner", "puppy",
            "kitten", "pony");

    static final Set<String> COLOURS = Set.of("red", "orange", "yellow", "green", "blue", "purple", "pink", "brown", "black",
            "white", "grey", "gray", "silver", "gold", "golden", "violet", "turquoise", "teal", "beige", "navy", "crimson",
            "maroon", "lime", "neon", "rainbow", "cream", "ivory", "magenta", "cyan", "lavender", "indigo", "amber",
            "bronze", "copper", "sapphire", "emerald", "ruby", "olive", "tan", "khaki", "coral", "peach", "mint", "bright",
            "dark", "light", "pale", "fluorescent", "glowing", "deep", "vivid", "colorful", "colourful");

    static final Set<String> MATERIALS = Set.of("leather", "wooden", "wood", "metal", "metallic", "plastic", "paper", "rubber",
            "chrome", "steel", "silk", "cotton", "wool", "woolen", "velvet", "denim", "straw", "ceramic", "porcelain",
            "brass", "iron", "marble", "stone", "glass", "crystal", "fur", "vintage", "plush");

    /** Heads whose "of" phrase names what they hold: "a glass of water" is one instance. */
    static final Set<String> CONTAINERS = Set.of("glass", "cup", "bowl", "bottle", "jar", "plate", "box", "bag", "basket",
            "bucket", "mug", "can", "pot", "vase", "tray", "slice", "piece", "loaf");

    /** Heads whose "of" phrase is the instance: "a pair of binoculars" is binoculars. */
    static final Set<String> COLLECTIVES = Set.of("pair", "group", "bunch", "herd", "flock", "couple", "set", "pack", "swarm",
            "school", "crowd", "team", "stack", "pile", "row", "line", "bouquet", "handful", "number", "lot", "kind", "type");

    static final Set<String> BODY_PARTS = Set.of("eye", "eyes", "nose", "ear", "ears", "tail", "fur", "paw", "paws", "hair",
            "face", "hand", "hands", "leg", "legs", "arm", "arms", "foot", "feet", "head", "belly", "wing", "wings", "beak",
            "mane", "shoulder", "shoulders", "neck", "wrist", "wrists", "finger", "fingers", "ankle", "skin", "expression",
            "smile", "palm", "lip", "lips", "cheek", "cheeks", "forehead", "chin", "back", "body", "stride", "ponytail",
            "strand", "strands", "whisker", "whiskers", "claw", "claws", "hoof", "hooves", "horn", "horns", "feather",
            "feathers", "scale", "scales", "step", "steps", "posture");

    static final Set<String> CLOTHING = Set.of("shirt", "t-shirt", "tee", "dress", "sundress", "jacket", "coat", "hat", "cap",
            "scarf", "shoes", "shoe", "boots", "boot", "jeans", "trousers", "pants", "shorts", "skirt", "sweater", "hoodie",
            "blazer", "suit", "uniform", "glasses", "sunglasses", "gloves", "glove", "gear", "smock", "cuff", "collar",
            "sleeve", "sleeves", "bracelet", "bracelets", "necklace", "earring", "earrings", "watch", "ring", "anklet",
            "helmet", "apron", "vest", "cover-up", "clip", "bow", "tattoo", "makeup", "outfit", "clothes", "clothing");

    static final Set<String> WEARING_VERBS = Set.of("wear", "sport", "have", "don", "carry");

    /** Nouns that are never things to show: ideas, time, light, sound, parts of the frame. */
    static final Set<String> ABSTRACT = Set.of("way", "time", "moment", "story", "memory", "memories", "charm", "life",
            "adventure", "journey", "sense", "feeling", "touch", "shape", "color", "colour", "texture", "detail", "view",
            "scene", "video", "camera", "frame", "shot", "nearby", "picture", "image", "world", "day", "night", "morning", "evening",
            "afternoon", "sunlight", "light", "breeze", "wind", "air", "sound", "music", "silence", "year", "years", "minute",
            "second", "hour", "motion", "movement", "speed", "pace", "rhythm", "companionship", "happiness", "joy", "love",
            "peace", "energy", "warmth", "beauty", "elegance", "grace", "attention", "focus", "game", "project", "stories",
            "lot", "bit", "kind", "sort", "type", "style", "shade", "shades", "pattern", "name", "dinner", "lunch",
            "breakfast", "thirty", "age", "distance", "direction", "surface", "favorite", "band", "sunset", "sunrise",
            "rain", "snow", "fog", "mist", "weather", "one", "something", "everything", "nothing");

    /** Words that place a thing in the frame rather than name one. */
    static final Set<String> FRAME_PLACES = Set.of("left", "right", "center", "centre", "middle", "side", "corner", "top",
            "bottom", "edge", "front", "back", "background", "foreground", "distance", "foot", "end");

    /** Prepositions of place: their objects are settings unless they are salient things. */
    static final Set<String> LOCATIVE = Set.of("in", "on", "at", "under", "beneath", "below", "beside", "near", "by",
            "against", "inside", "across", "along", "through", "over", "above", "behind", "onto", "into", "around",
            "between", "among", "atop", "upon", "underneath", "within", "from", "off", "down", "up", "past", "outside",
            "opposite", "to", "toward", "towards", "next", "front", "throughout", "amid", "alongside");

    /** Adjectives the tagger often calls nouns: the common ones of size, shape and texture, and adjective endings. */
    private static final Set<String> ADJECTIVES = Set.of("swift", "round", "square", "soft", "rough", "smooth", "sleek",
            "stiff", "tall", "short", "fit", "kind", "calm", "wild", "bold", "big", "small", "tiny", "huge", "large", "little",
            "old", "young", "new", "fat", "thin", "flat", "hard", "warm", "cold", "hot", "wet", "dry", "clean", "dirty",
            "shiny", "fuzzy", "fluffy", "plush", "oval", "diamond", "star", "pyramid", "cube", "spiral", "crisp", "firm",
            "sharp", "dull", "cute", "lazy", "happy", "sad", "fierce", "gentle", "quiet", "loud", "fast", "slow", "long");

    static boolean looksAdjective(String word) {
        return ADJECTIVES.contains(word) || word.matches(".{3,}(al|ous|ful|ive|ic|ish|less|able|ible|ed|ant|ent|ar|ular|-shaped|y)");
    }

    /** Words of {@link #ABSTRACT} that name a thing when a clause opens with "a" one: "A camera lies on the desk." */
    static final Set<String> AMBIGUOUS = Set.of("camera", "picture", "frame", "light");

    /** Kinds of place: after a preposition they are the setting, even with "a" ("in a park"). */
    static final Set<String> PLACES = Set.of("park", "room", "garden", "street", "road", "field", "forest", "wood", "woods",
            "beach", "city", "kitchen", "yard", "meadow", "pasture", "path", "house", "lake", "river", "sea", "ocean", "sky",
            "hill", "mountain", "desert", "town", "village", "playground", "backyard", "sidewalk", "restaurant", "café",
            "cafe", "office", "classroom", "bedroom", "hallway", "wedding", "stage", "studio", "market", "mall", "shop",
            "store", "station", "airport", "highway", "bridge", "valley", "pond", "water", "grass", "snow", "sand", "floor",
            "ground", "trail", "track", "jungle", "farm", "zoo", "library", "church", "square", "plain", "plaza", "lane",
            "corridor", "alley", "rooftop", "balcony", "porch", "neighborhood", "neighbourhood", "party", "concert",
            "landscape", "space", "world", "distance", "background", "shade", "sunlight", "light", "wind", "breeze", "air",
            "rain", "mist", "fog", "darkness", "night", "day", "morning", "evening");

    /** Single words that always name things: COCO's names and their everyday words, and the animate list. */
    static Set<String> thingWords() {
        Set<String> words = new java.util.HashSet<>(ANIMATE);
        COCO_SYNONYMS.keySet().stream().filter(w -> !w.contains(" ")).forEach(words::add);
        words.add("cup");
        return words;
    }

    /** Prepositions whose phrase says where the scene is, not where something goes. */
    static final Set<String> SETTING = Set.of("in", "on", "at", "by", "beside", "near", "under", "beneath", "inside", "across",
            "along", "through", "over", "above", "behind", "against", "next", "around", "among", "atop", "outside", "below");
}
