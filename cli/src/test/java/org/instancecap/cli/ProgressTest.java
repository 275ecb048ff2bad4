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
        assertThat(err.toString().lines().reduce((a, b) -> b).orElseThrow()).matches("caption: 3 done, 1 failed, 0 skipped in [0-9.]+ s \\([0-9.]+/min\\)");
    }

    @Test
    void a_run_shorter_than_the_interval_ends_with_one_line_of_counts_time_rate_and_where_the_records_are() {
        StringWriter err = new StringWriter();
        try (Progress progress = Progress.start("caption", 12, new PrintWriter(err, true), false).skipped(3)
                .records("records in captions.jsonl, failures in captions.jsonl.errors.jsonl")) {
            for (int i = 0; i < 11; i++) {
                progress.step();
            }
            progress.fail();
        }
        assertThat(err.toString().lines().toList()).singleElement().asString().matches("caption: 11 done, 1 failed, 3 skipped in "
                + "[0-9]+\\.[0-9] s \\([0-9]+\\.[0-9]/min\\); records in captions.jsonl, failures in captions.jsonl.errors.jsonl");
    }

    @Test
    void on_a_terminal_the_last_line_stays_after_the_bar_is_cleared() {
        StringWriter err = new StringWriter();
        try (Progress progress = Progress.start("amc", 2, new PrintWriter(err, true), true).records(() -> "records in out")) {
            progress.step();
            progress.step();
        }
        assertThat(err.toString()).matches("amc: 2 done, 0 failed, 0 skipped in [0-9.]+ s \\([0-9.]+/min\\); records in out\\R");
    }

    @Test
    void a_stopped_run_says_how_far_it_got_and_how_to_go_on() {
        StringWriter err = new StringWriter();
        try (Progress progress = Progress.start("caption", 11, new PrintWriter(err, true), false)) {
            for (int i = 0; i < 4; i++) {
                progress.step();
            }
            progress.stopped("run the same command again to continue");
        }
        assertThat(err.toString().lines().toList())
                .containsExactly("caption: stopped after 4 of 11 videos; run the same command again to continue");
    }

    @Test
    void a_single_item_still_gets_its_last_line() {
        StringWriter err = new StringWriter();
        try (Progress progress = Progress.start("enhance", "prompts", 1, new PrintWriter(err, true), false)) {
            progress.step();
        }
        assertThat(err.toString()).startsWith("enhance: 1 done, 0 failed, 0 skipped in ");
    }
}
