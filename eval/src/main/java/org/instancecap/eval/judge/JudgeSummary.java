package org.instancecap.eval.judge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.instancecap.core.json.Json;

/**
 * The judge's scores per captioner: how many videos, the mean of each score and how many videos got
 * each score from 1 to 5. Captioners in the order they first appear. Not safe for several threads.
 */
public final class JudgeSummary {

    /** The scores of one captioner; {@code detail[s - 1]} videos got detail score {@code s}. */
    public record Scores(String captioner, long videos, double meanDetail, long[] detail, double meanHallucination, long[] hallucination) {
    }

    private final Map<String, long[][]> counts = new LinkedHashMap<>();

    /** Counts one result line (as {@link JudgeJob} writes them); lines without valid scores are left out. */
    public void add(JsonNode result) {
        int detail = result.path("detail").asInt(0);
        int hallucination = result.path("hallucination").asInt(0);
        if (detail < 1 || detail > 5 || hallucination < 1 || hallucination > 5) {
            return;
        }
        long[][] c = counts.computeIfAbsent(result.path("captioner").asText("unknown"), k -> new long[2][5]);
        c[0][detail - 1]++;
        c[1][hallucination - 1]++;
    }

    public List<Scores> scores() {
        List<Scores> all = new ArrayList<>();
        counts.forEach((captioner, c) -> {
            long n = 0;
            double d = 0;
            double h = 0;
            for (int s = 0; s < 5; s++) {
                n += c[0][s];
                d += (s + 1) * c[0][s];
                h += (s + 1) * c[1][s];
            }
            all.add(new Scores(captioner, n, d / n, c[0].clone(), h / n, c[1].clone()));
        });
        return all;
    }

    public ObjectNode toJson() {
        ObjectNode root = Json.mapper().createObjectNode();
        root.put("scale", "1 to 5, higher is better on both; hallucination 5 = nothing unsupported by the video");
        ArrayNode list = root.putArray("captioners");
        for (Scores s : scores()) {
            ObjectNode o = list.addObject();
            o.put("captioner", s.captioner());
            o.put("videos", s.videos());
            ObjectNode detail = o.putObject("detail");
            detail.put("mean", round(s.meanDetail()));
            counts(detail.putObject("counts"), s.detail());
            ObjectNode hallucination = o.putObject("hallucination");
            hallucination.put("mean", round(s.meanHallucination()));
            counts(hallucination.putObject("counts"), s.hallucination());
        }
        return root;
    }

    private static void counts(ObjectNode node, long[] c) {
        for (int s = 0; s < 5; s++) {
            node.put(String.valueOf(s + 1), c[s]);
        }
    }

    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }

    /** A Markdown table: a row per captioner, the means and the videos per score. */
    public String toMarkdown() {
        StringBuilder md = new StringBuilder();
        md.append("| captioner | videos | instance detail | detail 1/2/3/4/5 | hallucination (5 = none) | hallucination 1/2/3/4/5 |\n");
        md.append("|---|---:|---:|---|---:|---|\n");
        for (Scores s : scores()) {
            md.append(String.format(Locale.ROOT, "| %s | %d | %.2f | %s | %.2f | %s |%n", s.captioner().replace("|", "\\|"), s.videos(),
                    s.meanDetail(), slashed(s.detail()), s.meanHallucination(), slashed(s.hallucination())));
        }
        return md.toString();
    }

    /** The same as plain text in aligned columns, for a terminal. */
    public String toTable() {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"captioner", "videos", "detail", "detail 1/2/3/4/5", "halluc.", "halluc. 1/2/3/4/5"});
        for (Scores s : scores()) {
            rows.add(new String[] {s.captioner(), String.valueOf(s.videos()), String.format(Locale.ROOT, "%.2f", s.meanDetail()),
                    slashed(s.detail()), String.format(Locale.ROOT, "%.2f", s.meanHallucination()), slashed(s.hallucination())});
        }
        int[] widths = new int[6];
        for (String[] row : rows) {
            for (int i = 0; i < 6; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        StringBuilder out = new StringBuilder();
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < 6; i++) {
                String cell = i == 0 || i == 3 || i == 5 ? String.format("%-" + widths[i] + "s", row[i])
                        : String.format("%" + widths[i] + "s", row[i]);
                line.append(i == 0 ? "" : "  ").append(cell);
            }
            out.append(line.toString().stripTrailing()).append('\n');
        }
        return out.toString();
    }

    private static String slashed(long[] c) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < c.length; i++) {
            s.append(i == 0 ? "" : "/").append(c[i]);
        }
        return s.toString();
    }
}
