package org.instancecap.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.instancecap.vision.video.SharedMedia;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The offline proxy judge on real clips of the shared media, each given Inseval-style colour prompts
 * whose truth was settled by looking at the clips (a white-and-brown dog, red cups and a yellow ball,
 * a blue mug, a white football, a black bear, blue chairs and white desks, white and red cars, a
 * black-and-white film): true prompts, false colours, absent classes, and prompts it must leave "not
 * judged". Its agreement with that truth is measured and printed.
 */
class InsevalOfflineAgreementTest {

    private static final String DOG = "videos/sam2_01_dog.mp4";
    private static final String CUPS = "videos/sam2_02_cups.mp4";
    private static final String COFFEE = "videos/sam2_04_coffee.mp4";
    private static final String JUGGLE = "videos/sam2_05_default_juggle.mp4";
    private static final String BEAR = "videos/androidx_bear-vp9.webm";
    private static final String CLASSROOM = "videos/intel_classroom.gif";
    private static final String CARS = "videos/intel_car-detection.mp4";
    private static final String CHAPLIN = "videos/moviepy_chaplin.mp4";

    /** A prompt on a clip and whether what it says is true of the clip (null: the proxy must not judge it). */
    record Case(String clip, Boolean truth, String... classAndValue) {
    }

    @TempDir
    Path tmp;

    @Test
    void agreement_of_the_offline_proxy_with_the_truth_of_real_clips() throws Exception {
        BuiltInDetector.requireOrSkip();
        Map<String, Case> single = new LinkedHashMap<>();
        single.put("0000", new Case(DOG, true, "dog", "white and brown"));
        single.put("0001", new Case(DOG, false, "dog", "black"));
        single.put("0002", new Case(DOG, true, "woman", "white and blue"));
        single.put("0003", new Case(CUPS, true, "cup", "red"));
        single.put("0004", new Case(CUPS, false, "cup", "blue"));
        single.put("0005", new Case(CUPS, true, "ball", "yellow"));
        single.put("0006", new Case(CUPS, false, "ball", "green"));
        single.put("0007", new Case(COFFEE, true, "mug", "blue"));
        single.put("0008", new Case(COFFEE, false, "mug", "red"));
        single.put("0009", new Case(JUGGLE, true, "football", "white"));
        single.put("0010", new Case(JUGGLE, false, "football", "orange"));
        single.put("0011", new Case(BEAR, true, "bear", "black"));
        single.put("0012", new Case(BEAR, false, "bear", "white"));
        single.put("0013", new Case(CLASSROOM, true, "chair", "blue"));
        single.put("0014", new Case(CLASSROOM, false, "chair", "red"));
        single.put("0015", new Case(CUPS, false, "cat", "grey"));
        single.put("0016", new Case(JUGGLE, false, "horse", "brown"));
        single.put("0017", new Case(JUGGLE, true, "man", "grey"));
        single.put("0018", new Case(COFFEE, null, "kettle", "silver"));
        single.put("0019", new Case(COFFEE, null, "mug", "rainbow"));
        single.put("0020", new Case(CARS, true, "car", "red"));
        single.put("0021", new Case(CARS, true, "car", "white"));
        single.put("0022", new Case(CARS, false, "car", "green"));
        single.put("0023", new Case(CHAPLIN, true, "man", "black"));
        single.put("0024", new Case(CHAPLIN, false, "man", "red"));
        single.put("0025", new Case(CLASSROOM, true, "table", "white"));
        Map<String, Case> multiple = new LinkedHashMap<>();
        multiple.put("0000", new Case(CUPS, true, "cup", "red", "ball", "yellow"));
        multiple.put("0001", new Case(CUPS, false, "cup", "red", "ball", "green"));
        multiple.put("0002", new Case(COFFEE, true, "mug", "blue", "man", "white"));
        multiple.put("0003", new Case(DOG, false, "dog", "white and brown", "cup", "red"));

        Path set = tmp.resolve("set");
        Path videos = tmp.resolve("videos");
        Map<String, Case> all = new LinkedHashMap<>();
        write(set, videos, "single", single, all);
        write(set, videos, "multiple", multiple, all);
        InsevalCommandTest.writeSet(set, "single", "action", "{\"name\": \"0000.mp4\", \"sentence\": \"A dog walks.\", "
                + "\"instance\": {\"class\": \"dog\", \"action\": \"walks\"}}");
        Files.createDirectories(videos.resolve("single/action"));
        Files.createSymbolicLink(videos.resolve("single/action/0000.mp4"), SharedMedia.file(DOG));

        Path out = tmp.resolve("offline.jsonl");
        Cli cli = Cli.run("inseval", "score", videos.toString(), "--set", set.toString(), "-o", out.toString(), "--offline");
        assertThat(cli.exitCode()).as(cli.err()).isZero();
        Map<String, JsonNode> results = InsevalCommandTest.byVideo(out);
        assertThat(results).hasSize(all.size() + 1);

        int judged = 0;
        int agree = 0;
        int[] trueOnes = new int[2];  // true prompts: judged, passed
        int[] falseOnes = new int[2]; // false prompts: judged, failed
        List<String> disagreements = new ArrayList<>();
        for (Map.Entry<String, Case> e : all.entrySet()) {
            JsonNode r = results.get(e.getKey());
            assertThat(r.get("judge").asText()).isEqualTo("offline-proxy");
            String verdict = r.get("verdict").asText();
            if (e.getValue().truth() == null) {
                assertThat(verdict).as(e.getKey()).isEqualTo("not judged");
                continue;
            }
            assertThat(verdict).as(e.getKey()).isIn("pass", "fail");
            judged++;
            int[] kind = e.getValue().truth() ? trueOnes : falseOnes;
            kind[0]++;
            kind[1] += verdict.equals("pass") == e.getValue().truth() ? 1 : 0;
            if (verdict.equals("pass") == e.getValue().truth()) {
                agree++;
            } else {
                disagreements.add(e.getKey() + " " + String.join(" ", e.getValue().classAndValue()) + " -> " + verdict + " ("
                        + r.get("instances") + ")");
            }
        }
        double agreement = 100.0 * agree / judged;
        System.out.printf("offline proxy agreement: %d of %d judged prompts (%.1f%%): %d of %d true prompts pass, %d of %d false ones "
                + "fail; disagreements: %s%n", agree, judged, agreement, trueOnes[1], trueOnes[0], falseOnes[1], falseOnes[0], disagreements);
        assertThat(judged).isEqualTo(28);
        assertThat(results.get("single/action/0000.mp4").get("verdict").asText()).isEqualTo("not judged");
        assertThat(results.get("single/action/0000.mp4").get("instances").get(0).get("present").asBoolean()).isTrue();
        // absent classes are found absent
        assertThat(results.get("single/color/0015.mp4").get("reason").asText()).isEqualTo("cat: the detector found no cat");
        assertThat(agreement).as("agreement; disagreements: %s", disagreements).isGreaterThanOrEqualTo(AGREEMENT_AT_LEAST);

        JsonNode table = new ObjectMapper().readTree(tmp.resolve("offline.jsonl.table.json").toFile());
        assertThat(table.get("offline").asBoolean()).isTrue();
        assertThat(table.get("paper").get("single/action").isNull()).isTrue();
        assertThat(Files.readString(tmp.resolve("offline.jsonl.table.md"))).contains("**Offline proxy judge**");
    }

