package org.instancecap.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The launcher's stderr filter: TensorFlow's two absl lines go, everything else (bar updates included) stays. */
class LauncherTest {

    @Test
    void the_stderr_filter_drops_only_tensorflows_absl_lines() throws Exception {
        Path launcher = Path.of("..", "instancecap");
        assumeTrue(Files.isRegularFile(launcher), "no launcher next to the module");
        String script = Files.readString(launcher, StandardCharsets.UTF_8);
        int start = script.indexOf("filter='\n");
        int end = script.indexOf("\n'\n", start);
        assumeTrue(start >= 0 && end > start, "the launcher has no filter");
        String filter = script.substring(start + "filter='\n".length(), end);
        String absl = "WARNING: All log messages before absl::InitializeLog() is called are written to STDERR";
        String mlir = "I0000 00:00:1796168902.165080   12249 mlir_graph_optimization_pass.cc:401] MLIR V1 optimization pass is not enabled";
        String input = "\rcaption  10% [=  ] 1/10 videos" + absl + "\n" + mlir + "\n"
                + "error: file is empty (a.mp4)\nI am not a log line\nWARNING: something else\n"
                + "\rcaption  20% [== ] 2/10 videos";
        Process perl;
        try {
            perl = new ProcessBuilder(List.of("perl", "-e", filter)).redirectErrorStream(true).start();
        } catch (java.io.IOException e) {
            assumeTrue(false, "no perl: " + e.getMessage());
            return;
        }
        perl.getOutputStream().write(input.getBytes(StandardCharsets.UTF_8));
        perl.getOutputStream().close();
        String out = new String(perl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(perl.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(out).isEqualTo("\rcaption  10% [=  ] 1/10 videos"
                + "error: file is empty (a.mp4)\nI am not a log line\nWARNING: something else\n"
                + "\rcaption  20% [== ] 2/10 videos");
    }
}
