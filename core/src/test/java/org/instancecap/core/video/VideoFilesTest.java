package org.instancecap.core.video;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.instancecap.core.io.BadLine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VideoFilesTest {

    @TempDir
    Path tmp;

    @Test
    void folders_give_their_videos_sorted_and_files_are_kept_as_given() throws Exception {
        Files.createDirectories(tmp.resolve("d/sub"));
        Files.writeString(tmp.resolve("d/b.mp4"), "");
        Files.writeString(tmp.resolve("d/sub/a.MKV"), "");
        Files.writeString(tmp.resolve("d/notes.txt"), "");
        assertThat(VideoFiles.expand(List.of(tmp.resolve("d"), tmp.resolve("x.bin"))))
                .containsExactly(tmp.resolve("d/b.mp4"), tmp.resolve("d/sub/a.MKV"), tmp.resolve("x.bin"));
    }

    @Test
    void a_csv_manifest_lists_its_path_column_relative_to_itself() throws Exception {
        Files.writeString(tmp.resolve("list.csv"), "id,caption,path\n1,\"a, b\",clips/one.mp4\n2,\"say \"\"hi\"\"\",/abs/two.mp4\n\n");
        assertThat(VideoFiles.expand(List.of(tmp.resolve("list.csv"))))
                .containsExactly(tmp.resolve("clips/one.mp4").toAbsolutePath(), Path.of("/abs/two.mp4"));
    }

    @Test
    void a_jsonl_manifest_lists_its_path_fields() throws Exception {
        Files.writeString(tmp.resolve("list.jsonl"), "{\"video\":\"v1.mp4\"}\n{\"Video\":\"v2.mp4\",\"x\":1}\n");
        assertThat(VideoFiles.expand(List.of(tmp.resolve("list.jsonl"))))
                .containsExactly(tmp.resolve("v1.mp4").toAbsolutePath(), tmp.resolve("v2.mp4").toAbsolutePath());
        Files.writeString(tmp.resolve("bad.jsonl"), "{\"name\":\"v1.mp4\"}\n");
        assertThatThrownBy(() -> VideoFiles.expand(List.of(tmp.resolve("bad.jsonl")))).hasMessageContaining("line 1");
    }

    @Test
    void csv_manifests_give_their_id_column_or_none() throws Exception {
        Path withId = Files.writeString(tmp.resolve("ids.csv"),
                "caption,ID,path\n\"a, b\",clip-1,one.mp4\n\"say \"\"hi\"\"\",,two.mp4\n\"x\",\"k,3\",\"th,ree.mp4\"\n");
        Path withKey = Files.writeString(tmp.resolve("keys.csv"), "Key,video\nk1,one.mp4\n");
        Path without = Files.writeString(tmp.resolve("plain.csv"), "path\none.mp4\n");
        assertThat(inputs(withId, withKey, without)).containsExactly(
                new VideoInput("clip-1", tmp.resolve("one.mp4")), new VideoInput(null, tmp.resolve("two.mp4")),
                new VideoInput("k,3", tmp.resolve("th,ree.mp4")), new VideoInput("k1", tmp.resolve("one.mp4")),
                new VideoInput(null, tmp.resolve("one.mp4")));
        assertThat(skipped).isEmpty();
    }

    @Test
    void jsonl_manifests_give_their_id_field_or_none() throws Exception {
        Path file = Files.writeString(tmp.resolve("list.jsonl"), """
                {"Id": "a", "video": "one.mp4"}
                {"key": 7, "path": "two.mp4"}
                {"id": "", "path": "three.mp4"}
                {"file": "four.mp4"}
                """);
        assertThat(inputs(file)).containsExactly(new VideoInput("a", tmp.resolve("one.mp4")),
                new VideoInput("7", tmp.resolve("two.mp4")), new VideoInput(null, tmp.resolve("three.mp4")),
                new VideoInput(null, tmp.resolve("four.mp4")));
    }

    @Test
    void bad_manifest_lines_are_skipped_with_their_number_and_the_good_ones_listed() throws Exception {
        byte[] badByte = {'x', (byte) 0xff, '.', 'm', 'p', '4', ',', '9', '\n'};
        Path csv = tmp.resolve("list.csv");
        Files.write(csv, concat("path,id\none.mp4,1\n".getBytes(), badByte, "two.mp4,2\n".getBytes()));
        Path jsonl = tmp.resolve("list.jsonl");
        Files.write(jsonl, concat("{\"path\":\"a.mp4\"}\nnot json\n".getBytes(), new byte[] {'{', '"', 'p', '"', ':', '"', (byte) 0xc3, '"', '}', '\n'},
                "{\"name\":\"b.mp4\"}\n[1]\n{\"path\":\"c.mp4\",\"id\":\"c\"}\n".getBytes()));
        assertThat(inputs(csv, jsonl)).containsExactly(new VideoInput("1", tmp.resolve("one.mp4")),
                new VideoInput("2", tmp.resolve("two.mp4")), new VideoInput(null, tmp.resolve("a.mp4")),
                new VideoInput("c", tmp.resolve("c.mp4")));
        assertThat(skipped).extracting(BadLine::warning).containsExactly(
                "warning: skipped line 3 of " + csv + ": not valid UTF-8",
                "warning: skipped line 2 of " + jsonl + ": not JSON",
                "warning: skipped line 3 of " + jsonl + ": not valid UTF-8",
                "warning: skipped line 4 of " + jsonl + ": no path, video or file field",
                "warning: skipped line 5 of " + jsonl + ": not a JSON object");
        assertThatThrownBy(() -> VideoFiles.expand(List.of(jsonl))).hasMessage("manifest line 2: not JSON (" + jsonl + ")");
    }

    private final List<BadLine> skipped = new ArrayList<>();

    private List<VideoInput> inputs(Path... manifests) {
        List<VideoInput> inputs = new ArrayList<>();
        VideoFiles.forEachInput(List.of(manifests), inputs::add, skipped::add);
        return inputs;
    }

    private static byte[] concat(byte[]... parts) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.write(part);
        }
        return out.toByteArray();
    }

    @Test
    void unique_stems_number_repeated_names() {
        Set<String> used = new java.util.HashSet<>();
        assertThat(VideoFiles.uniqueStem(Path.of("a/clip.mp4"), used)).isEqualTo("clip");
        assertThat(VideoFiles.uniqueStem(Path.of("b/clip.mkv"), used)).isEqualTo("clip_2");
    }
}
