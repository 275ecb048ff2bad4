package org.instancecap.core.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.instancecap.core.caption.StructuredCaption;

/**
 * A dataset report as one self-contained HTML page: statistics drawn as SVG bar charts, a card per
 * video (frames with what the cluster saw drawn over them, and the caption), and the failures. Written
 * as it goes, so the page for any number of videos is built in little memory. The page holds no script
 * and its content security policy forbids any, so a caption containing markup can only ever show as text.
 */
public final class HtmlReport {

    /** A picture on a card, already drawn, as JPEG bytes. */
    public record Picture(byte[] jpeg, String description) {
    }

    /** One video's card. {@code details} is a line such as its size and length; {@code note} is shown when not null. */
    public record Card(String video, String details, String cameraLabel, List<Picture> pictures, StructuredCaption caption,
                       String note) {
    }

    /** A video that could not be captioned. */
    public record Failure(String video, String stage, String reason) {
    }

    private static final int CHART_WIDTH = 440;
    private static final int LABEL_WIDTH = 150;
    private static final int ROW = 20;
    private static final int MAX_BARS = 20;

    private final Writer out;
    private int cards;

    private HtmlReport(Writer out) {
        this.out = out;
    }

    /** Writes the page's head, its summary line and the charts; cards follow. */
    public static HtmlReport begin(Writer out, String title, String summary, DatasetStatistics statistics) {
        HtmlReport report = new HtmlReport(out);
        report.write("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                + "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; img-src data:; style-src 'unsafe-inline'\">\n"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                + "<title>" + escape(title) + "</title>\n<style>\n" + STYLE + "</style>\n</head>\n<body>\n"
                + "<h1>" + escape(title) + "</h1>\n<p class=\"summary\">" + escape(summary) + "</p>\n");
        report.write("<section class=\"charts\">\n");
        report.chart("Duration", statistics.durations());
        report.chart("Classes", top(statistics.classes()));
        report.chart("Instances per clip", statistics.instancesPerClip());
        report.chart("Camera movement", top(statistics.cameraLabels()));
        report.chart("Caption length", statistics.captionLengths());
        report.write("</section>\n");
        return report;
    }

    public void card(Card card) {
        cards++;
        StringBuilder html = new StringBuilder(4096);
        html.append("<section class=\"card\" id=\"video-").append(cards).append("\">\n<h2>").append(escape(card.video())).append("</h2>\n");
        html.append("<p class=\"meta\">").append(escape(card.details()));
        if (card.cameraLabel() != null) {
            html.append(" · camera: <span class=\"camera\">").append(escape(card.cameraLabel())).append("</span>");
        }
        html.append("</p>\n");
        if (card.note() != null) {
            html.append("<p class=\"note\">").append(escape(card.note())).append("</p>\n");
        }
        if (!card.pictures().isEmpty()) {
            html.append("<div class=\"frames\">");
            for (Picture picture : card.pictures()) {
                html.append("<img alt=\"").append(escape(picture.description())).append("\" title=\"").append(escape(picture.description()))
                        .append("\" src=\"data:image/jpeg;base64,").append(Base64.getEncoder().encodeToString(picture.jpeg())).append("\">");
            }
            html.append("</div>\n");
        }
        StructuredCaption caption = card.caption();
        html.append("<p><b>Global description.</b> ").append(escape(caption.globalDescription())).append("</p>\n");
        if (!caption.instances().isEmpty()) {
            html.append("<table><thead><tr><th>#</th><th>Class</th><th>Appearance</th><th>Actions and motion</th><th>Position</th></tr></thead><tbody>\n");
            for (int i = 0; i < caption.instances().size(); i++) {
                StructuredCaption.InstanceCaption instance = caption.instances().get(i);
                html.append("<tr><td>").append(i).append("</td><td>").append(escape(instance.label())).append("</td><td>")
                        .append(escape(instance.appearance())).append("</td><td>").append(escape(instance.actions()))
                        .append("</td><td>").append(escape(instance.position())).append("</td></tr>\n");
            }
            html.append("</tbody></table>\n");
        }
        html.append("<p><b>Background.</b> ").append(escape(caption.background())).append("</p>\n");
        html.append("<p><b>Camera movement.</b> ").append(escape(caption.camera())).append("</p>\n</section>\n");
        write(html.toString());
    }

