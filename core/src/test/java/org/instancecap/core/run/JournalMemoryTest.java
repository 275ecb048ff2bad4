package org.instancecap.core.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedWriter;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run resuming over a journal of a million done clips fits in a 100 MB heap: the journal is held as
 * hashes, and inputs are streamed, never listed.
 */
class JournalMemoryTest {
    static final int CLIPS = 1_000_000;

    @TempDir
    Path tmp;

    @Test
    void resuming_over_a_million_done_clips_fits_in_100_mb() throws Exception {
        Path out = tmp.resolve("out.jsonl");
        try (BufferedWriter journal = Files.newBufferedWriter(StandIn.journal(out), StandardCharsets.UTF_8);
             BufferedWriter records = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
            for (int i = 0; i < CLIPS; i++) {
                String id = StandIn.item(i).id();
                records.write("{\"id\":\"" + id + "\",\"doubled\":" + 2 * i + "}\n");
                journal.write("{\"key\":\"/data/" + id + "\",\"id\":\"" + id + "\",\"done\":true,\"lines\":{\"records\":1}}\n");
            }
        }
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx100m",
                "-cp", System.getProperty("java.class.path"), JournalMemoryTest.class.getName(), out.toString())
                .redirectErrorStream(true).redirectOutput(tmp.resolve("child.log").toFile()).start();
        assertThat(child.waitFor(120, TimeUnit.SECONDS)).isTrue();
        String log = Files.readString(tmp.resolve("child.log"));
        assertThat(child.exitValue()).as(log).isZero();
        assertThat(log).contains("skipped " + CLIPS + " of " + CLIPS);
        System.out.println(log.strip());
    }

    /** The child: resumes over the journal at {@code args[0]} with all the clips as inputs, then says what its heap holds. */
    public static void main(String[] args) throws Exception {
        Path out = Path.of(args[0]);
        long started = System.nanoTime();
        long[] during = new long[1];
        RunListener measuring = new RunListener() {
            @Override
            public void starting(long inputs, long skipped, long duplicates) {
                // the journal read and the inputs counted: what the run holds while it works
                System.gc();
                during[0] = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
            }
        };
        BatchRunner.Outcome outcome = StandIn.runner(out, new BatchRunner.Settings(2, 2, false, false), measuring, RunControl.NEVER)
                .run(StandIn.items(CLIPS), new StandIn(i -> false, 0));
        double seconds = (System.nanoTime() - started) / 1e9;
        long peak = 0;
        for (var pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == java.lang.management.MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        System.out.printf("skipped %d of %d in %.1f s; heap in use during the run: %d MiB, peak of the heap pools: %d MiB (limit 100 MiB)%n",
                outcome.skipped(), outcome.inputs(), seconds, during[0] >> 20, peak >> 20);
    }
}