    /**
     * Measured here: 25 of 28 (89.3%; the three misses are true prompts whose object the detector does
     * not find: the bear behind its fence, the cars seen from above); less about two prompts' margin.
     */
    static final double AGREEMENT_AT_LEAST = 80;

    private static void write(Path set, Path videos, String which, Map<String, Case> cases, Map<String, Case> all) throws Exception {
        List<String> lines = new ArrayList<>();
        for (Map.Entry<String, Case> e : cases.entrySet()) {
            Case c = e.getValue();
            String clip = SharedMedia.file(c.clip()).toString();
            String name = e.getKey() + clip.substring(clip.lastIndexOf('.'));
            String[] cv = c.classAndValue();
            StringBuilder instance = new StringBuilder();
            if (cv.length == 2) {
                instance.append("{\"class\": \"").append(cv[0]).append("\", \"color\": \"").append(cv[1]).append("\"}");
            } else {
                instance.append('{');
                for (int i = 0; i < cv.length / 2; i++) {
                    instance.append(i == 0 ? "" : ", ").append('"').append(i).append("\": {\"class\": \"").append(cv[2 * i])
                            .append("\", \"color\": \"").append(cv[2 * i + 1]).append("\"}");
                }
                instance.append('}');
            }
            lines.add("{\"name\": \"" + name + "\", \"sentence\": \"A " + cv[1] + " " + cv[0] + ".\", \"instance\": " + instance + "}");
            Path video = videos.resolve(which + "/color/" + name);
            Files.createDirectories(video.getParent());
            Files.createSymbolicLink(video, SharedMedia.file(c.clip()));
            all.put(which + "/color/" + name, c);
        }
        InsevalCommandTest.writeSet(set, which, "color", lines.toArray(String[]::new));
    }
}
