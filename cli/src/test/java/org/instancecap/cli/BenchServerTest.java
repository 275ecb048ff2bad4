package org.instancecap.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.instancecap.vision.video.SharedMedia;
import org.junit.jupiter.api.Test;

class BenchServerTest {

    @Test
    void a_run_against_the_simulated_server_reports_its_share_of_the_servers_limit() {
        BuiltInDetector.requireOrSkip();
        Cli cli = Cli.run("bench", "--server", "2:200", SharedMedia.file("videos/moviepy_chaplin.mp4").toString());
        assertThat(cli.exitCode()).as(cli.err()).isZero();
        assertThat(cli.out()).contains("server: 2 requests at once, 200 ms each: at most 10.00 requests/s");
        Matcher run = Pattern.compile("run: 1 videos captioned, (\\d+) requests in ([0-9.]+) s: ([0-9.]+) requests/s = ([0-9.]+)% of the server's limit")
                .matcher(cli.out());
        assertThat(run.find()).as(cli.out()).isTrue();
        // one person: 4 + 4 questions, of which three wait on each other, so at least 3 × 200 ms
        assertThat(Integer.parseInt(run.group(1))).isEqualTo(8);
        double seconds = Double.parseDouble(run.group(2));
        assertThat(seconds).isGreaterThan(0.6);
        // the seconds are printed to a tenth: the share lies within what that rounding allows
        assertThat(Double.parseDouble(run.group(4))).isBetween(100 * 8 / (seconds + 0.05) / 10 - 0.1, 100 * 8 / (seconds - 0.05) / 10 + 0.1);
        // the simulated server counts one prompt and one completion token per answer
        assertThat(cli.out()).contains("tokens: 8 prompt, 8 completion, ");

        assertThat(Cli.run("bench", "--server", "four", "x.mp4").exitCode()).isEqualTo(2);
    }
}
