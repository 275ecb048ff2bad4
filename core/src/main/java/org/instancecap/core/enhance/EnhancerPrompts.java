package org.instancecap.core.enhance;

import java.util.List;
import org.instancecap.core.caption.Prompts;

/**
 * The questions of prompt enhancement (DESIGN §2.5), in the project's own words, and the worked
 * examples of stage A. Every question is a user turn after the one system prompt.
 */
public final class EnhancerPrompts {
    private EnhancerPrompts() {
    }

    /** A short request and the description stage A should make of it. */
    public record Example(String request, String description) {
    }

    /** Written for this project: each shows subject first, then its attributes, and only what a camera sees. */
    public static final List<Example> EXAMPLES = List.of(
            new Example("a cat on a sofa",
                    "A grey tabby cat with white paws lies curled on a dark green velvet sofa. Its striped tail hangs over "
                            + "the edge of the seat cushion and twitches slowly. The cat lifts its head, blinks, and stretches "
                            + "its front legs forward before settling down again. Daylight from a window on the left falls across "
                            + "the armrest and the pale wooden floor. The camera stays still at seat height in a medium close shot."),
            new Example("two kids flying a kite on the beach",
                    "Two children run along a wide sandy beach at low tide, pulling a red diamond-shaped kite on a white "
                            + "string. The taller child, a girl in a yellow raincoat and blue rubber boots, holds the spool with "
                            + "both hands; the smaller boy, in a striped grey sweater, runs beside her and points upward. The kite "
                            + "climbs steadily and sways from side to side against a pale, overcast sky. Low waves roll onto the "
                            + "flat wet sand behind them. The camera tracks slowly to the right, keeping both children in a long shot."),
            new Example("a red sports car driving through a city at night",
                    "A glossy red two-door sports car with black wheels and round tail lights drives down a wet city street "
                            + "at night. Its headlights throw two white beams through light rain, and orange reflections of the "
                            + "street lamps slide across its bonnet. The car passes a row of parked vans and turns smoothly left "
                            + "at a junction. Lit shop windows line both sides of the street, and the asphalt shines with their "
                            + "light. The camera follows behind the car at a steady distance, close to the ground."));

    public static String system() {
        return "You write the descriptions that a text-to-video model is given. Describe a video as a silent film shows it: "
                + "only what the camera sees, that is the people, animals and things, what they look like, how they move, "
                + "the place, the light and the camera. Never mention sounds, speech, smells, thoughts or anything that "
                + "cannot be seen. Name each subject first and then its attributes: colours, materials, shape, size, and "
                + "for people clothing, hair, apparent age and build. Keep to facts, with no metaphors and no judgement. "
                + "Prefer plain visual words such as " + String.join(", ", Prompts.PREFERRED) + ". "
                + "Never use these words: " + String.join(", ", Prompts.BANNED) + ".";
    }

    /** Stage A: the detailed description of the video a request asks for. */
    public static String story(String request) {
        return "Request: \"" + request + "\"\nDescribe the video this request asks for in one paragraph of four to six "
                + "sentences, as in the earlier answers. Keep everything the request names, and add only details a camera "
                + "would show.";
    }

    public static String exampleQuestion(Example example) {
        return story(example.request());
    }

    /** Stage B-I: the main instances, separated by BREAK. */
    public static String instances(String request, String story, int max) {
        return "This description was written for the request \"" + request + "\":\n" + story + "\n"
                + "Which people, animals, vehicles or objects are the main subjects of this video? Count only things that "
                + "could be touched, at most " + max + ", the most important first, and include every object the request "
                + "names. Give each as the name of its kind in one or two words, without adjectives (for example: girl, "
                + "kite, sports car), separate them with the word BREAK, and write nothing else. "
                + "Example answer: girl BREAK kite";
    }

    public static String instancesAgain(int max) {
        return "Answer only with the names, at most " + max + ", separated by BREAK, like this: dog BREAK ball";
    }

    /** Stage B-II, per instance. */
    public static String appearance(String label) {
        return "In one sentence, describe what the " + label + " looks like in this video: its colours, materials, shape "
                + "and size, and for a person clothing, hair, apparent age and build. Start with \"The " + label + "\".";
    }

    public static String action(String label) {
        return "In one sentence, describe what the " + label + " does and how it moves during the video, with its "
                + "direction and speed. Start with \"The " + label + "\".";
    }

    public static String position(String label) {
        return "Where is the " + label + " in the frame? The frame is a 3×3 grid of cells named top-left, top-middle, "
                + "top-right, center-left, center-middle, center-right, bottom-left, bottom-middle and bottom-right. Answer "
                + "with one line in exactly one of these forms and nothing else:\n"
                + label + " stays at CELL.\n"
                + label + " moves from CELL to CELL.\n"
                + label + " stays at CELL and out of frame in the end.\n"
                + label + " moves from CELL to CELL and out of frame in the end.";
    }

    public static String positionAgain(String label) {
        return "That line does not follow the form. Answer with a single line such as \"" + label
                + " stays at center-middle.\" or \"" + label + " moves from bottom-left to center-right.\", using only the "
                + "nine cell names, and nothing else.";
    }

    public static String background() {
        return "In one sentence, describe the setting alone: the place, the ground and surroundings, and the light, "
                + "leaving out the main subjects.";
    }

    public static String camera() {
        return "In one sentence, describe the camera: whether it stays still, pans, tilts, zooms or follows a subject, "
                + "how fast, and what kind of shot it is (close, medium or long shot, overhead...).";
    }
}
