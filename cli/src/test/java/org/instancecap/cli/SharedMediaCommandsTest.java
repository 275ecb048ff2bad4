package org.instancecap.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.instancecap.vision.video.SharedMedia;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The commands on the real edge cases: an answer or one line naming the file and the reason. */
class SharedMediaCommandsTest {

    @TempDir
    Path tmp;

    private static List<Path> edgeFiles() throws IOException {
        try (Stream<Path> walk = Files.walk(SharedMedia.file("edge"))) {
            return walk.filter(Files::isRegularFile).filter(p -> !p.toString().endsWith(".md")).sorted().toList();
        }
    }

    @Test
    void frames_over_the_edge_folder_answers_or_names_each_broken_file() throws IOException {
        List<Path> files = edgeFiles();
        String[] args = Stream.concat(Stream.of("frames", "-n", "4", "-o", tmp.toString()),
                files.stream().map(Path::toString)).toArray(String[]::new);
        Cli cli = Cli.run(args);
        assertThat(cli.exitCode()).isEqualTo(1);
        assertThat(cli.errLines()).hasSize(7).last().asString().startsWith("frames: ").contains(" 6 failed, ");
        assertThat(cli.errLines().subList(0, 6)).allSatisfy(line -> assertThat(line).matches("error: [^\\n]+ \\(.+\\)"));
        for (Path file : files) {
            boolean reported = cli.errLines().stream().anyMatch(l -> l.endsWith("(" + file + ")"));
            String stem = file.getFileName().toString().replaceFirst("\\.[^.]+$", "");
            assertThat(Files.exists(tmp.resolve(stem).resolve("frames.json")))
                    .as("frames.json of %s exactly when no error was reported", file).isNotEqualTo(reported);
        }
    }

    @Test
    void probe_of_each_edge_file_alone_exits_non_zero_only_with_one_error_line() throws IOException {
        for (Path file : edgeFiles()) {
            Cli cli = Cli.run("probe", file.toString());
            if (cli.exitCode() == 0) {
                assertThat(cli.outLines()).as(file.toString()).hasSize(1);
                assertThat(cli.errLines()).as(file.toString()).singleElement().asString().startsWith("probe: 1 done, 0 failed");
            } else {
                assertThat(cli.exitCode()).isEqualTo(1);
                assertThat(cli.out()).isEmpty();
                assertThat(cli.errLines()).as(file.toString()).hasSize(2).first().asString().startsWith("error: ").endsWith("(" + file + ")");
                assertThat(cli.errLines().get(1)).startsWith("probe: 0 done, 1 failed");
            }
        }
    }
}
