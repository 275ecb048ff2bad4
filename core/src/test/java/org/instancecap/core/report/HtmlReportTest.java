package org.instancecap.core.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringWriter;
import java.util.List;
import org.instancecap.core.caption.StructuredCaption;
import org.instancecap.core.caption.StructuredCaption.InstanceCaption;
import org.junit.jupiter.api.Test;

class HtmlReportTest {

    @Test
    void every_text_is_escaped_and_the_page_carries_no_script() {
        String hostile = "<script>document.title='pwned'</script><img src=x onerror=\"alert(1)\">&";
        StructuredCaption caption = new StructuredCaption("a<b>.mp4", hostile,
                List.of(new InstanceCaption("<b>dog</b>", hostile, hostile, hostile)), hostile, hostile);
        DatasetStatistics stats = new DatasetStatistics();
        stats.add(caption, 5.0, "pan_left'\"");
        StringWriter html = new StringWriter();
        HtmlReport report = HtmlReport.begin(html, "title <i>", "summary <u>", stats);
        report.card(new HtmlReport.Card("a<b>.mp4", "1×1", "<camera>", List.of(new HtmlReport.Picture(new byte[] {1, 2, 3}, 64, 36, "\"><x>")),
                caption, "<note>"));
        report.end(List.of(new HtmlReport.Failure("<bad>.mp4", "decode", "<reason>")), 3, "footer <f>");
        String page = html.toString();

        assertThat(page.toLowerCase()).doesNotContain("<script").doesNotContain("<img src=x").doesNotContain("<b>dog")
                .doesNotContain("<camera>").doesNotContain("<note>").doesNotContain("<bad>").doesNotContain("<x>");
        assertThat(page).contains("&lt;script&gt;document.title=&#39;pwned&#39;&lt;/script&gt;")
                .contains("onerror=&quot;alert(1)&quot;&gt;&amp;")
                .contains("data:image/jpeg;base64,AQID")
                .contains("Failures (3)").contains("2 more in the errors file")
                .contains("Content-Security-Policy").contains("default-src 'none'");
        assertThat(page.split("<svg", -1)).hasSize(6);
        assertThat(page).endsWith("</html>\n");
    }

    /** Every bidirectional control character, each between letters. */
    private static final String BIDI = "a\u202Ab\u202Bc\u202Cd\u202De\u202Ef\u2066g\u2067h\u2068i\u2069j\u200Ek\u200Fl\u061Cm";
    private static final String[] ESCAPES = {"&lt;U+202A&gt;", "&lt;U+202B&gt;", "&lt;U+202C&gt;", "&lt;U+202D&gt;", "&lt;U+202E&gt;",
        "&lt;U+2066&gt;", "&lt;U+2067&gt;", "&lt;U+2068&gt;", "&lt;U+2069&gt;", "&lt;U+200E&gt;", "&lt;U+200F&gt;", "&lt;U+061C&gt;"};

    @Test
    void bidi_controls_show_as_escapes_long_words_wrap_and_frames_enlarge_without_script() {
        String word = "w".repeat(300);
        String path = "/data/" + "d".repeat(150) + "/" + BIDI + word + "\u202Egnp.mp4";
        String text = "before " + word + " " + BIDI + " <b>after</b>";
        StructuredCaption caption = new StructuredCaption(path, text, List.of(new InstanceCaption(BIDI + word, text, text, text)), text, text);
        DatasetStatistics stats = new DatasetStatistics();
        stats.add(caption, 5.0, BIDI);
        StringWriter html = new StringWriter();
        HtmlReport report = HtmlReport.begin(html, "title " + BIDI, "summary " + BIDI, stats);
        report.card(new HtmlReport.Card(path, BIDI, BIDI, List.of(new HtmlReport.Picture(new byte[] {1, 2, 3}, 640, 360, BIDI)), caption,
                "note " + BIDI));
        report.end(List.of(new HtmlReport.Failure(path, BIDI, text)), 1, "footer " + BIDI);
        String page = html.toString();

        assertThat(page.chars().filter(c -> HtmlReport.isBidiControl((char) c)).count()).as("raw bidi controls in the page").isZero();
        StringBuilder escaped = new StringBuilder();
        for (int i = 0; i < ESCAPES.length; i++) {
            escaped.append((char) ('a' + i)).append(ESCAPES[i]);
        }
        assertThat(page).contains("<p class=\"note\">note " + escaped.append('m') + "</p>");
        for (String escape : ESCAPES) {
            // in the title, the summary, the card's heading, details, camera, note, caption, table, picture, failure and footer
            assertThat(page.split(java.util.regex.Pattern.quote(escape), -1).length - 1).as(escape).isGreaterThanOrEqualTo(18);
        }
        assertThat(page).contains("<h2>/data/" + "d".repeat(150) + "/a&lt;U+202A&gt;b")
                .contains(word + "&lt;U+202E&gt;gnp.mp4</h2>")
                .contains("before " + word + " a&lt;U+202A&gt;b").contains("&lt;b&gt;after&lt;/b&gt;")
                .doesNotContain("<b>after");
        // long unbroken strings wrap anywhere, in every box that shows text
        assertThat(page).containsPattern("body, h1, h2, p, td, th, footer \\{ overflow-wrap: anywhere; word-break: break-word; \\}");
        // frames are shown large enough to read, sized so they keep their place, and enlarge on focus (a click) by CSS alone
        assertThat(page).contains("<span class=\"frame\" tabindex=\"0\" style=\"width:320px\" title=\"a&lt;U+202A&gt;b")
                .contains("<img alt=\"a&lt;U+202A&gt;b").contains("width=\"640\" height=\"360\"")
                .containsPattern("\\.frame \\{ display: block; flex: none; height: " + HtmlReport.THUMBNAIL_HEIGHT + "px;")
                .containsPattern("\\.frame:focus img \\{ position: fixed; inset: 0; margin: auto; z-index: 10; width: auto; height: min\\(92vh, 720px\\);");
        assertThat(page.toLowerCase()).doesNotContain("<script").contains("default-src 'none'");
    }

    @Test
    void chart_labels_are_never_cut_inside_a_character() {
        DatasetStatistics stats = new DatasetStatistics();
        String label = "x".repeat(20) + "\uD83D\uDC36" + "tail";
        stats.add(new StructuredCaption("v.mp4", "g", List.of(new InstanceCaption(label, "a", "b", "c")), "b", "c"), 2.0, label);
        StringWriter html = new StringWriter();
        HtmlReport.begin(html, "t", "s", stats).end(List.of(), 0, "f");
        assertThat(html.toString()).contains(">" + "x".repeat(20) + "…</text>").doesNotContain("x\uD83D…");
    }

    @Test
    void bars_are_as_long_as_their_counts() {
        DatasetStatistics stats = new DatasetStatistics();
        StructuredCaption caption = new StructuredCaption("v.mp4", "g", List.of(), "b", "c");
        stats.add(caption, 2.0, "static");
        stats.add(caption, 3.0, "static");
        stats.add(caption, 5.0, "static");
        StringWriter html = new StringWriter();
        HtmlReport.begin(html, "t", "s", stats).end(List.of(), 0, "f");
        // the duration chart: 0-4 s has 2, the longest bar; 4-6 s has 1, half as long
        assertThat(html.toString()).contains("<rect class=\"bar\" x=\"150\" y=\"6\" width=\"240\"")
                .contains("<rect class=\"bar\" x=\"150\" y=\"26\" width=\"120\"")
                .doesNotContain("Failures");
    }
}
