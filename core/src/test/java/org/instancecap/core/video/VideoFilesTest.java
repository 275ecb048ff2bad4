package org.instancecap.core.video;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
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
    void unique_stems_number_repeated_names() {
        Set<String> used = new java.util.HashSet<>();
        assertThat(VideoFiles.uniqueStem(Path.of("a/clip.mp4"), used)).isEqualTo("clip");
        assertThat(VideoFiles.uniqueStem(Path.of("b/clip.mkv"), used)).isEqualTo("clip_2");
    }
}
