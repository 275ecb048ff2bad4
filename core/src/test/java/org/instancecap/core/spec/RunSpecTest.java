package org.instancecap.core.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import org.instancecap.core.amc.AmcSettings;
import org.instancecap.core.detect.DetectorOptions;
import org.instancecap.core.json.Json;
import org.junit.jupiter.api.Test;

class RunSpecTest {

    private static final LlmSpec SERVER = new LlmSpec("http://localhost:8000/v1", "qwen2.5-vl", "PATH", 120, 512, 0, 768, 5, 32);
    private static final RunSpec FULL = new RunSpec("javacv", new ClusterSpec(12, 2, true, 256),
            new DetectorOptions("onnx", Path.of("models/yolo11n.onnx"), Path.of("/data/labels.txt"), 0.4),
            new SegmenterSpec("sam", Path.of("sam.encoder.onnx"), Path.of("sam.decoder.onnx")), "opencv", "opencv", "none",
            CaptionerSpec.mllm(SERVER).withHints(true));

    @Test
    void a_spec_comes_back_equal_from_its_json() {
        assertThat(RunSpec.fromJson(FULL.toJson())).isEqualTo(FULL);
        assertThat(RunSpec.fromJson(RunSpec.DEFAULT.toJson())).isEqualTo(RunSpec.DEFAULT);
    }

    @Test
    void what_a_spec_leaves_out_is_the_defaults() {
        String captionerOnly = "{\"captioner\": {\"name\": \"mllm\", \"llm\": " + Json.line(SERVER) + "},"
                + " \"cluster\": {\"frames\": 12}}";
        RunSpec spec = RunSpec.fromJson(captionerOnly);

        assertThat(spec.captioner()).isEqualTo(CaptionerSpec.mllm(SERVER));
        assertThat(spec.cluster()).isEqualTo(new ClusterSpec(12, ClusterSpec.DEFAULT.maxInstances(), ClusterSpec.DEFAULT.allFrames(),
                ClusterSpec.DEFAULT.cameraWidth()));
        assertThat(spec.withCaptioner(CaptionerSpec.OFFLINE)).isEqualTo(RunSpec.of(spec.cluster(), RunSpec.DEFAULT.detector(),
                RunSpec.DEFAULT.segmenter(), CaptionerSpec.OFFLINE));
        assertThat(RunSpec.fromJson("{}")).isEqualTo(RunSpec.DEFAULT);
        assertThatThrownBy(() -> RunSpec.fromJson("[1]")).hasMessage("not a run spec: not a JSON object");
    }

    @Test
    void files_are_written_as_the_paths_they_are() throws Exception {
        var json = Json.mapper().readTree(FULL.toJson());

        assertThat(json.get("detector").get("model").asText()).isEqualTo(Path.of("models/yolo11n.onnx").toString());
        assertThat(json.get("segmenter").get("samDecoder").asText()).isEqualTo("sam.decoder.onnx");
        assertThat(json.get("detector").get("labels").asText()).isEqualTo(Path.of("/data/labels.txt").toString());
    }

    @Test
    void the_api_key_is_named_never_written() {
        String key = System.getenv("PATH");
        String json = FULL.toJson();

        assertThat(json).contains("\"apiKeyEnv\":\"PATH\"");
        assertThat(key).isNotBlank();
        assertThat(json).doesNotContain(key);
        assertThat(FULL.toString()).doesNotContain(key);
    }

    @Test
    void the_cluster_settings_read_the_threshold_of_the_detector() {
        AmcSettings settings = FULL.amcSettings();

        assertThat(settings).isEqualTo(new AmcSettings(12, 2, "onnx", 0.4, true, "sam", 256));
        assertThat(RunSpec.DEFAULT.amcSettings()).isEqualTo(AmcSettings.DEFAULT);
    }

