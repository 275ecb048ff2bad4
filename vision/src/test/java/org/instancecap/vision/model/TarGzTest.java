package org.instancecap.vision.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TarGzTest {

    private static final String DEEP = "package/" + "deep/".repeat(25) + "file.txt";

    @Test
    void extracts_only_the_wanted_files_whatever_the_name_encoding(@TempDir Path dir) throws IOException {
        Path archive = dir.resolve("a.tgz");
        new Tarballs()
                .directory("package/")
                .file("package/skipped.bin", "x".repeat(700))
                .file("package/models/centernet.json", "{}")
                .file(DEEP, "prefixed")
                .paxFile("package/pax/" + "p".repeat(120) + ".txt", "from pax")
                .gnuLongNameFile("package/gnu/" + "g".repeat(120) + ".txt", "from gnu")
                .writeTo(archive);
        Path out = dir.resolve("out");
        Set<String> wanted = Set.of("package/models/centernet.json", DEEP, "package/pax/" + "p".repeat(120) + ".txt",
                "package/gnu/" + "g".repeat(120) + ".txt", "package/absent.txt");

        Set<String> found = TarGz.extract(archive, wanted, out);

        assertThat(found).containsExactlyInAnyOrder("package/models/centernet.json", DEEP,
                "package/pax/" + "p".repeat(120) + ".txt", "package/gnu/" + "g".repeat(120) + ".txt");
        assertThat(out.resolve("package/models/centernet.json")).hasContent("{}");
        assertThat(out.resolve(DEEP)).hasContent("prefixed");
        assertThat(out.resolve("package/pax/" + "p".repeat(120) + ".txt")).hasContent("from pax");
        assertThat(out.resolve("package/gnu/" + "g".repeat(120) + ".txt")).hasContent("from gnu");
        assertThat(out.resolve("package/skipped.bin")).doesNotExist();
        assertThat(out.resolve("stand-in")).doesNotExist();
    }

    @Test
    void refuses_entries_that_leave_the_target(@TempDir Path dir) throws IOException {
        Path archive = dir.resolve("a.tgz");
        new Tarballs().file("../evil.txt", "no").writeTo(archive);
        assertThatThrownBy(() -> TarGz.extract(archive, Set.of("../evil.txt"), dir.resolve("out")))
                .isInstanceOf(IOException.class).hasMessageContaining("escapes");
        assertThat(dir.resolve("evil.txt")).doesNotExist();
    }

    @Test
    void truncated_archive_is_an_error(@TempDir Path dir) throws IOException {
        Path archive = dir.resolve("a.tgz");
        new Tarballs().file("package/a.txt", "y".repeat(2000)).writeTo(archive);
        byte[] whole = Files.readAllBytes(archive);
        Path cut = dir.resolve("cut.tgz");
        Files.write(cut, java.util.Arrays.copyOf(whole, whole.length / 2));
        assertThatThrownBy(() -> TarGz.extract(cut, Set.of("package/a.txt"), dir.resolve("out")))
                .isInstanceOf(IOException.class);
    }
}
