package org.instancecap.eval.judge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.instancecap.core.InstanceCapException;
import org.instancecap.core.json.Json;
import org.instancecap.core.video.VideoReadException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JudgedCaptionTest {
    @TempDir
    Path tmp;

    private static ObjectNode record(String json) throws Exception {
        return (ObjectNode) Json.mapper().readTree(json);
    }

    @Test
    void a_structured_record_is_read_field_by_field_and_named_by_its_provenance() throws Exception {
        JudgedCaption c = JudgedCaption.of(record("{\"Video\":\"v.mp4\",\"Global Description\":\"A dog runs.\","
                + "\"Structured Description\":{\"Main Instance\":{\"No.0\":{\"Class\":\"dog\",\"Appearance\":\"Brown fur.\","
                + "\"Actions and Motion\":\"It runs left.\",\"Position\":\"At the centre.\"}},\"Background Detail\":\"Grass.\","
                + "\"Camera Movement\":\"Static.\"},\"provenance\":{\"captioner\":\"mllm:qwen\"}}"), tmp.resolve("runs.jsonl"));
        assertThat(c.captioner()).isEqualTo("mllm:qwen");
        assertThat(c.text()).isEqualTo("Overall: A dog runs.\nInstance 1 (dog). Appearance: Brown fur. Actions and motion: It runs left. "
                + "Position: At the centre.\nBackground: Grass.\nCamera: Static.");
    }

    @Test
    void a_plain_caption_without_provenance_goes_under_the_name_of_its_file() throws Exception {
        JudgedCaption c = JudgedCaption.of(record("{\"video\":\"v.mp4\",\"caption\":\"  A dog. \"}"), tmp.resolve("baseline.v2.jsonl"));
        assertThat(c.captioner()).isEqualTo("baseline.v2");
        assertThat(c.text()).isEqualTo("A dog.");
        assertThatThrownBy(() -> JudgedCaption.of(record("{\"caption\":\"A dog.\"}"), tmp.resolve("b.jsonl")))
                .isInstanceOf(InstanceCapException.class).hasMessage("the record has no Video field");
        assertThatThrownBy(() -> JudgedCaption.of(record("{\"Video\":\"v.mp4\"}"), tmp.resolve("b.jsonl")))
                .hasMessage("the record has neither a Structured Description nor a caption field");
    }

    @Test
    void the_video_is_found_in_the_folder_given_or_beside_the_captions_file() throws Exception {
        Path videos = Files.createDirectories(tmp.resolve("videos"));
        Files.write(videos.resolve("v.mp4"), new byte[] {1});
        Path captions = tmp.resolve("captions.jsonl");
        JudgedCaption c = new JudgedCaption("some/where/v.mp4", "x", "A dog.");
        assertThat(c.locate(videos, captions)).isEqualTo(videos.resolve("v.mp4"));
        JudgedCaption relative = new JudgedCaption("videos/v.mp4", "x", "A dog.");
        assertThat(relative.locate(null, captions)).isEqualTo(tmp.resolve("videos/v.mp4"));
        assertThatThrownBy(() -> new JudgedCaption("gone.mp4", "x", "A dog.").locate(videos, captions))
                .isInstanceOf(VideoReadException.class).hasMessage("no such file in " + videos + " (gone.mp4)");
    }
}
