package org.instancecap.eval.inseval;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import org.instancecap.core.amc.AuxiliaryModelCluster;
import org.instancecap.core.amc.Instance;
import org.instancecap.core.amc.VideoAnalysis;
import org.instancecap.core.caption.ColourNames;
import org.instancecap.core.segment.Mask;

/**
 * A stand-in for the chat judge when there is no server, and labelled as one everywhere: a class is
 * present when the cluster's COCO detector found an instance of a class {@link CocoSynonyms} maps it
 * to; its colour is what the offline captioner's colour naming makes of the instance's mask pixels.
 * It judges colour only. Instances whose class maps to no COCO class, or whose colour phrase names no
 * colour it knows, are "not judged", and so is every instance of the other dimensions (its presence
 * is still recorded). Thread-safe as long as {@code clusters} gives each thread its own cluster.
 */
public final class OfflineProxyJudge implements InsevalJudge<VideoAnalysis> {

    public static final String NAME = "offline-proxy";
    /** The dimensions it judges. */
    public static final java.util.Set<Dimension> JUDGES = java.util.EnumSet.of(Dimension.COLOR);
    /** Mask pixels sampled per instance for its colours. */
    static final int COLOUR_SAMPLES = 4000;
    /** A named colour counts for an instance from this share of its pixels. */
    static final double MIN_SHARE = 0.15;

    private final Supplier<AuxiliaryModelCluster> clusters;

    /** @param clusters the calling thread's cluster (as {@code Stages::cluster} gives it) */
    public OfflineProxyJudge(Supplier<AuxiliaryModelCluster> clusters) {
        this.clusters = clusters;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean offline() {
        return true;
    }

    @Override
    public VideoAnalysis look(Path video) {
        return clusters.get().analyse(video);
    }

    @Override
    public Judgement judge(InsevalPrompt prompt, VideoAnalysis analysis) {
        List<Judgement.InstanceJudgement> instances = new ArrayList<>();
        for (InsevalPrompt.Expected expected : prompt.instances()) {
            instances.add(judge(expected, prompt.dimension(), analysis));
        }
        return Judgement.of(prompt, NAME, null, instances, List.of());
    }

    private static Judgement.InstanceJudgement judge(InsevalPrompt.Expected expected, Dimension dimension, VideoAnalysis analysis) {
        Set<String> classes = CocoSynonyms.of(expected.noun());
        if (classes.isEmpty()) {
            return new Judgement.InstanceJudgement(expected, Verdict.NOT_JUDGED, null, null,
                    "'" + expected.noun() + "' is no COCO class: the offline proxy cannot judge it");
        }
        List<Instance> found = analysis.result().instances().stream().filter(i -> classes.contains(i.label())).toList();
        boolean present = !found.isEmpty();
        if (!JUDGES.contains(dimension)) {
            return new Judgement.InstanceJudgement(expected, Verdict.NOT_JUDGED, present, null,
                    "the offline proxy judges colour only");
        }
        if (!present) {
            return new Judgement.InstanceJudgement(expected, Verdict.FAIL, false, null,
                    "the detector found no " + String.join(" or ", classes));
        }
        List<Set<String>> wanted = ColourFamilies.ofPhrase(expected.value());
        if (wanted.isEmpty()) {
            return new Judgement.InstanceJudgement(expected, Verdict.NOT_JUDGED, true, null,
                    "the offline proxy cannot name the colour \"" + expected.value() + "\"");
        }
        String seen = null;
        for (Instance instance : found) {
            List<String> names = colours(analysis, instance.id());
            Set<String> families = new HashSet<>();
            names.forEach(n -> families.addAll(ColourFamilies.ofName(n)));
            String these = instance.label() + " #" + instance.id() + ": " + (names.isEmpty() ? "no pixels" : String.join(", ", names));
            seen = seen == null ? these : seen + "; " + these;
            if (wanted.stream().allMatch(w -> w.stream().anyMatch(families::contains))) {
                return new Judgement.InstanceJudgement(expected, Verdict.PASS, true, seen, null);
            }
        }
        return new Judgement.InstanceJudgement(expected, Verdict.FAIL, true, seen, "colours do not match \"" + expected.value() + "\"");
    }

    /** The instance's main colour names, most common first: at most three, each of at least {@link #MIN_SHARE} of its mask. */
    static List<String> colours(VideoAnalysis analysis, int instance) {
        return ColourNames.dominant(maskPixels(analysis, instance), 4).stream().filter(s -> s.share() >= MIN_SHARE).limit(3)
                .map(ColourNames.Share::name).toList();
    }

    /** R, G, B of about {@link #COLOUR_SAMPLES} pixels under the instance's masks, evenly spread over its frames. */
    private static int[] maskPixels(VideoAnalysis analysis, int instance) {
        List<Mask> masks = analysis.masks().get(instance);
        long total = 0;
        for (Mask mask : masks) {
            total += mask == null ? 0 : mask.area();
        }
        long step = Math.max(1, total / COLOUR_SAMPLES);
        int[] out = new int[(int) Math.min(total, (total / step + 1)) * 3];
        int n = 0;
        long seen = 0;
        for (int f = 0; f < masks.size(); f++) {
            Mask mask = masks.get(f);
            if (mask == null) {
                continue;
            }
            byte[] pixels = analysis.frames().frames().get(f).image().pixels();
            byte[] bits = mask.bits();
            for (int i = 0; i < bits.length; i++) {
                if (bits[i] != 0 && seen++ % step == 0 && n + 3 <= out.length) {
                    out[n++] = pixels[3 * i] & 0xff;
                    out[n++] = pixels[3 * i + 1] & 0xff;
                    out[n++] = pixels[3 * i + 2] & 0xff;
                }
            }
        }
        return java.util.Arrays.copyOf(out, n);
    }

}
