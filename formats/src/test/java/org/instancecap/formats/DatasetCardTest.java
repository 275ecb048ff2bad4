package org.instancecap.formats;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.instancecap.core.json.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetCardTest {
    @TempDir
    Path tmp;

    @Test
    void the_card_counts_the_exported_records_and_says_how_they_were_made() throws Exception {
        Path source = tmp.resolve("captions.jsonl");
        SyntheticRecords.write(source, 20);
        Files.writeString(source, "{\"Video\":\"broken.mp4\"}\n", StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.APPEND);
        Files.writeString(tmp.resolve("captions.jsonl.summary.json"), "{\"tool\":\"instancecap 9.9\",\"java\":\"17.0.15\","
                + "\"captioned\":20,\"failed\":0,\"amc\":{\"frames\":8}}");
        Path dir = tmp.resolve("dataset");
        DatasetExport.run(source, dir, ParquetExportTest.parquet(100, null), f -> { });
        String card = Files.readString(dir.resolve(DatasetCard.FILE));

        // what the synthetic records hold: i % 4 instances, no amc (and no camera label) when i % 5 == 4
        Map<String, Integer> instances = new TreeMap<>();
        Map<String, Integer> cameras = new TreeMap<>();
        int mllm = 0;
        for (int i = 0; i < 20; i++) {
            instances.merge(String.valueOf(i % 4), 1, Integer::sum);
            var record = SyntheticRecords.record(i);
            cameras.merge(record.has("amc") ? record.at("/amc/camera/label").asText() : "unknown", 1, Integer::sum);
            if (record.at("/provenance/captioner").asText().startsWith("mllm:")) {
                mllm++;
            }
        }
        assertThat(table(card, "Main instances per clip")).isEqualTo(instances);
        assertThat(new TreeMap<>(table(card, "Camera label"))).isEqualTo(cameras);
        assertThat(card).startsWith("---\n").contains("\nlicense: \n").contains("size_categories:\n- n<1K\n")
                .contains("data_files: \"part-*.parquet\"")
                .contains("20 videos with instance-aware structured captions")
                .contains("`mllm:qwen2-vl` (" + mllm + " records)")
                .contains("server model: qwen2-vl")
                .contains("`not recorded` (4 records)") // the records written without --with-amc
                .contains("tool instancecap 9.9, java 17.0.15")
                .contains("1 source line was left out")
                .contains("| `instances` | `list<struct<class: string, appearance: string, actions_and_motion: string, "
                        + "position: string, score: double, boxes: list<struct<x1: double, y1: double, x2: double, y2: double>>, "
                        + "regions: list<string>>>` |");
        int durations = table(card, "Duration").values().stream().mapToInt(Integer::intValue).sum();
        assertThat(durations).isEqualTo(20);
    }

    @Test
    void an_empty_source_gives_an_empty_dataset_with_its_card() throws Exception {
        Path source = Files.writeString(tmp.resolve("empty.jsonl"), "");
        DatasetExport.Outcome outcome = DatasetExport.run(source, tmp.resolve("d"), ParquetExportTest.parquet(10, null), f -> { });
        assertThat(outcome.index().files()).isEmpty();
        assertThat(outcome.index().complete()).isTrue();
        assertThat(Files.readString(tmp.resolve("d").resolve(DatasetCard.FILE))).contains("0 videos");
        assertThat(Json.mapper().readTree(tmp.resolve("d/index.json").toFile()).get("files").size()).isZero();
    }

    /** The rows of the card's table headed {@code name}. */
    private static Map<String, Integer> table(String card, String name) {
        Map<String, Integer> rows = new LinkedHashMap<>();
        List<String> lines = card.lines().toList();
        int start = lines.indexOf(lines.stream().filter(l -> l.startsWith("| " + name + " |")).findFirst().orElseThrow());
        for (int i = start + 2; i < lines.size() && lines.get(i).startsWith("| "); i++) {
            String[] cells = lines.get(i).split(" \\| ");
            int count = Integer.parseInt(cells[1].replace("|", "").trim());
            if (count > 0) {
                rows.put(cells[0].substring(2), count);
            }
        }
        return rows;
    }
}
