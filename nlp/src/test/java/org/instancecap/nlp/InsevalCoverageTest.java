package org.instancecap.nlp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.instancecap.core.json.Json;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The offline enhancer on the Inseval prompts of the shared media: the instance class each record
 * expects must be among the instances found. The expected class matches a found instance with the
 * same name or the same head noun ("elderly man" and "man", "glass of water" and "glass").
 */
class InsevalCoverageTest {

    private static OpenNlpEnhancer enhancer;

    @BeforeAll
    static void load() {
        enhancer = new OpenNlpEnhancer(3);
    }

    private record Prompt(String file, String sentence, List<String> classes) {
    }

    static Path inseval() {
        String env = System.getenv("INSTANCECAP_MEDIA");
        String prop = System.getProperty("instancecap.media");
        Path media = Path.of(env != null ? env : prop != null ? prop : "../../shared/media").toAbsolutePath().normalize();
        Path dir = media.resolve("inseval/dimensions");
        assumeTrue(Files.isDirectory(dir), "Inseval prompts not found at " + dir + " (set INSTANCECAP_MEDIA); skipping");
        return dir;
    }

    private static List<Prompt> prompts(String set) throws IOException {
        List<Prompt> prompts = new ArrayList<>();
        try (Stream<Path> files = Files.list(inseval().resolve(set))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".jsonl")).sorted().toList()) {
                for (String line : Files.readAllLines(file)) {
                    if (line.isBlank()) {
                        continue;
                    }
                    JsonNode record = Json.mapper().readTree(line);
                    JsonNode instance = record.get("instance");
                    List<String> classes = new ArrayList<>();
                    if (instance.has("class")) {
                        classes.add(instance.get("class").asText());
                    } else {
                        instance.forEach(i -> classes.add(i.get("class").asText()));
                    }
                    prompts.add(new Prompt(file.getFileName().toString(), record.get("sentence").asText(), classes));
                }
            }
        }
        return prompts;
    }

    static boolean found(String expected, List<String> labels) {
        String e = expected.toLowerCase(Locale.ROOT).strip().replaceFirst("^(a|an|the) ", "");
        return labels.stream().anyMatch(l -> l.equals(e) || head(l).equals(head(e)));
    }

    private static String head(String label) {
        String kind = label.contains(" of ") ? label.substring(0, label.indexOf(" of ")) : label;
        return kind.substring(kind.lastIndexOf(' ') + 1);
    }

    @Test
    void single_instance_prompts_have_their_class_among_the_instances() throws IOException {
        List<Prompt> prompts = prompts("single");
        int hits = 0;
        List<String> misses = new ArrayList<>();
        for (Prompt p : prompts) {
            List<String> labels = enhancer.instances(p.sentence());
            if (found(p.classes().get(0), labels)) {
                hits++;
            } else {
                misses.add(p.file() + ": " + p.classes().get(0) + " not in " + labels + " <- " + p.sentence());
            }
        }
        double coverage = hits / (double) prompts.size();
        System.out.printf(Locale.ROOT, "Inseval single: class among the instances for %d of %d prompts (%.1f%%)%n",
                hits, prompts.size(), 100 * coverage);
        misses.forEach(m -> System.out.println("  miss " + m));
        assertThat(prompts).hasSize(115);
        assertThat(coverage).as("share of single prompts whose class was found; misses: %s", misses).isGreaterThanOrEqualTo(0.90);
    }

    @Test
    void multiple_instance_prompts_have_their_classes_among_the_instances() throws IOException {
        List<Prompt> prompts = prompts("multiple");
        int instances = 0;
        int instanceHits = 0;
        int allFound = 0;
        List<String> misses = new ArrayList<>();
        for (Prompt p : prompts) {
            List<String> labels = enhancer.instances(p.sentence());
            boolean all = true;
            for (String c : p.classes()) {
                instances++;
                if (found(c, labels)) {
                    instanceHits++;
                } else {
                    all = false;
                    misses.add(p.file() + ": " + c + " not in " + labels + " <- " + p.sentence());
                }
            }
            allFound += all ? 1 : 0;
        }
        System.out.printf(Locale.ROOT, "Inseval multiple: %d of %d expected instances found (%.1f%%); every instance found "
                        + "for %d of %d prompts (%.1f%%)%n", instanceHits, instances, 100.0 * instanceHits / instances,
                allFound, prompts.size(), 100.0 * allFound / prompts.size());
        misses.forEach(m -> System.out.println("  miss " + m));
        assertThat(instanceHits / (double) instances).isGreaterThanOrEqualTo(0.85);
    }
}
