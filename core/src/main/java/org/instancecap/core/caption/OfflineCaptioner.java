package org.instancecap.core.caption;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.instancecap.core.amc.AmcResult;
import org.instancecap.core.amc.Instance;
import org.instancecap.core.amc.VideoAnalysis;
import org.instancecap.core.camera.CameraMotion;
import org.instancecap.core.detect.Box;
import org.instancecap.core.pose.Actions;
import org.instancecap.core.pose.ClothingColours;
import org.instancecap.core.pose.FaceAttributes;
import org.instancecap.core.pose.PersonFacts;
import org.instancecap.core.segment.Mask;
import org.instancecap.core.video.RgbImage;
import org.instancecap.core.video.VideoInfo;

/**
 * Writes every field from measurements alone, for runs without a model server: named colours of
 * each instance's mask and of the background, sizes, motion from the tracks, light, and the camera
 * from its label. Plain and literal by design; the provenance says which captioner wrote a record.
 */
public final class OfflineCaptioner implements Captioner {

    /** Pixels sampled per colour estimate. */
    static final int COLOUR_SAMPLES = 4000;
    /** Instance crops smaller than this are enlarged before OCR, which reads small print badly. */
    static final int OCR_MIN_HEIGHT = 160;

    private final TextReader text;

    /** Without OCR. */
    public OfflineCaptioner() {
        this(TextReader.NONE);
    }

    /** With {@code text} reading what is written on the instances. */
    public OfflineCaptioner(TextReader text) {
        this.text = text;
    }

    @Override
    public String name() {
        return "offline";
    }

    /** Colours by k-means, motion and size from the tracks, light, the camera, and text when an OCR program is there. */
    @Override
    public List<String> analyses() {
        return text == TextReader.NONE ? List.of("colours", "motion", "light", "camera")
                : List.of("colours", "motion", "light", "camera", "text");
    }

    @Override
    public StructuredCaption caption(VideoAnalysis analysis) {
        AmcResult result = analysis.result();
        VideoInfo info = result.info();
        List<StructuredCaption.InstanceCaption> instances = new ArrayList<>();
        List<Double> times = result.frames().stream().map(AmcResult.FrameRef::timeSeconds).toList();
        boolean movement = false;
        for (Instance instance : result.instances()) {
            TrackMotion motion = TrackMotion.of(instance, times, info, result.camera());
            movement |= motion.moves() && motion.itself() && Math.hypot(motion.dx(), motion.dy()) > 0.15;
            java.util.Optional<PersonFacts> person = analysis.person(instance.id());
            instances.add(new StructuredCaption.InstanceCaption(instance.label(), appearance(analysis, instance, person),
                    actions(instance, motion, person.map(PersonFacts::actions).orElse(Actions.NONE)), motion.position().text()));
        }
        return new StructuredCaption(result.video(), global(result, movement), instances, background(analysis), camera(result.camera()));
    }

    private static String global(AmcResult result, boolean movement) {
        String who = result.instances().isEmpty() ? "A scene without people, animals or vehicles"
                : capitalise(counted(result.instances().stream().map(Instance::label).toList()));
        return who + (movement ? ", with movement," : "") + " filmed " + cameraClause(result.camera()) + ".";
    }

    private String appearance(VideoAnalysis analysis, Instance instance, java.util.Optional<PersonFacts> person) {
        Box first = instance.boxes().stream().filter(b -> b != null).findFirst().orElse(null);
        VideoInfo info = analysis.result().info();
        String size = first == null ? "" : " It fills about " + fraction(first.height() / info.height())
                + " of the frame's height.";
        String clothes = person.map(p -> clothing(instance.label(), p.clothing())).orElse("");
        String colours = clothes;
        if (clothes.isEmpty()) {
            int[] pixels = samplePixels(analysis, instance.id(), true);
            colours = "The " + instance.label() + " is mostly " + describeColours(ColourNames.dominant(pixels, 4)) + ".";
        }
        String face = person.map(p -> face(p.face())).orElse("");
        return colours + face + size + readable(analysis, instance);
    }

