package org.instancecap.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.instancecap.vision.video.SyntheticVideos;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Eight 8K frames are 800 MB as RGB; {@code frames} writes each as it is decoded, so it must get
 * by with a heap that could not hold them all.
 */
class BoundedMemoryTest {

    @TempDir
    Path tmp;

    @Test
    void frames_of_an_8k_video_fit_in_a_400_mb_heap() throws Exception {
        int w = 7680;
        int h = 4320;
        Path video = SyntheticVideos.write(tmp.resolve("8k.mkv"), SyntheticVideos.Kind.FFV1_MKV, w, h, 10, 10,
                k -> SyntheticVideos.flat(w, h, 20 * k, 100, 200 - 10 * k));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(java, "-Xmx400m", "-cp", System.getProperty("java.class.path"),
                Main.class.getName(), "frames", video.toString(), "-n", "8", "-o", tmp.resolve("out").toString())
                .redirectErrorStream(true).start();
        assertThat(process.waitFor(5, TimeUnit.MINUTES)).isTrue();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.exitValue()).as(output).isZero();
        try (var files = Files.list(tmp.resolve("out"))) {
            assertThat(files.filter(p -> p.toString().endsWith(".jpg"))).hasSize(8);
        }
    }
}
