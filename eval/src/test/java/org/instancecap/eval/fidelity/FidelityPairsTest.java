package org.instancecap.eval.fidelity;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.instancecap.core.io.BadLine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Pairs by name, never by order (the files need not be videos to be matched: nothing is decoded here). */
class FidelityPairsTest {

    @TempDir
    Path dir;

    private Path touch(String path) throws IOException {
        Path file = dir.resolve(path);
        Files.createDirectories(file.getParent());
        return Files.writeString(file, "x");
    }

    private final List<BadLine> bad = new ArrayList<>();

    private List<FidelityPair> pairs(Path captions) {
        List<FidelityPair> out = new ArrayList<>();
        FidelityPairs.forEach(dir.resolve("orig"), dir.resolve("regen"), captions, out::add, bad::add);
        return out;
    }

    @Test
    void records_name_their_videos_by_file_name_or_name_without_extension() throws IOException {
        touch("orig/b.mp4");
        touch("orig/sub/a.mkv");
        touch("orig/c.mp4");
        touch("regen/a.mp4");   // a.mkv regenerated as mp4
        touch("regen/b.mp4");
        Path captions = Files.writeString(dir.resolve("captions.jsonl"), """
                {"Video":"samples/b.mp4","Global Description":"B."}
                {"Video":"a.mkv","Global Description":"A."}
                {"Video":"c.mp4","Global Description":"C."}
                {"Video":"d.mp4","Global Description":"D."}
                not json

                {"Global Description":"no video"}
                """);
        Files.write(captions, new byte[] {'{', (byte) 0xC3, '}', '\n'}, java.nio.file.StandardOpenOption.APPEND);
        List<FidelityPair> pairs = pairs(captions);
        assertThat(pairs).extracting(FidelityPair::name).containsExactly("b.mp4", "a.mkv", "c.mp4", "d.mp4");
        assertThat(pairs.get(0).original()).isEqualTo(dir.resolve("orig/b.mp4"));
        assertThat(pairs.get(0).regenerated()).isEqualTo(dir.resolve("regen/b.mp4"));
        assertThat(pairs.get(0).record().path("Global Description").asText()).isEqualTo("B.");
        assertThat(pairs.get(1).original()).isEqualTo(dir.resolve("orig/sub/a.mkv"));
        assertThat(pairs.get(1).regenerated()).isEqualTo(dir.resolve("regen/a.mp4"));
        assertThat(pairs.get(2).problem()).isEqualTo("no regenerated video named c.mp4 in " + dir.resolve("regen"));
        assertThat(pairs.get(3).problem()).isEqualTo("no original video named d.mp4 in " + dir.resolve("orig"));
        // unreadable lines are skipped with a warning, as every JSON Lines input is
        assertThat(bad).extracting(BadLine::line).containsExactly(5L, 7L, 8L);
        assertThat(bad).extracting(BadLine::reason).containsExactly("not JSON", "no Video field", "not valid UTF-8");
    }

    @Test
    void without_records_the_originals_lead_and_a_folder_gives_each_its_text() throws IOException {
        touch("orig/x.mp4");
        touch("orig/y.mp4");
        touch("regen/x.mp4");
        touch("regen/y.mov");
        touch("regen/y.mp4"); // two regenerated videos answer to y
        assertThat(pairs(null)).extracting(p -> p.name() + " " + (p.problem() == null ? "ok" : p.problem().substring(0, 11)))
                .containsExactly("x.mp4 ok", "y.mp4 ok");
        Files.delete(dir.resolve("regen/y.mp4"));
        Path texts = Files.createDirectories(dir.resolve("texts"));
        Files.writeString(texts.resolve("x.txt"), "A cat.");
        List<FidelityPair> pairs = pairs(texts);
        assertThat(pairs.get(0).text()).isEqualTo("A cat.");
        assertThat(pairs.get(0).regenerated()).isEqualTo(dir.resolve("regen/x.mp4"));
        assertThat(pairs.get(1).problem()).isEqualTo("no caption y.txt in " + texts);
    }

    @Test
    void a_name_found_twice_is_a_problem_not_a_guess() throws IOException {
        touch("orig/x.mp4");
        touch("regen/x.mov");
        touch("regen/x.mkv");
        assertThat(pairs(null).get(0).problem()).startsWith("two or more regenerated videos named x.mp4");
    }
}