    /** "The person wears grey on the upper body, denim blue on the lower body and white footwear.", or "" when no part was measured. */
    static String clothing(String label, ClothingColours clothing) {
        List<String> parts = new ArrayList<>();
        clothing.of(ClothingColours.Part.UPPER_BODY).filter(c -> !c.isEmpty())
                .ifPresent(c -> parts.add(twoColours(c) + " on the upper body"));
        clothing.of(ClothingColours.Part.LOWER_BODY).filter(c -> !c.isEmpty())
                .ifPresent(c -> parts.add(twoColours(c) + " on the lower body"));
        clothing.of(ClothingColours.Part.FOOTWEAR).filter(c -> !c.isEmpty())
                .ifPresent(c -> parts.add(twoColours(c) + " footwear"));
        if (parts.isEmpty()) {
            return "";
        }
        return "The " + label + " wears " + (parts.size() == 1 ? parts.get(0)
                : String.join(", ", parts.subList(0, parts.size() - 1)) + " and " + parts.get(parts.size() - 1)) + ".";
    }

    /** The one or two main colours of a part: the second only when it covers a quarter of it. */
    private static String twoColours(List<ColourNames.Share> shares) {
        List<String> names = shares.stream().filter(s -> s.share() >= 0.25).map(ColourNames.Share::name).limit(2).toList();
        return names.isEmpty() ? shares.get(0).name() : String.join(" and ", names);
    }

    /** " Apparently a woman of about 20 to 30, looking happy.", from what the face model measured above its floors; else "". */
    static String face(FaceAttributes face) {
        java.util.Optional<String> gender = face.apparentGender();
        java.util.Optional<FaceAttributes.AgeRange> age = face.apparentAge();
        java.util.Optional<String> expression = face.apparentExpression();
        if (gender.isEmpty() && age.isEmpty() && expression.isEmpty()) {
            return "";
        }
        boolean child = age.map(a -> a.high() <= 14).orElse(false);
        String who = gender.map(g -> switch (g) {
            case "female" -> child ? "a girl" : "a woman";
            case "male" -> child ? "a boy" : "a man";
            default -> "a person";
        }).orElse("someone");
        StringBuilder text = new StringBuilder(" Apparently ").append(who);
        age.ifPresent(a -> text.append(" of about ").append(a.low()).append(" to ").append(a.high()));
        expression.ifPresent(e -> text.append(", looking ").append(e));
        return text.append('.').toString();
    }

    /** What is written on the instance, read where its box is largest. */
    private String readable(VideoAnalysis analysis, Instance instance) {
        int best = -1;
        for (int f = 0; f < instance.boxes().size(); f++) {
            Box b = instance.boxes().get(f);
            if (b != null && (best < 0 || b.area() > instance.boxes().get(best).area())) {
                best = f;
            }
        }
        if (best < 0) {
            return "";
        }
        RgbImage frame = analysis.frames().frames().get(best).image();
        Box b = instance.boxes().get(best).clip(frame.width(), frame.height());
        int x = (int) Math.floor(b.x1());
        int y = (int) Math.floor(b.y1());
        int w = Math.min(frame.width() - x, (int) Math.ceil(b.width()));
        int h = Math.min(frame.height() - y, (int) Math.ceil(b.height()));
        if (w < 8 || h < 8) {
            return "";
        }
        RgbImage crop = frame.crop(x, y, w, h);
        if (h < OCR_MIN_HEIGHT) {
            double grow = OCR_MIN_HEIGHT / (double) h;
            crop = crop.scaled((int) Math.round(w * grow), OCR_MIN_HEIGHT);
        }
        return text.read(crop).map(words -> " Text on it reads \"" + words + "\".").orElse("");
    }

