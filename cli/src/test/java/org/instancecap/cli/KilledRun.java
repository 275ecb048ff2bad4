package org.instancecap.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.instancecap.vision.video.SharedMedia;

/** A first run of the CLI in a child JVM, killed with SIGKILL once its output files have some complete lines. */
final class KilledRun {

    private KilledRun() {
    }

    /** Starts {@code java -cp <this class path> Main args...}, waits for {@code lines} complete lines in {@code outputs}, kills it. */
    static void killAfter(int lines, Path log, List<Path> outputs, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        command.addAll(List.of(args));
        Process first = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (complete(outputs) < lines && first.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(first.isAlive()).as("the first run is still going when it is killed; its log: %s", Files.readString(log)).isTrue();
        first.destroyForcibly(); // SIGKILL: no shutdown hook, no flush
        first.waitFor();
    }

    /** Lines that a reader would take as whole records, those that end a JSON object, in the files that exist. */
    static int complete(List<Path> files) throws Exception {
        int n = 0;
        for (Path file : files) {
            if (Files.exists(file)) {
                n += (int) Files.readAllLines(file, StandardCharsets.UTF_8).stream().filter(l -> l.endsWith("}")).count();
            }
        }
        return n;
    }

    /** A link in {@code dir} to a shared file under a name of its own ({@code kind}{@code i}_name), added to {@code inputs}. */
    static String link(Path dir, String kind, int i, String shared, List<String> inputs) throws Exception {
        Path target = SharedMedia.file(shared);
        String name = shared.substring(shared.lastIndexOf('/') + 1);
        Path link = Files.createSymbolicLink(dir.resolve(kind + i + "_" + name), target);
        inputs.add(link.toString());
        return link.toString();
    }
}
