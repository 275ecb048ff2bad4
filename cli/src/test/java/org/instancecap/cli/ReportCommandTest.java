package org.instancecap.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.abort;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.instancecap.core.json.Json;
import org.instancecap.vision.video.SharedMedia;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The report of a real caption run, checked as text and as a real headless Chromium draws it. */
class ReportCommandTest {
    private static final String HOSTILE = "<script>document.title='pwned'</script><img src=x onerror=\"document.title='pwned'\">";
    /** Every bidirectional control character, each between letters. */
    private static final String BIDI = "a\u202Ab\u202Bc\u202Cd\u202De\u202Ef\u2066g\u2067h\u2068i\u2069j\u200Ek\u200Fl";
    private static final String WORD = "w".repeat(300);

    @TempDir
    static Path tmp;

    private static Path captions;
    private static Path html;
    private static Cli report;

    @BeforeAll
    static void captionAndReport() throws Exception {
        BuiltInDetector.requireOrSkip();
        captions = tmp.resolve("captions.jsonl");
        Cli caption = Cli.run("caption", SharedMedia.file("videos/sam2_01_dog.mp4").toString(),
                SharedMedia.file("edge/derived/zero_length.mp4").toString(), "-o", captions.toString(), "--with-amc");
        assertThat(caption.exitCode()).isEqualTo(1);
        // a record whose every text is markup, as an MLLM could write it; and a line that is no record at all
        ObjectNode hostile = (ObjectNode) Json.mapper().readTree(Files.readAllLines(captions).get(0));
        hostile.put("Global Description", HOSTILE);
        ((ObjectNode) hostile.get("Structured Description").get("Main Instance").get("No.0")).put("Appearance", HOSTILE);
        hostile.remove("amc");
        // a record whose video path and caption hold a 300-character word and every bidi control; the video is real
        ObjectNode bidi = (ObjectNode) Json.mapper().readTree(Files.readAllLines(captions).get(0));
        Path link = Files.createDirectories(tmp.resolve("d".repeat(200) + BIDI)).resolve(BIDI + "\u202Egnp.mp4");
        Files.createSymbolicLink(link, SharedMedia.file("videos/sam2_01_dog.mp4").toAbsolutePath());
        bidi.put("Video", link.toString());
        bidi.put("Global Description", "A dog " + WORD + " " + BIDI + " runs.");
        ((ObjectNode) bidi.get("Structured Description").get("Main Instance").get("No.0")).put("Appearance", BIDI + WORD);
        Files.writeString(captions, Json.line(hostile) + "\n" + Json.line(bidi) + "\n{not json\n", StandardCharsets.UTF_8,
                java.nio.file.StandardOpenOption.APPEND);

        html = tmp.resolve("report.html");
        report = Cli.run("report", captions.toString(), "-o", html.toString());
    }

    @Test
    void the_page_has_the_charts_the_cards_and_the_failures_with_all_text_escaped() throws Exception {
        assertThat(report.exitCode()).as(report.err()).isZero(); // the line that is not JSON is skipped with a warning
        assertThat(report.errLines()).filteredOn(l -> l.startsWith("warning: ") || l.startsWith("error: "))
                .containsExactly("warning: skipped line 4 of " + captions + ": not JSON");
        assertThat(report.errLines()).last().asString().startsWith("report: 3 videos, 3 cards, 1 failures");
        String page = Files.readString(html);
        assertThat(page.split("<svg", -1)).hasSize(6);
        assertThat(page.split("<section class=\"card\"", -1)).hasSize(4);
        assertThat(page.split("data:image/jpeg;base64,", -1)).hasSize(1 + 24); // 8 sampled frames per card
        // frames drawn at twice the size they are shown at, each focusable (a click) to enlarge it, by CSS alone
        assertThat(page.split("<span class=\"frame\" tabindex=\"0\"", -1)).hasSize(1 + 24);
        assertThat(page).contains("height=\"360\" src=\"data:image/jpeg;base64,").contains(".frame:focus img { position: fixed;")
                .contains("overflow-wrap: anywhere");
        // bidi controls show as escapes in the heading, the caption and the table; none is left raw anywhere
        assertThat(page.chars().filter(ReportCommandTest::bidiControl).count()).as("raw bidi controls").isZero();
        String escaped = "a&lt;U+202A&gt;b&lt;U+202B&gt;c&lt;U+202C&gt;d&lt;U+202D&gt;e&lt;U+202E&gt;f&lt;U+2066&gt;g&lt;U+2067&gt;h"
                + "&lt;U+2068&gt;i&lt;U+2069&gt;j&lt;U+200E&gt;k&lt;U+200F&gt;l";
        assertThat(page).contains("<h2>" + tmp + "/" + "d".repeat(200) + escaped + "/" + escaped + "&lt;U+202E&gt;gnp.mp4</h2>")
                .contains("A dog " + WORD + " " + escaped + " runs.").contains("<td>" + escaped + WORD + "</td>");
        assertThat(page).contains("zero_length.mp4</td><td>decode</td><td>file is empty")
                .contains("&lt;script&gt;document.title=&#39;pwned&#39;&lt;/script&gt;")
                .contains("caption with --with-amc to see boxes")
                .contains("camera: <span class=\"camera\">static</span>");
        assertThat(page.toLowerCase()).doesNotContain("<script").doesNotContain("<img src=x");
        assertThat(Files.list(tmp).filter(p -> p.getFileName().toString().startsWith(".report"))).isEmpty();
    }