    /**
     * The Actions and Motion sentence, from the same path as the Position phrase, led by what a
     * person was measured doing.
     */
    private static String actions(Instance instance, TrackMotion motion, Actions actions) {
        String label = instance.label();
        if (motion.seen() < 2) {
            return "The " + label + " is seen only briefly.";
        }
        StringBuilder text = new StringBuilder("The " + label);
        if (!actions.names().isEmpty()) {
            List<String> doing = actions.names();
            text.append(" is ").append(doing.size() == 1 ? doing.get(0)
                    : String.join(", ", doing.subList(0, doing.size() - 1)) + " and " + doing.get(doing.size() - 1)).append(", and");
        }
        String direction = direction(motion.dx(), motion.dy());
        if (!motion.moves()) {
            text.append(TrackMotion.FIXED.contains(label) ? " stays in place" : " stays in the same part of the frame");
        } else if (!motion.itself()) {
            text.append(" stays in place, shifting ").append(direction).append(" in the frame as the camera moves");
        } else {
            double speed = Math.hypot(motion.dx(), motion.dy()) / motion.seconds();
            text.append(" moves ").append(speed < 0.05 ? "slowly" : speed < 0.25 ? "steadily" : "rapidly").append(' ').append(direction)
                    .append(motion.acrossCells() ? " across the frame" : " within the " + motion.position().from() + " of the frame");
        }
        if (motion.size() != null) {
            text.append(", getting ").append(motion.size()).append(motion.size().equals("closer") ? " to" : " from").append(" the camera");
        }
        if (instance.boxes().get(0) == null) {
            text.append(", after entering the view");
        }
        if (instance.boxes().get(instance.boxes().size() - 1) == null) {
            text.append(", and leaves the frame");
        }
        return text.append('.').toString();
    }

    private static String background(VideoAnalysis analysis) {
        int[] pixels = samplePixels(analysis, -1, false);
        double brightness = 0;
        double saturation = 0;
        int n = pixels.length / 3;
        for (int i = 0; i < n; i++) {
            int r = pixels[3 * i];
            int g = pixels[3 * i + 1];
            int b = pixels[3 * i + 2];
            int max = Math.max(r, Math.max(g, b));
            int min = Math.min(r, Math.min(g, b));
            brightness += (r + g + b) / 3.0;
            saturation += max == 0 ? 0 : (max - min) / (double) max;
        }
        brightness /= Math.max(1, n);
        saturation /= Math.max(1, n);
        String light = brightness < 60 ? "dark" : brightness < 110 ? "dimly lit" : brightness < 190 ? "evenly lit" : "brightly lit";
        String tone = saturation < 0.15 ? "muted, nearly colourless tones" : saturation < 0.35 ? "soft colours" : "strong colours";
        return "The background is mostly " + describeColours(ColourNames.dominant(pixels, 4)) + ", " + light + ", with "
                + tone + ".";
    }

    private static String camera(CameraMotion motion) {
        if (CameraMotion.STATIC.equals(motion.label())) {
            return "The camera stays still.";
        }
        if (CameraMotion.UNDETERMINED.equals(motion.label())) {
            return "The camera moves in a complex or shaky way.";
        }
        return "The camera " + cameraClause(motion).replaceFirst("^with a camera that ", "") + ".";
    }

    private static String cameraClause(CameraMotion motion) {
        if (CameraMotion.STATIC.equals(motion.label())) {
            return "with a still camera";
        }
        if (CameraMotion.UNDETERMINED.equals(motion.label())) {
            return "with a camera that moves in a complex or shaky way";
        }
        String adverb = motion.adverb() == null || motion.adverb().isBlank() ? "" : " " + motion.adverb();
        List<String> parts = new ArrayList<>();
        for (String part : motion.label().split("\\+")) {
            parts.add(switch (part) {
                case "pan_left" -> "pans left";
                case "pan_right" -> "pans right";
                case "tilt_up" -> "tilts up";
                case "tilt_down" -> "tilts down";
                case "zoom_in" -> "zooms in";
                case "zoom_out" -> "zooms out";
                default -> part.replace('_', ' ');
            });
        }
        return "with a camera that " + String.join(" and ", parts) + adverb;
    }

