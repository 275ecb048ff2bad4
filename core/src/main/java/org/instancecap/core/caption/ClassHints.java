package org.instancecap.core.caption;

import java.util.Locale;
import java.util.Map;

/**
 * For each COCO class, the attributes worth describing about an instance of it: the checklist an
 * appearance question ends with, so the model looks for what distinguishes one car or dog from
 * another instead of describing the class in general.
 */
public final class ClassHints {

    /** For classes without their own checklist. */
    public static final String GENERAL = "its colours and materials, its shape and size, its condition, any markings, "
            + "labels or readable text, and the parts that make it recognisable";

    private static final Map<String, String> HINTS = Map.ofEntries(
            Map.entry("person", "clothing (style, colours, patterns), hair (colour, length, style), apparent age and gender, "
                    + "build, facial expression, accessories such as glasses, hats, bags or jewellery, and footwear"),
            Map.entry("bicycle", "frame colour and shape, wheel size, handlebars, saddle, and any basket, lights or stickers"),
            Map.entry("car", "body colour and finish, body type, make and model if recognisable, condition, "
                    + "licence plate, stickers, and the state of its lights and windows"),
            Map.entry("motorcycle", "colour, type (sport, cruiser, scooter), fairings, exhaust, and any rider gear or luggage"),
            Map.entry("airplane", "livery colours, airline markings or text, size class, engines, and landing gear"),
            Map.entry("bus", "colour scheme, route number or destination sign, number of decks, windows, and advertising"),
            Map.entry("train", "livery colours, type (passenger, freight, tram), number of carriages, and markings"),
            Map.entry("truck", "cab and body colours, type (pickup, lorry, tanker), cargo, company markings and text"),
            Map.entry("boat", "hull colour, type (sailboat, motorboat, canoe), sails or cabin, size, and name or number"),
            Map.entry("traffic light", "which lights are lit and their colours, housing colour, and mounting"),
            Map.entry("fire hydrant", "colour, shape, caps and chains, and its condition"),
            Map.entry("stop sign", "colour, shape, the text on it, and its condition and mounting"),
            Map.entry("parking meter", "colour, display, coin or card slots, and any signs on it"),
            Map.entry("bench", "material, colour, backrest and armrests, and its condition"),
            Map.entry("bird", "species if recognisable, plumage colours and patterns, beak and leg colour, and size"),
            Map.entry("cat", "breed if recognisable, fur colour and pattern, eye colour, size, and any collar"),
            Map.entry("dog", "breed if recognisable, coat colour and length, size, ears and tail, and any collar, harness or leash"),
            Map.entry("horse", "coat colour and markings, mane and tail, and any saddle, bridle or rider"),
            Map.entry("sheep", "wool colour and length, face and leg colour, horns, and any markings"),
            Map.entry("cow", "coat colour and pattern, horns, size, and any ear tags or bells"),
            Map.entry("elephant", "size, tusks, skin colour and texture, and ears"),
            Map.entry("bear", "species if recognisable, fur colour, size, and build"),
            Map.entry("zebra", "stripe pattern, mane, and size"),
            Map.entry("giraffe", "coat pattern and colours, height, and ossicones"),
            Map.entry("backpack", "colour, material, size, straps and pockets, and any logo or text"),
            Map.entry("umbrella", "canopy colour and pattern, size, handle, and whether it is open"),
            Map.entry("handbag", "colour, material, size, strap, clasp, and any logo"),
            Map.entry("tie", "colour, pattern, width, and how it is knotted"),
            Map.entry("suitcase", "colour, material (hard or soft shell), size, wheels, handle, and tags or stickers"),
            Map.entry("frisbee", "colour, size, and any printed design"),
            Map.entry("skis", "colour, length, bindings, and printed graphics"),
            Map.entry("snowboard", "colour, graphics, bindings, and size"),
            Map.entry("sports ball", "which sport it is for, colours and panel pattern, size, and any logo"),
            Map.entry("kite", "shape, colours and patterns, tail, and string"),
            Map.entry("baseball bat", "material, colour, length, and grip"),
            Map.entry("baseball glove", "colour, material, and size"),
            Map.entry("skateboard", "deck colour and graphics, wheel colour, and size"),
            Map.entry("surfboard", "colour, shape, length, fins, and graphics"),
            Map.entry("tennis racket", "frame colour, string pattern, grip, and brand marks"),
            Map.entry("bottle", "material, colour, shape, label and readable text, cap, and how full it is"),
            Map.entry("wine glass", "shape, stem, and what it holds and how much"),
            Map.entry("cup", "colour, material, shape, handle, printed design or text, and contents"),
            Map.entry("fork", "material, colour, and number of tines"),
            Map.entry("knife", "blade material and length, handle colour and material"),
            Map.entry("spoon", "material, colour, and size"),
            Map.entry("bowl", "colour, material, pattern, size, and contents"),
            Map.entry("banana", "ripeness and colour, number in the bunch, and spots"),
            Map.entry("apple", "colour, size, shine, and any bites or stickers"),
            Map.entry("sandwich", "bread type, fillings visible, and how it is cut"),
            Map.entry("orange", "colour, size, and whether it is peeled or cut"),
            Map.entry("broccoli", "colour, size of florets, and how it is cooked or cut"),
            Map.entry("carrot", "colour, size, and whether it is whole, peeled or cut"),
            Map.entry("hot dog", "bun, sausage, and toppings"),
            Map.entry("pizza", "crust, toppings and their colours, and how it is sliced"),
            Map.entry("donut", "glaze or icing colour, toppings, and shape"),
            Map.entry("cake", "layers, icing colour, decorations, and any writing"),
            Map.entry("chair", "material, colour, style, legs, and cushions"),
            Map.entry("couch", "upholstery colour and material, size, cushions, and style"),
            Map.entry("potted plant", "plant type, leaf colour and shape, flowers, and the pot's colour and material"),
            Map.entry("bed", "frame material and colour, bedding colours and patterns, pillows, and size"),
            Map.entry("dining table", "material, colour, shape, size, and what is on it"),
            Map.entry("toilet", "colour, material, lid position, and style"),
            Map.entry("tv", "size, frame colour, what the screen shows, and mounting"),
            Map.entry("laptop", "colour, size, whether it is open, screen content, and stickers"),
            Map.entry("mouse", "colour, shape, whether it is wired, and buttons"),
            Map.entry("remote", "colour, size, and buttons"),
            Map.entry("keyboard", "colour, layout, key style, and backlighting"),
            Map.entry("cell phone", "colour, case, size, screen content, and how it is held"),
            Map.entry("microwave", "colour, finish, door and display, and controls"),
            Map.entry("oven", "colour, finish, door window, and controls"),
            Map.entry("toaster", "colour, finish, number of slots, and controls"),
            Map.entry("sink", "material, colour, shape, tap, and contents"),
            Map.entry("refrigerator", "colour, finish, doors, handles, and magnets or notes on it"),
            Map.entry("book", "cover colours, title or readable text, thickness, and whether it is open"),
            Map.entry("clock", "shape, face colour, hands and numerals, the time shown, and frame"),
            Map.entry("vase", "colour, material, shape, pattern, and flowers in it"),
            Map.entry("scissors", "handle colour, blade length, and whether they are open"),
            Map.entry("teddy bear", "fur colour, size, clothing or accessories, and condition"),
            Map.entry("hair drier", "colour, size, nozzle, and cord"),
            Map.entry("toothbrush", "handle colour, bristle colour, and size"));

    private ClassHints() {
    }

    /** The checklist for {@code label}: COCO's own, or the general one. */
    public static String forClass(String label) {
        return HINTS.getOrDefault(label == null ? "" : label.toLowerCase(Locale.ROOT), GENERAL);
    }

    /** Whether {@code label} has a checklist of its own. */
    public static boolean knows(String label) {
        return label != null && HINTS.containsKey(label.toLowerCase(Locale.ROOT));
    }
}
