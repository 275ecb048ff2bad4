package org.instancecap.core.report;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.instancecap.core.caption.StructuredCaption;

/**
 * Counts over a caption dataset, gathered one record at a time so that a file of any length costs
 * the same memory: durations in the paper's bins (Fig. 4), classes, instances per clip, camera labels
 * and caption lengths in words.
 */
public final class DatasetStatistics {
    /** The paper's duration bins, in seconds: [0,4], (4,6], (6,8], (8,10], (10,15], (15,20], (20,30], 30+. */
    private static final double[] DURATION_EDGES = {4, 6, 8, 10, 15, 20, 30};
    private static final List<String> DURATION_BINS = List.of("0-4 s", "4-6 s", "6-8 s", "8-10 s", "10-15 s", "15-20 s", "20-30 s", "30+ s");
    private static final int LENGTH_BIN = 50;
    private static final int LENGTH_BINS = 8;
    static final String UNKNOWN = "unknown";

    private final Map<String, Integer> durations = new LinkedHashMap<>();
    private final Map<String, Integer> classes = new TreeMap<>();
    private final Map<Integer, Integer> instancesPerClip = new TreeMap<>();
    private final Map<String, Integer> cameraLabels = new TreeMap<>();
    private final Map<String, Integer> captionLengths = new LinkedHashMap<>();
    private int videos;
    private long words;

    public DatasetStatistics() {
        DURATION_BINS.forEach(bin -> durations.put(bin, 0));
        for (int i = 0; i < LENGTH_BINS; i++) {
            captionLengths.put(lengthBin(i * LENGTH_BIN), 0);
        }
    }

    /**
     * Counts one video.
     *
     * @param durationSeconds its length, or null when unknown
     * @param cameraLabel     the cluster's camera label, or null when unknown
     */
    public void add(StructuredCaption caption, Double durationSeconds, String cameraLabel) {
        videos++;
        durations.merge(durationSeconds == null ? UNKNOWN : durationBin(durationSeconds), 1, Integer::sum);
        caption.instances().forEach(i -> classes.merge(i.label().toLowerCase(java.util.Locale.ROOT), 1, Integer::sum));
        instancesPerClip.merge(caption.instances().size(), 1, Integer::sum);
        cameraLabels.merge(cameraLabel == null ? UNKNOWN : cameraLabel, 1, Integer::sum);
        int length = wordCount(caption);
        words += length;
        captionLengths.merge(lengthBin(length), 1, Integer::sum);
    }

    public int videos() {
        return videos;
    }

    public double meanWords() {
        return videos == 0 ? 0 : (double) words / videos;
    }

    /** Videos per duration bin, in the paper's order; an {@code unknown} bin last when some had none. */
    public Map<String, Integer> durations() {
        return durations;
    }

    /** Instances per class, most frequent first. */
    public Map<String, Integer> classes() {
        return byCount(classes);
    }

    /** Videos per number of main instances, in order. */
    public Map<String, Integer> instancesPerClip() {
        Map<String, Integer> out = new LinkedHashMap<>();
        instancesPerClip.forEach((count, clips) -> out.put(String.valueOf(count), clips));
        return out;
    }

    /** Videos per camera label, most frequent first. */
    public Map<String, Integer> cameraLabels() {
        return byCount(cameraLabels);
    }

    /** Videos per caption length in words, in bins of 50. */
    public Map<String, Integer> captionLengths() {
        return captionLengths;
    }

    static String durationBin(double seconds) {
        for (int i = 0; i < DURATION_EDGES.length; i++) {
            if (seconds <= DURATION_EDGES[i]) {
                return DURATION_BINS.get(i);
            }
        }
        return DURATION_BINS.get(DURATION_BINS.size() - 1);
    }

    private static String lengthBin(int words) {
        int bin = Math.min(words / LENGTH_BIN, LENGTH_BINS - 1);
        return bin == LENGTH_BINS - 1 ? bin * LENGTH_BIN + "+ words" : bin * LENGTH_BIN + "-" + ((bin + 1) * LENGTH_BIN - 1) + " words";
    }

    /** Words in every text field of the caption. */
    static int wordCount(StructuredCaption caption) {
        StringBuilder text = new StringBuilder(caption.globalDescription()).append(' ').append(caption.background())
                .append(' ').append(caption.camera());
        caption.instances().forEach(i -> text.append(' ').append(i.appearance()).append(' ').append(i.actions())
                .append(' ').append(i.position()));
        String trimmed = text.toString().trim();
        return trimmed.isEmpty() ? 0 : trimmed.split("\\s+").length;
    }

    private static Map<String, Integer> byCount(Map<String, Integer> counts) {
        Map<String, Integer> out = new LinkedHashMap<>();
        counts.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .forEach(e -> out.put(e.getKey(), e.getValue()));
        return out;
    }
}
