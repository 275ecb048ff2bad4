package org.instancecap.eval.inseval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.instancecap.core.InstanceCapException;
import org.instancecap.core.io.BadLine;
import org.instancecap.vision.video.SharedMedia;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PromptSetTest {

    @TempDir
    Path tmp;

    @Test
    void reads_the_released_prompt_files() {
        List<BadLine> bad = new ArrayList<>();
        List<InsevalPrompt> prompts = PromptSet.read(SharedMedia.file("inseval"), bad::add);
        assertThat(bad).isEmpty();
        Map<String, Integer> counts = new TreeMap<>();
        prompts.forEach(p -> counts.merge(p.set() + "/" + p.dimension().id(), 1, Integer::sum));
        assertThat(counts).containsExactlyInAnyOrderEntriesOf(Map.of("single/action", 25, "single/color", 25, "single/shape", 25,
                "single/texture", 25, "single/detail", 15, "multiple/action", 25, "multiple/color", 25, "multiple/shape", 25,
                "multiple/texture", 25, "multiple/detail", 15));
        InsevalPrompt first = prompts.get(25); // single/color, first line
        assertThat(first.video()).isEqualTo("single/color/0000.mp4");
        assertThat(first.instances()).containsExactly(new InsevalPrompt.Expected("pen", "neon pink"));
        InsevalPrompt multiple = prompts.stream().filter(p -> p.video().equals("multiple/color/0000.mp4")).findFirst().orElseThrow();
        assertThat(multiple.instances()).containsExactly(new InsevalPrompt.Expected("keychain", "sapphire blue"),
                new InsevalPrompt.Expected("bag", "light brown"));
        assertThat(prompts.stream().filter(p -> p.multiple() && p.dimension() == Dimension.ACTION)
                .mapToInt(p -> p.instances().size()).sum()).isEqualTo(51);
        assertThat(new InsevalPrompt.Expected("A young man", "x").noun()).isEqualTo("young man");
    }

    @Test
    void bad_lines_are_left_out_with_their_line_and_reason() throws Exception {
        Path single = Files.createDirectories(tmp.resolve("dimensions/single"));
        Files.writeString(single.resolve("color.jsonl"), String.join("\n",
                "{\"name\": \"0000.mp4\", \"sentence\": \"A red cup.\", \"instance\": {\"class\": \"cup\", \"color\": \"red\"}}",
                "{\"name\": \"0001.mp4\", \"sentence\": \"A cup.\", \"instance\": {\"class\": \"cup\"}}",
                "not json",
                "{\"name\": \"0000.mp4\", \"sentence\": \"Again.\", \"instance\": {\"class\": \"cup\", \"color\": \"red\"}}",
                "{\"name\": \"0002.mp4\", \"sentence\": \"Two.\", \"instance\": {\"1\": {\"class\": \"b\", \"color\": \"blue\"}, "
                        + "\"0\": {\"class\": \"a\", \"color\": \"red\"}}}"), StandardCharsets.UTF_8);
        List<BadLine> bad = new ArrayList<>();
        List<InsevalPrompt> prompts = PromptSet.read(tmp, bad::add);
        assertThat(prompts).extracting(InsevalPrompt::name).containsExactly("0000.mp4", "0002.mp4");
        assertThat(prompts.get(1).instances()).extracting(InsevalPrompt.Expected::className).containsExactly("a", "b");
        assertThat(bad).extracting(BadLine::line).containsExactly(2L, 3L, 4L);
        assertThat(bad.get(0).reason()).isEqualTo("no color text");
        assertThat(bad.get(2).reason()).isEqualTo("name 0000.mp4 appears twice");
    }

    @Test
    void a_folder_without_prompts_is_one_error_naming_it() {
        assertThatThrownBy(() -> PromptSet.read(tmp, b -> { })).isInstanceOf(InstanceCapException.class)
                .hasMessageContaining("neither single/ nor multiple/ in " + tmp);
    }
}