    /** Lists the failures ({@code shown} of them; {@code total} counted) and closes the page. */
    public void end(List<Failure> failures, int total, String footer) {
        if (total > 0) {
            StringBuilder html = new StringBuilder("<section class=\"failures\">\n<h2>Failures (").append(total).append(")</h2>\n");
            html.append("<table><thead><tr><th>Video</th><th>Stage</th><th>Reason</th></tr></thead><tbody>\n");
            for (Failure failure : failures) {
                html.append("<tr><td>").append(escape(failure.video())).append("</td><td>").append(escape(failure.stage()))
                        .append("</td><td>").append(escape(failure.reason())).append("</td></tr>\n");
            }
            html.append("</tbody></table>\n");
            if (failures.size() < total) {
                html.append("<p class=\"note\">").append(total - failures.size()).append(" more in the errors file.</p>\n");
            }
            write(html.append("</section>\n").toString());
        }
        write("<footer>" + escape(footer) + "</footer>\n</body>\n</html>\n");
    }

    /** A horizontal bar chart drawn as inline SVG, so it needs neither script nor network. */
    private void chart(String title, Map<String, Integer> counts) {
        int max = counts.values().stream().mapToInt(Integer::intValue).max().orElse(0);
        int height = Math.max(1, counts.size()) * ROW + 8;
        StringBuilder svg = new StringBuilder("<figure class=\"chart\"><figcaption>").append(escape(title)).append("</figcaption>\n")
                .append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(CHART_WIDTH).append("\" height=\"").append(height)
                .append("\" role=\"img\" aria-label=\"").append(escape(title)).append("\">\n");
        int y = 4;
        int barSpace = CHART_WIDTH - LABEL_WIDTH - 50;
        for (Map.Entry<String, Integer> entry : counts.entrySet()) {
            int width = max == 0 ? 0 : (int) Math.round((double) entry.getValue() / max * barSpace);
            svg.append(String.format(Locale.ROOT,
                    "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">%s</text><rect class=\"bar\" x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\"/>"
                            + "<text x=\"%d\" y=\"%d\">%d</text>\n",
                    LABEL_WIDTH - 6, y + 14, escape(shorten(entry.getKey())), LABEL_WIDTH, y + 2, width, ROW - 5,
                    LABEL_WIDTH + width + 4, y + 14, entry.getValue()));
            y += ROW;
        }
        write(svg.append("</svg></figure>\n").toString());
    }

    private static Map<String, Integer> top(Map<String, Integer> counts) {
        if (counts.size() <= MAX_BARS) {
            return counts;
        }
        Map<String, Integer> out = new java.util.LinkedHashMap<>();
        int rest = 0;
        int i = 0;
        for (Map.Entry<String, Integer> entry : counts.entrySet()) {
            if (i++ < MAX_BARS - 1) {
                out.put(entry.getKey(), entry.getValue());
            } else {
                rest += entry.getValue();
            }
        }
        out.put("(others)", rest);
        return out;
    }

    private static String shorten(String label) {
        return label.length() <= 22 ? label : label.substring(0, 21) + "…";
    }

    /** Text as HTML shows it, in element content and in quoted attributes. */
    public static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    private void write(String html) {
        try {
            out.write(html);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static final String STYLE = """
            body { font: 14px/1.45 system-ui, sans-serif; margin: 24px auto; max-width: 1400px; padding: 0 16px; color: #1d1d1f; background: #fafafa; }
            h1 { font-size: 22px; margin: 0 0 4px; }
            h2 { font-size: 16px; margin: 0 0 4px; word-break: break-all; }
            .summary, .meta, footer { color: #555; }
            .charts { display: flex; flex-wrap: wrap; gap: 16px; margin: 16px 0 24px; }
            .chart { background: #fff; border: 1px solid #ddd; border-radius: 6px; padding: 8px 12px; margin: 0; }
            .chart figcaption { font-weight: 600; margin-bottom: 4px; }
            .chart text { font-size: 12px; fill: #333; }
            .chart .bar { fill: #2f6fd6; }
            .card { background: #fff; border: 1px solid #ddd; border-radius: 6px; padding: 12px 16px; margin: 0 0 16px; }
            .frames { display: flex; flex-wrap: wrap; gap: 4px; margin: 8px 0; }
            .frames img { height: 120px; border-radius: 3px; }
            .camera { font-weight: 600; }
            .note { color: #8a5a00; }
            table { border-collapse: collapse; width: 100%; margin: 6px 0; }
            th, td { border-top: 1px solid #e4e4e4; padding: 4px 6px; text-align: left; vertical-align: top; }
            th { background: #f3f3f3; }
            footer { margin-top: 24px; font-size: 12px; }
            """;
}