    @Test
    void each_bad_value_is_named_with_its_path() {
        assertThat(invalid("cluster", "frames", 0)).hasMessage("cluster.frames must be >= 1, got 0");
        assertThat(invalid("cluster", "maxInstances", -1)).hasMessage("cluster.maxInstances must be >= 0, got -1");
        assertThat(invalid("cluster", "cameraWidth", 8)).hasMessage("cluster.cameraWidth must be >= 16, got 8");
        assertThat(invalid("detector", "threshold", 1.5)).hasMessage("detector.threshold must be in (0, 1), got 1.5");
        assertThat(invalid("detector", "backend", " ")).hasMessage("detector.backend must not be blank");
        assertThat(invalid("segmenter", "name", "")).hasMessage("segmenter.name must not be blank, got \"\"");
        assertThat(invalid("captioner", "name", "")).hasMessage("captioner.name must not be blank, got \"\"");
        assertThat(invalidLlm("url", "ftp://x")).hasMessage("captioner.llm.url must be an http(s) URL, got \"ftp://x\"");
        assertThat(invalidLlm("url", "ftp://user:secret@host/v1")).hasMessageNotContaining("secret");
        assertThat(invalidLlm("model", " ")).hasMessage("captioner.llm.model must not be blank, got \" \"");
        assertThat(invalidLlm("timeoutSeconds", 0)).hasMessage("captioner.llm.timeoutSeconds must be >= 1, got 0");
        assertThat(invalidLlm("maxTokens", 0)).hasMessage("captioner.llm.maxTokens must be >= 1, got 0");
        assertThat(invalidLlm("temperature", 2.5)).hasMessage("captioner.llm.temperature must be in [0, 2], got 2.5");
        assertThat(invalidLlm("imageSide", 8)).hasMessage("captioner.llm.imageSide must be >= 16, got 8");
        assertThat(invalidLlm("retries", -1)).hasMessage("captioner.llm.retries must be >= 0, got -1");
        assertThat(invalidLlm("maxInFlight", 0)).hasMessage("captioner.llm.maxInFlight must be >= 1, got 0");
        assertThat(invalid(null, "reader", " ")).hasMessage("reader must be given, got \" \"");
        assertThat(invalid(null, "cluster", null)).hasMessage("cluster must be given, got null");
    }

    @Test
    void records_say_the_bad_value_without_json() {
        assertThatThrownBy(() -> new ClusterSpec(0, 3, false, 320)).hasMessage("frames must be >= 1, got 0");
        assertThatThrownBy(() -> new LlmSpec("ftp://x", "m", null, 1, 1, 0, 16, 0, 1))
                .hasMessage("url must be an http(s) URL, got \"ftp://x\"");
    }

    @Test
    void unknown_fields_are_refused_by_name() {
        ObjectNode json = tree();
        ((ObjectNode) json.get("captioner").get("llm")).put("apiKey", "sk-123");
        assertThatThrownBy(() -> RunSpec.fromJson(json.toString()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown field 'captioner.llm.apiKey'");

        ObjectNode top = tree();
        top.put("workers", 2);
        assertThatThrownBy(() -> RunSpec.fromJson(top.toString())).hasMessage("unknown field 'workers'");
    }

    @Test
    void what_is_not_json_says_so() {
        assertThatThrownBy(() -> RunSpec.fromJson("{\"cluster\": ")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("not a run spec: ");
        ObjectNode json = tree();
        ((ObjectNode) json.get("cluster")).put("frames", "many");
        assertThatThrownBy(() -> RunSpec.fromJson(json.toString())).hasMessageStartingWith("not a run spec at 'cluster.frames': ");
    }

    @Test
    void the_llm_spec_carries_the_client_settings_both_ways() {
        assertThat(LlmSpec.of(SERVER.settings())).isEqualTo(SERVER);
        assertThat(SERVER.settings().timeout()).hasSeconds(120);
    }

    private static ObjectNode tree() {
        try {
            return (ObjectNode) Json.mapper().readTree(FULL.toJson());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static Throwable invalid(String part, String field, Object value) {
        ObjectNode json = tree();
        ObjectNode where = part == null ? json : (ObjectNode) json.get(part);
        where.set(field, Json.mapper().valueToTree(value));
        return catchIt(json);
    }

    private static Throwable invalidLlm(String field, Object value) {
        ObjectNode json = tree();
        ((ObjectNode) json.get("captioner").get("llm")).set(field, Json.mapper().valueToTree(value));
        return catchIt(json);
    }

    private static Throwable catchIt(ObjectNode json) {
        try {
            RunSpec.fromJson(json.toString());
        } catch (IllegalArgumentException e) {
            return e;
        }
        throw new AssertionError("accepted " + json);
    }
}
