package org.instancecap.core.caption;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Names the main colours of a set of pixels: k-means in CIE Lab (where distances follow perceived
 * differences), each cluster centre named after the nearest colour of a small palette.
 */
public final class ColourNames {

    private static final Map<String, int[]> PALETTE = new LinkedHashMap<>();

    static {
        PALETTE.put("black", new int[] {20, 20, 20});
        PALETTE.put("dark grey", new int[] {70, 70, 70});
        PALETTE.put("grey", new int[] {128, 128, 128});
        PALETTE.put("light grey", new int[] {190, 190, 190});
        PALETTE.put("white", new int[] {240, 240, 240});
        PALETTE.put("red", new int[] {200, 30, 30});
        PALETTE.put("dark red", new int[] {120, 20, 25});
        PALETTE.put("pink", new int[] {235, 150, 170});
        PALETTE.put("orange", new int[] {240, 140, 30});
        PALETTE.put("brown", new int[] {120, 75, 40});
        PALETTE.put("beige", new int[] {215, 195, 160});
        PALETTE.put("yellow", new int[] {235, 215, 40});
        PALETTE.put("olive", new int[] {120, 120, 40});
        PALETTE.put("green", new int[] {50, 150, 50});
        PALETTE.put("dark green", new int[] {25, 75, 35});
        PALETTE.put("teal", new int[] {30, 130, 130});
        PALETTE.put("light blue", new int[] {140, 190, 235});
        PALETTE.put("blue", new int[] {40, 80, 200});
        PALETTE.put("navy", new int[] {25, 35, 90});
        PALETTE.put("denim blue", new int[] {75, 95, 135});
        PALETTE.put("purple", new int[] {120, 50, 150});
    }

    /** A named colour and the share of the pixels it stands for. */
    public record Share(String name, double share) {
    }

    private ColourNames() {
    }

    /**
     * The main colours of {@code rgb} (R, G, B per pixel), most common first, merging clusters that get
     * the same name; at most {@code k}.
     */
    public static List<Share> dominant(int[] rgb, int k) {
        int n = rgb.length / 3;
        if (n == 0) {
            return List.of();
        }
        double[][] lab = new double[n][];
        for (int i = 0; i < n; i++) {
            lab[i] = lab(rgb[3 * i], rgb[3 * i + 1], rgb[3 * i + 2]);
        }
        int clusters = Math.min(k, n);
        double[][] centres = new double[clusters][];
        Random random = new Random(42);
        for (int c = 0; c < clusters; c++) {
            centres[c] = lab[random.nextInt(n)].clone();
        }
        int[] assignment = new int[n];
        for (int round = 0; round < 12; round++) {
            for (int i = 0; i < n; i++) {
                assignment[i] = nearest(lab[i], centres);
            }
            double[][] sums = new double[clusters][3];
            int[] counts = new int[clusters];
            for (int i = 0; i < n; i++) {
                for (int d = 0; d < 3; d++) {
                    sums[assignment[i]][d] += lab[i][d];
                }
                counts[assignment[i]]++;
            }
            for (int c = 0; c < clusters; c++) {
                if (counts[c] > 0) {
                    for (int d = 0; d < 3; d++) {
                        centres[c][d] = sums[c][d] / counts[c];
                    }
                }
            }
        }
        int[] counts = new int[clusters];
        for (int a : assignment) {
            counts[a]++;
        }
        Map<String, Double> shares = new LinkedHashMap<>();
        for (int c = 0; c < clusters; c++) {
            if (counts[c] > 0) {
                shares.merge(name(centres[c]), counts[c] / (double) n, Double::sum);
            }
        }
        List<Share> result = new ArrayList<>();
        shares.forEach((name, share) -> result.add(new Share(name, share)));
        result.sort(Comparator.comparingDouble(Share::share).reversed());
        return result;
    }

    /** The palette name nearest to an sRGB colour. */
    public static String name(int r, int g, int b) {
        return name(lab(r, g, b));
    }

    private static String name(double[] lab) {
        String best = null;
        double bestDistance = Double.MAX_VALUE;
        for (Map.Entry<String, int[]> e : PALETTE.entrySet()) {
            int[] c = e.getValue();
            double d = distance(lab, lab(c[0], c[1], c[2]));
            if (d < bestDistance) {
                bestDistance = d;
                best = e.getKey();
            }
        }
        return best;
    }

    private static int nearest(double[] p, double[][] centres) {
        int best = 0;
        for (int c = 1; c < centres.length; c++) {
            if (distance(p, centres[c]) < distance(p, centres[best])) {
                best = c;
            }
        }
        return best;
    }

    private static double distance(double[] a, double[] b) {
        double dl = a[0] - b[0];
        double da = a[1] - b[1];
        double db = a[2] - b[2];
        return dl * dl + da * da + db * db;
    }

    /** sRGB (0..255) to CIE Lab with a D65 white. */
    static double[] lab(int r, int g, int b) {
        double rl = linear(r / 255.0);
        double gl = linear(g / 255.0);
        double bl = linear(b / 255.0);
        double x = (0.4124 * rl + 0.3576 * gl + 0.1805 * bl) / 0.95047;
        double y = 0.2126 * rl + 0.7152 * gl + 0.0722 * bl;
        double z = (0.0193 * rl + 0.1192 * gl + 0.9505 * bl) / 1.08883;
        double fx = f(x);
        double fy = f(y);
        double fz = f(z);
        return new double[] {116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz)};
    }

    private static double linear(double c) {
        return c <= 0.04045 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
    }

    private static double f(double t) {
        return t > 216.0 / 24389 ? Math.cbrt(t) : (24389.0 / 27 * t + 16) / 116;
    }
}