    @Test
    void a_real_chromium_renders_it_with_the_charts_drawn_and_the_frames_shown() throws Exception {
        String chromium = chromium();
        Path profile = Files.createDirectories(tmp.resolve("chromium-profile"));
        List<String> common = List.of(chromium, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
                "--user-data-dir=" + profile, "--window-size=1400,4000");

        List<String> dump = new ArrayList<>(common);
        dump.addAll(List.of("--dump-dom", html.toUri().toString()));
        String dom = run(dump, tmp.resolve("dom.html"));
        assertThat(dom).contains("<title>InstanceCap report: captions.jsonl</title>").doesNotContain("pwned</title>");
        assertThat(dom.split("<rect class=\"bar\"", -1).length - 1).isGreaterThan(20);
        assertThat(dom.chars().filter(ReportCommandTest::bidiControl).count()).as("raw bidi controls in the DOM").isZero();
        assertThat(dom).contains("A dog " + WORD + " a&lt;U+202A&gt;b");

        Path screenshot = tmp.resolve("report.png");
        List<String> shot = new ArrayList<>(common);
        shot.addAll(List.of("--screenshot=" + screenshot, html.toUri().toString()));
        run(shot, tmp.resolve("shot.log"));
        BufferedImage image = ImageIO.read(screenshot.toFile());
        assertThat(image.getWidth()).isEqualTo(1400);
        int bars = 0;
        Set<Integer> colours = new HashSet<>();
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int rgb = image.getRGB(x, y) & 0xffffff;
                colours.add(rgb);
                if (Math.abs(((rgb >> 16) & 0xff) - 0x2f) < 8 && Math.abs(((rgb >> 8) & 0xff) - 0x6f) < 8 && Math.abs((rgb & 0xff) - 0xd6) < 8) {
                    bars++;
                }
            }
        }
        assertThat(bars).as("pixels in the charts' bar colour").isGreaterThan(2000);
        // nothing (the 300-character word, the long path) runs past the body's right margin: its pixels are the page's background
        int past = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = image.getWidth() - 12; x < image.getWidth(); x++) {
                if ((image.getRGB(x, y) & 0xffffff) != 0xfafafa) {
                    past++;
                }
            }
        }
        assertThat(past).as("pixels drawn in the right margin").isZero();
        assertThat(colours.size()).as("distinct colours: frames are drawn, the page is not blank").isGreaterThan(5000);
    }

    private static boolean bidiControl(int c) {
        return (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069) || c == 0x200E || c == 0x200F;
    }

    private static String chromium() {
        for (String name : List.of("chromium", "chromium-browser", "google-chrome")) {
            for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
                if (Files.isExecutable(Path.of(dir, name))) {
                    return Path.of(dir, name).toString();
                }
            }
        }
        return abort("no chromium on the PATH (Debian: apt-get install chromium); the rendering test needs one");
    }

    private static String run(List<String> command, Path stdout) throws Exception {
        Process process = new ProcessBuilder(command).redirectOutput(stdout.toFile())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        assertThat(process.waitFor(90, TimeUnit.SECONDS)).as("chromium finished").isTrue();
        assertThat(process.exitValue()).isZero();
        return Files.readString(stdout);
    }
}
