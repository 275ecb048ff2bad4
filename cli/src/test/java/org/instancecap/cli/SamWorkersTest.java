package org.instancecap.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.instancecap.core.json.Json;
import org.instancecap.vision.segment.TinySam;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code caption --segmenter sam} writes the same records whether the videos are analysed one or two at a time. */
class SamWorkersTest {

    @TempDir
    Path dir;

    @Test
    void sam_captions_at_two_workers_are_those_at_one() throws Exception {
        Path videos = Files.createDirectories(dir.resolve("videos"));
        for (int v = 0; v < 6; v++) {
            // other brightness changes in each clip: the masks differ from frame to frame and clip to clip
            TinyModels.clip(videos.resolve("clip" + v + ".mkv"), 1 + v % 3);
        }
        Path detector = TinyModels.detector(dir);
        Path encoder = TinySam.encoder(dir);
        Path decoder = TinySam.decoder(dir);

        Map<String, JsonNode> one = caption(videos, detector, encoder, decoder, 1);
        Map<String, JsonNode> two = caption(videos, detector, encoder, decoder, 2);

        assertThat(one).hasSize(6);
        assertThat(two).isEqualTo(one);
        // the masks made a difference: where the frame is dark SAM gives nothing and the box centre places the person
        assertThat(one.values().stream().map(r -> r.get("amc").get("instances").get(0).get("regions").toString()).distinct().count())
                .isGreaterThan(1);
    }

    private Map<String, JsonNode> caption(Path videos, Path detector, Path encoder, Path decoder, int workers) throws Exception {
        Path out = dir.resolve("captions-" + workers + ".jsonl");
        Cli cli = Cli.run("caption", videos.toString(), "-o", out.toString(), "--with-amc", "--workers", String.valueOf(workers),
                "--detector", "onnx", "--detector-model", detector.toString(),
                "--segmenter", "sam", "--sam-encoder", encoder.toString(), "--sam-decoder", decoder.toString());
        assertThat(cli.exitCode()).as(cli.err()).isZero();
        Map<String, JsonNode> records = new TreeMap<>();
        List<String> lines = new ArrayList<>(Files.readAllLines(out, StandardCharsets.UTF_8));
        for (String line : lines) {
            ObjectNode record = (ObjectNode) Json.mapper().readTree(line);
            ObjectNode provenance = (ObjectNode) record.get("provenance");
            provenance.remove("amcSeconds");
            provenance.remove("captionSeconds");
            records.put(record.get("Video").asText(), record);
        }
        return records;
    }
}
