package org.instancecap.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class ProgressTest {

    @Test
    void off_a_terminal_it_prints_plain_lines_with_counts_rate_and_time_left() throws Exception {
        StringWriter err = new StringWriter();
        String previous = System.getProperty("instancecap.progress.seconds");
        System.setProperty("instancecap.progress.seconds", "1");
        try (Progress progress = Progress.start("caption", 4, new PrintWriter(err, true), false)) {
            progress.step();
            progress.fail();
            assertThat(progress.line()).matches("caption: 2/4 \\(50\\.0%\\), 1 failed, [0-9.]+/min, about [0-9hms]+ left");
            Thread.sleep(1600);
            assertThat(err.toString()).contains("caption: 2/4 (50.0%), 1 failed");
            progress.step();
            progress.step();
        } finally {
            if (previous == null) {
                System.clearProperty("instancecap.progress.seconds");
            } else {
                System.setProperty("instancecap.progress.seconds", previous);
            }
        }
        // the last line, at the end, says how it ended and nothing about time left
        assertThat(err.toString().lines().reduce((a, b) -> b).orElseThrow()).matches("caption: 4/4 \\(100\\.0%\\), 1 failed, [0-9.]+/min");
    }

    @Test
    void short_runs_off_a_terminal_stay_quiet() {
        StringWriter err = new StringWriter();
        try (Progress progress = Progress.start("probe", 3, new PrintWriter(err, true), false)) {
            progress.step();
        }
        assertThat(err.toString()).isEmpty();
    }
}
