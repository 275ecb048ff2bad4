package org.instancecap.core.caption;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.instancecap.core.camera.CameraMotion;
import org.instancecap.core.video.SampledFrame;
import org.instancecap.core.video.VideoInfo;

/**
 * The questions of the captioning method (DESIGN §2.3), in the project's own words: one system
 * prompt for every conversation, and one question per round of each chain.
 */
public final class Prompts {
    private Prompts() {
    }

    /** Words that name what can be seen; the model is asked to prefer them. */
    public static final List<String> PREFERRED = List.of(
            "bright", "dark", "pale", "deep", "glossy", "matte", "striped", "checkered", "plain", "patterned",
            "worn", "new", "slender", "stocky", "tall", "short", "long-haired", "short-haired", "upright",
            "crouching", "striding", "leaning", "slowly", "steadily", "quickly", "abruptly", "gradually", "smoothly");

    /** Words that judge or embellish instead of describing; the model must not use them. */
    public static final List<String> BANNED = List.of(
            "beautiful", "stunning", "breathtaking", "mesmerizing", "captivating", "majestic", "serene",
            "magical", "dreamy", "enchanting", "vibrant energy", "epic", "iconic", "gorgeous", "picturesque",
            "awe-inspiring", "evocative", "whimsical", "ethereal", "perfect");

    /** The system prompt of every conversation. */
    public static String system() {
        return "You are a careful analyst of video frames who writes descriptions for training video models. "
                + "Describe only what is visible in the frames. Name the colours of each part of a thing before anything "
                + "else. For people, cover clothing style and colour, hair, apparent age and gender, build, facial "
                + "expression and accessories. Describe actions and how they change over the frames. "
                + "Do not use metaphors, do not mention sounds, and never refer to frame numbers or timestamps. "
                + "Prefer plain visual words such as " + String.join(", ", PREFERRED) + ". "
                + "Never use these words: " + String.join(", ", BANNED) + ".";
    }

    /** How the frames of a request were taken from the video, so that the model reads time right. */
    public static String timing(VideoInfo info, List<SampledFrame> frames) {
        String times = frames.stream().map(f -> String.format(Locale.ROOT, "%.1f", f.timeSeconds()))
                .collect(Collectors.joining(", "));
        return String.format(Locale.ROOT, "The video lasts %.1f seconds. The %d images are frames taken from it at even "
                + "intervals, at %s seconds, shown in order.", info.durationSeconds(), frames.size(), times);
    }

    public static String globalDescription() {
        return "Describe the whole video in a single sentence of at most 20 words: what is there and what happens.";
    }

    public static String appearanceFirst(String label) {
        return "In these frames everything except one " + label + " has been blurred on purpose into smears of colour; "
                + "the blur is not part of the scene. First, what colours does the blurred background show? "
                + "Then, is the " + label + " visible, and what does it look like? Read out any text written on it. "
                + "Pay attention to " + ClassHints.forClass(label) + ".";
    }

    public static String appearanceSecond(String label) {
        return "Now describe the appearance of the " + label + " alone, in detail, in one paragraph of plain sentences. "
                + "Leave out anything that is not part of it and anything you are not sure of; do not mention the blur, "
                + "do not guess what the surroundings are, and do not use lists. Pay attention to "
                + ClassHints.forClass(label) + ".";
    }

    public static String actionsFirst(String label, String globalDescription) {
        return "For context, the whole video has been described as: \"" + globalDescription + "\" "
                + "In these frames everything except one " + label + " has been blurred on purpose. "
                + "Which " + label + " of that description is the one shown sharp here, and where is it?";
    }

    public static String actionsSecond(String label) {
        return "Describe what the " + label + " does and how it moves over the frames: its motion, direction and speed, "
                + "and how its posture or action changes. Write one continuous paragraph with precise adjectives. "
                + "Mention only the " + label + ": no other objects, no surroundings, and nothing about the blur.";
    }

    public static String backgroundFirst() {
        return "Which things in the foreground of these frames draw attention: people, animals, vehicles or objects? "
                + "Leaving them aside, what does the setting look like?";
    }

    public static String backgroundSecond() {
        return "Now describe the setting alone in detail, in one paragraph: the place, the ground and other surfaces, "
                + "buildings or landscape, plants, the light, and the time of day and weather where they can be seen. "
                + "Describe, do not interpret, and leave out the people, animals and moving things.";
    }

    /** The camera question, led by what the measurements found. */
    /**
     * With {@code --llm-hints}: what was measured of a person's looks, for the appearance chain, as
     * " Measurements suggest ...", or "" when nothing was.
     */
    public static String appearanceHint(String label, java.util.Optional<org.instancecap.core.pose.PersonFacts> person) {
        if (person.isEmpty()) {
            return "";
        }
        String said = (OfflineCaptioner.clothing(label, person.get().clothing()) + OfflineCaptioner.face(person.get().face())).trim();
        return said.isEmpty() ? "" : " Measurements suggest (they can be wrong; trust what you see): " + said;
    }

    /**
     * With {@code --llm-hints}: the measured camera motion and, for a person, its measured actions,
     * for the actions chain.
     */
    public static String actionsHint(String label, java.util.Optional<org.instancecap.core.pose.PersonFacts> person,
                                     CameraMotion camera) {
        StringBuilder said = new StringBuilder(" Measurements suggest (they can be wrong; trust what you see): the camera ");
        if (CameraMotion.STATIC.equals(camera.label())) {
            said.append("stays still");
        } else if (CameraMotion.UNDETERMINED.equals(camera.label())) {
            said.append("moves in a complex or shaky way");
        } else {
            said.append("moves as ").append(camera.label()).append(String.format(java.util.Locale.ROOT,
                    " (the picture shifts by %.2f of its size a second)", camera.speed()));
        }
        person.map(p -> p.actions().names()).filter(n -> !n.isEmpty())
                .ifPresent(n -> said.append("; the ").append(label).append(" is ").append(String.join(", ", n)));
        return said.append('.').toString();
    }

    public static String camera(CameraMotion motion) {
        String close = " Answer in one or two sentences, with words of degree such as slowly, steadily or rapidly.";
        if (CameraMotion.UNDETERMINED.equals(motion.label())) {
            return "Measurements could not name the camera movement of this video; it may be a complex one. Work out how "
                    + "the camera moves over the frames, and what kind of shot this is (a long, medium or close shot, "
                    + "overhead, point of view...)." + close;
        }
        if (CameraMotion.STATIC.equals(motion.label())) {
            return "Measurements suggest the camera does not move in this video. Check whether it really stays still, "
                    + "and say what kind of shot this is (a long, medium or close shot, overhead, point of view...)." + close;
        }
        String adverb = motion.adverb() == null || motion.adverb().isBlank() ? "" : " " + motion.adverb();
        return "Measurements say the camera movement of this video is " + motion.label() + adverb + " (pan_left means "
                + "the camera turns left, tilt_up that it tilts up, zoom_in that the view closes in). Work out the details "
                + "of this movement and what kind of shot this is." + close;
    }
}