    /** Pixels of an instance's masks ({@code inside}) or outside every mask, evenly subsampled. */
    private static int[] samplePixels(VideoAnalysis analysis, int instance, boolean inside) {
        List<int[]> chosen = new ArrayList<>();
        int frames = analysis.frames().frames().size();
        long total = 0;
        for (int f = 0; f < frames; f++) {
            RgbImage image = analysis.frames().frames().get(f).image();
            for (int i = 0; i < image.width() * image.height(); i++) {
                if (take(analysis, instance, inside, f, i)) {
                    total++;
                }
            }
        }
        long step = Math.max(1, total / COLOUR_SAMPLES);
        long seen = 0;
        for (int f = 0; f < frames; f++) {
            RgbImage image = analysis.frames().frames().get(f).image();
            byte[] p = image.pixels();
            for (int i = 0; i < image.width() * image.height(); i++) {
                if (take(analysis, instance, inside, f, i) && seen++ % step == 0) {
                    chosen.add(new int[] {p[3 * i] & 0xff, p[3 * i + 1] & 0xff, p[3 * i + 2] & 0xff});
                }
            }
        }
        int[] out = new int[chosen.size() * 3];
        for (int i = 0; i < chosen.size(); i++) {
            System.arraycopy(chosen.get(i), 0, out, 3 * i, 3);
        }
        return out;
    }

    private static boolean take(VideoAnalysis analysis, int instance, boolean inside, int frame, int pixel) {
        if (inside) {
            Mask mask = analysis.masks().get(instance).get(frame);
            return mask != null && mask.bits()[pixel] != 0;
        }
        for (List<Mask> masks : analysis.masks()) {
            Mask mask = masks.get(frame);
            if (mask != null && mask.bits()[pixel] != 0) {
                return false;
            }
        }
        return true;
    }

    private static String describeColours(List<ColourNames.Share> shares) {
        List<String> names = shares.stream().filter(s -> s.share() >= 0.1).map(ColourNames.Share::name).limit(3).toList();
        if (names.isEmpty()) {
            return shares.isEmpty() ? "of mixed colour" : shares.get(0).name();
        }
        return names.size() == 1 ? names.get(0)
                : String.join(", ", names.subList(0, names.size() - 1)) + " and " + names.get(names.size() - 1);
    }

    private static String direction(double dx, double dy) {
        String horizontal = Math.abs(dx) < 0.03 ? "" : dx > 0 ? "to the right" : "to the left";
        String vertical = Math.abs(dy) < 0.03 ? "" : dy > 0 ? "downwards" : "upwards";
        if (horizontal.isEmpty()) {
            return vertical;
        }
        return vertical.isEmpty() ? horizontal : vertical + " and " + horizontal;
    }

    private static String fraction(double share) {
        return share > 0.85 ? "all" : share > 0.6 ? "two thirds" : share > 0.4 ? "half" : share > 0.28 ? "a third"
                : share > 0.18 ? "a quarter" : share > 0.08 ? "a tenth" : "a small part";
    }

    /** "a person", "two persons and a dog". */
    static String counted(List<String> labels) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        labels.forEach(l -> counts.merge(l, 1, Integer::sum));
        List<String> parts = counts.entrySet().stream().map(e -> e.getValue() == 1 ? article(e.getKey()) + " " + e.getKey()
                : number(e.getValue()) + " " + plural(e.getKey())).collect(Collectors.toList());
        return parts.size() == 1 ? parts.get(0)
                : String.join(", ", parts.subList(0, parts.size() - 1)) + " and " + parts.get(parts.size() - 1);
    }

    private static String article(String noun) {
        return "aeiou".indexOf(Character.toLowerCase(noun.charAt(0))) >= 0 ? "an" : "a";
    }

    private static String number(int n) {
        String[] words = {"zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"};
        return n < words.length ? words[n] : Integer.toString(n);
    }

    private static String plural(String noun) {
        return noun.equals("person") ? "people" : noun.endsWith("s") || noun.endsWith("sh") || noun.endsWith("ch")
                ? noun + "es" : noun + "s";
    }

    private static String capitalise(String s) {
        return s.isEmpty() ? s : s.substring(0, 1).toUpperCase(Locale.ROOT) + s.substring(1);
    }
}
