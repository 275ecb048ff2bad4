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
 * and its content security policy forbids any, so a caption containing markup can only ever show as text;
 * bidirectional control characters show as visible escapes ({@code <U+202E>}), so no text can reorder the
 * page around it, and long unbroken strings wrap inside their card. A frame is enlarged by clicking it (or
 * tabbing to it): it takes focus and CSS shows it large in the middle of the window until focus leaves it.
 */
public final class HtmlReport {

    /** A picture on a card, already drawn, as JPEG bytes {@code width} × {@code height} pixels. */
    public record Picture(byte[] jpeg, int width, int height, String description) {
        public Picture {
            if (width <= 0 || height <= 0) {
                throw new IllegalArgumentException("a picture's size must be positive, got " + width + "×" + height);
            }
        }
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
    /** The height, in CSS pixels, a frame is shown at on its card (enlarged, it fills most of the window). */
    public static final int THUMBNAIL_HEIGHT = 180;

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
                // the frame keeps its place while it is shown enlarged (out of the flow), so the others do not move
                long width = Math.max(1, Math.round((double) THUMBNAIL_HEIGHT * picture.width() / picture.height()));
                String description = escape(picture.description());
                html.append("<span class=\"frame\" tabindex=\"0\" style=\"width:").append(width).append("px\" title=\"")
                        .append(description).append(" (click to enlarge, click elsewhere to close)\"><img alt=\"").append(description)
                        .append("\" width=\"").append(picture.width()).append("\" height=\"").append(picture.height())
                        .append("\" src=\"data:image/jpeg;base64,").append(Base64.getEncoder().encodeToString(picture.jpeg())).append("\"></span>");
            }
            html.append("</div>\n");
        }
        StructuredCaption caption = card.caption();
        html.append("<p><b>Global description.</b> ").append(escape(caption.globalDescription())).append("</p>\n");
        if (!caption.instances().isEmpty()) {
            html.append("<table class=\"instances\"><thead><tr><th>#</th><th>Class</th><th>Appearance</th><th>Actions and motion</th><th>Position</th></tr></thead><tbody>\n");
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
            html.append("<table class=\"failed\"><thead><tr><th>Video</th><th>Stage</th><th>Reason</th></tr></thead><tbody>\n");
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
        if (label.length() <= 22) {
            return label;
        }
        int end = Character.isHighSurrogate(label.charAt(20)) ? 20 : 21; // never half a character
        return label.substring(0, end) + "…";
    }

    /**
     * Whether the character changes the direction of the text around it without showing: the embeddings
     * and overrides (U+202A–U+202E), the isolates (U+2066–U+2069) and the marks (U+200E, U+200F, U+061C).
     */
    static boolean isBidiControl(char c) {
        return (c >= '\u202A' && c <= '\u202E') || (c >= '\u2066' && c <= '\u2069') || c == '\u200E' || c == '\u200F' || c == '\u061C';
    }

    /**
     * Text as HTML shows it, in element content and in quoted attributes. Bidirectional control characters
     * become visible escapes ({@code <U+202E>} as text), so a caption or a file name cannot reorder what the
     * page shows around it.
     */
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
                default -> {
                    if (isBidiControl(c)) {
                        out.append(String.format(Locale.ROOT, "&lt;U+%04X&gt;", (int) c));
                    } else {
                        out.append(c);
                    }
                }
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
            body, h1, h2, p, td, th, footer { overflow-wrap: anywhere; word-break: break-word; }
            h1 { font-size: 22px; margin: 0 0 4px; }
            h2 { font-size: 16px; margin: 0 0 4px; }
            .summary, .meta, footer { color: #555; }
            .charts { display: flex; flex-wrap: wrap; gap: 16px; margin: 16px 0 24px; }
            .chart { background: #fff; border: 1px solid #ddd; border-radius: 6px; padding: 8px 12px; margin: 0; }
            .chart figcaption { font-weight: 600; margin-bottom: 4px; }
            .chart text { font-size: 12px; fill: #333; }
            .chart .bar { fill: #2f6fd6; }
            .card { background: #fff; border: 1px solid #ddd; border-radius: 6px; padding: 12px 16px; margin: 0 0 16px; }
            .frames { display: flex; flex-wrap: wrap; gap: 6px; margin: 8px 0; }
            .frame { display: block; flex: none; height: 180px; max-width: 100%; cursor: zoom-in; border-radius: 3px; }
            .frame img { display: block; width: 100%; height: 100%; object-fit: contain; border-radius: 3px; }
            .frame:hover img { box-shadow: 0 0 0 2px #2f6fd6; }
            .frame:focus { outline: none; cursor: zoom-out; }
            .frame:focus-visible img { box-shadow: 0 0 0 3px #2f6fd6; }
            .frame:focus img { position: fixed; inset: 0; margin: auto; z-index: 10; width: auto; height: min(92vh, 720px); max-width: 96vw;
                background: #000; border-radius: 0; box-shadow: 0 0 0 100vmax rgba(0, 0, 0, 0.75); }
            .camera { font-weight: 600; }
            .note { color: #8a5a00; }
            table { border-collapse: collapse; width: 100%; max-width: 100%; margin: 6px 0; }
            th, td { border-top: 1px solid #e4e4e4; padding: 4px 6px; text-align: left; vertical-align: top; }
            th { background: #f3f3f3; }
            .instances, .failed { table-layout: fixed; }
            .instances th:nth-child(1) { width: 2.5em; }
            .instances th:nth-child(2) { width: 12%; }
            .instances th:nth-child(5) { width: 18%; }
            .failed th:nth-child(1) { width: 40%; }
            .failed th:nth-child(2) { width: 7em; }
            footer { margin-top: 24px; font-size: 12px; }
            """;
}
