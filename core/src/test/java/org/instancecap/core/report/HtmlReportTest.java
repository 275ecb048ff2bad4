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
        report.card(new HtmlReport.Card("a<b>.mp4", "1×1", "<camera>", List.of(new HtmlReport.Picture(new byte[] {1, 2, 3}, "\"><x>")),
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
