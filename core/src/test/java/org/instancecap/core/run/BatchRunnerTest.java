package org.instancecap.core.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.instancecap.core.InstanceCapException;
import org.instancecap.core.io.BadLine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The runner's semantics with stand-in stages: no model, no media, so they run everywhere. */
class BatchRunnerTest {
    private static final BatchRunner.Settings SETTINGS = new BatchRunner.Settings(2, 3, false, false);

    @TempDir
    Path tmp;

    private BatchRunner.Outcome run(Path out, int items, StandIn job, BatchRunner.Settings settings) throws InterruptedException {
        return StandIn.runner(out, settings, RunListener.NONE, RunControl.NEVER).run(StandIn.items(items), job);
    }

    @Test
    void every_item_ends_once_in_records_or_errors_and_a_rerun_skips_them() throws Exception {
        Path out = tmp.resolve("out.jsonl");
        BatchRunner.Outcome first = run(out, 40, new StandIn(i -> i % 10 == 3, 2), SETTINGS);
        assertThat(first.inputs()).isEqualTo(40);
        assertThat(first.done()).isEqualTo(36);
        assertThat(first.failed()).isEqualTo(4);
        assertThat(first.failuresLeft()).isEqualTo(4);
        assertThat(StandIn.ids(out)).hasSize(36).doesNotHaveDuplicates();
        assertThat(StandIn.ids(StandIn.errors(out))).containsExactlyInAnyOrder("item-0003", "item-0013", "item-0023", "item-0033");
        assertThat(Files.readAllLines(StandIn.errors(out)).get(0)).contains("\"stage\":\"decode\"", "is broken");
        assertThat(tmp.resolve("out.jsonl.lock")).doesNotExist();

        StandIn again = new StandIn(i -> false, 0);
        BatchRunner.Outcome second = run(out, 40, again, SETTINGS);
        assertThat(again.prepared.get()).isZero();
        assertThat(second.skipped()).isEqualTo(40);
        assertThat(second.failedBefore()).isEqualTo(4);
        assertThat(second.failuresLeft()).isEqualTo(4);

        BatchRunner.Outcome retried = run(out, 40, again, new BatchRunner.Settings(2, 3, true, false));
        assertThat(again.prepared.get()).isEqualTo(4);
        assertThat(retried.done()).isEqualTo(4);
        assertThat(retried.failuresLeft()).isZero();
        assertThat(StandIn.ids(out)).containsExactlyInAnyOrderElementsOf(StandIn.allIds(40));
        assertThat(StandIn.errors(out)).isEmptyFile();
    }

    @Test
    void an_input_given_twice_is_done_once_and_counted_as_skipped() throws Exception {
        Path out = tmp.resolve("out.jsonl");
        StandIn job = new StandIn(i -> false, 0);
        BatchRunner.Outcome outcome = StandIn.runner(out, SETTINGS, RunListener.NONE, RunControl.NEVER).run(action -> {
            action.accept(StandIn.item(1));
            action.accept(new BatchItem<>("another spelling", StandIn.item(1).key(), 1));
            action.accept(StandIn.item(2));
        }, job);
        assertThat(outcome.inputs()).isEqualTo(3);
        assertThat(outcome.done()).isEqualTo(2);
        assertThat(outcome.skipped()).isEqualTo(1);
        assertThat(StandIn.ids(out)).containsExactlyInAnyOrder("item-0001", "item-0002");
    }

    @Test
    void no_inputs_writes_nothing() throws Exception {
        Path out = tmp.resolve("out.jsonl");
        assertThat(run(out, 0, new StandIn(i -> false, 0), SETTINGS).inputs()).isZero();
        try (var files = Files.list(tmp)) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void lines_written_after_the_last_journal_entry_and_a_torn_line_are_cut_before_a_rerun() throws Exception {
        Path out = tmp.resolve("out.jsonl");
        run(out, 10, new StandIn(i -> i == 4, 0), SETTINGS);
        // as if killed after writing a record but before its journal entry, then in the middle of a line
        Files.writeString(out, "{\"id\":\"item-0010\",\"doubled\":20}\n{\"id\":\"item-0011\",\"dou", StandardOpenOption.APPEND);
        Files.writeString(StandIn.errors(out), "{\"id\":\"item-0012\",\"stage\":\"x\",\"reason\":\"y\"}\n", StandardOpenOption.APPEND);
        Files.writeString(StandIn.journal(out), "{\"key\":\"/data/item-0013\",\"id\":\"item-0013\",\"do", StandardOpenOption.APPEND);

        run(out, 14, new StandIn(i -> i == 12, 0), SETTINGS);
        assertThat(StandIn.ids(out)).containsExactlyInAnyOrderElementsOf(
                new TreeSet<>(StandIn.allIds(14)).stream().filter(id -> !id.equals("item-0004") && !id.equals("item-0012")).toList());
        assertThat(StandIn.ids(StandIn.errors(out))).containsExactlyInAnyOrder("item-0004", "item-0012");
    }

    @Test
    void a_run_killed_with_sigkill_and_a_rerun_leave_every_item_exactly_once() throws Exception {
        Path out = tmp.resolve("out.jsonl");
        int count = 300;
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), StandIn.class.getName(), out.toString(), String.valueOf(count))
                .redirectErrorStream(true).redirectOutput(tmp.resolve("child.log").toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (lines(out) + lines(StandIn.errors(out)) < 40 && child.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(child.isAlive()).as("still running when killed; its log: %s", Files.readString(tmp.resolve("child.log"))).isTrue();
        child.destroyForcibly(); // SIGKILL: no shutdown hook, no flush
        child.waitFor();
        long before = lines(out) + lines(StandIn.errors(out));
        assertThat(before).isLessThan(count);

        BatchRunner.Outcome rest = run(out, count, new StandIn(i -> i % 10 == 3, 0), SETTINGS);
        assertThat(rest.skipped()).isGreaterThanOrEqualTo(40);
        List<String> all = new ArrayList<>(StandIn.ids(out));
        all.addAll(StandIn.ids(StandIn.errors(out)));
        assertThat(all).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(StandIn.allIds(count));
        assertThat(StandIn.ids(StandIn.errors(out))).hasSize(30);
    }

    @Test
    void a_second_run_into_the_same_output_or_a_link_to_it_is_refused_while_the_first_holds_it() throws Exception {
        Path out = tmp.resolve("out.jsonl");
        Files.writeString(out, "");
        Path link = Files.createSymbolicLink(tmp.resolve("link.jsonl"), out.getFileName());
        try (RunLock held = RunLock.acquire(out)) {
            assertThatThrownBy(() -> run(link, 3, new StandIn(i -> false, 0), SETTINGS))
                    .isInstanceOf(InstanceCapException.class).hasMessageContaining("another run is writing to " + link);
            assertThatThrownBy(() -> RunLock.acquire(tmp.resolve("./sub/../out.jsonl")))
                    .hasMessageContaining("another run is writing to");
        }
        assertThat(run(link, 3, new StandIn(i -> false, 0), SETTINGS).done()).isEqualTo(3);
        assertThat(StandIn.ids(out)).hasSize(3);
    }

    @Test
    void a_full_disk_stops_the_run_and_no_item_is_written_down_as_failed() throws Exception {
        Path errors = tmp.resolve("errors.jsonl");
        AtomicInteger writes = new AtomicInteger();
        List<String> written = new ArrayList<>();
        RecordSink fillsUp = new RecordSink() {
            @Override
            public synchronized void write(String line) {
                if (writes.incrementAndGet() > 5) {
                    throw new UncheckedIOException("cannot write a record", new IOException("No space left on device"));
                }
                written.add(line);
            }

            @Override
            public void close() {
            }
        };
        BatchRunner runner = new BatchRunner(SETTINGS, List.of(BatchRunner.Output.sink(StandIn.RECORDS, fillsUp),
                BatchRunner.Output.file(StandIn.ERRORS, errors, null)), StandIn.ERRORS, tmp.resolve("journal"), null,
                RunListener.NONE, RunControl.NEVER);
        StandIn job = new StandIn(i -> false, 1);
        BatchRunner.Outcome outcome = runner.run(StandIn.items(100), job);
        assertThat(outcome.failure()).isNotNull();
        assertThat(outcome.failure().getMessage()).contains("No space left on device");
        assertThat(outcome.failed()).isZero();
        assertThat(outcome.done()).isEqualTo(5);
        assertThat(written).hasSize(5);
        assertThat(job.prepared.get()).as("no new items after the failure").isLessThan(20);
        assertThat(errors).isEmptyFile();
        assertThat(Files.readAllLines(tmp.resolve("journal"))).hasSize(5);
    }

    @Test
    void a_server_that_refuses_connections_stops_the_run_and_a_rerun_does_those_items() throws Exception {
        Path out = tmp.resolve("out.jsonl");
        BatchJob<Integer, Integer> dead = new StandIn(i -> false, 0) {
            @Override
            public Map<String, List<String>> finish(BatchItem<Integer> item, Integer doubled) {
                if (item.input() >= 3) {
                    throw new InstanceCapException("cannot reach the server", new ConnectException("Connection refused"));
                }
                return super.finish(item, doubled);
            }
        };
        BatchRunner.Outcome outcome = StandIn.runner(out, new BatchRunner.Settings(1, 1, false, true), RunListener.NONE,
                RunControl.NEVER).run(StandIn.items(50), dead);
        assertThat(outcome.failure()).isNotNull();
        assertThat(outcome.failed()).isZero();
        assertThat(StandIn.errors(out)).isEmptyFile();
        assertThat(StandIn.ids(out)).containsExactly("item-0000", "item-0001", "item-0002");

        BatchRunner.Outcome rerun = run(out, 50, new StandIn(i -> false, 0), SETTINGS);
        assertThat(rerun.done()).isEqualTo(47);
        assertThat(StandIn.ids(out)).containsExactlyInAnyOrderElementsOf(StandIn.allIds(50));
    }

    @Test
    void a_failure_of_one_item_even_out_of_memory_leaves_the_others_alone() throws Exception {
        Path out = tmp.resolve("out.jsonl");
        BatchJob<Integer, Integer> job = new StandIn(i -> false, 0) {
            @Override
            public Integer prepare(BatchItem<Integer> item) {
                if (item.input() == 5) {
                    throw new OutOfMemoryError("Java heap space");
                }
                if (item.input() == 6) {
                    throw new IllegalArgumentException("odd input");
                }
                return super.prepare(item);
            }
        };
        BatchRunner.Outcome outcome = StandIn.runner(out, SETTINGS, RunListener.NONE, RunControl.NEVER).run(StandIn.items(10), job);
        assertThat(outcome.done()).isEqualTo(8);
        assertThat(outcome.failed()).isEqualTo(2);
        assertThat(Files.readString(StandIn.errors(out))).contains("\"stage\":\"prepare\"", "Java heap space", "odd input");
    }

    @Test
    void items_in_flight_are_bounded_and_in_order_mode_writes_in_input_order() throws Exception {
        Path out = tmp.resolve("out.jsonl");
        StandIn job = new StandIn(i -> false, 6);
        run(out, 60, job, new BatchRunner.Settings(3, 2, false, true));
        assertThat(job.mostInFlight.get()).isLessThanOrEqualTo(3);
        assertThat(StandIn.ids(out)).containsExactlyElementsOf(StandIn.allIds(60));
    }

    @Test
    void an_exception_in_the_input_loop_ends_the_run_with_its_pools_and_lock_released() throws Exception {
        Path out = tmp.resolve("out.jsonl");
        int threadsBefore = Thread.activeCount();
        BatchRunner runner = StandIn.runner(out, SETTINGS, RunListener.NONE, RunControl.NEVER);
        AtomicInteger passes = new AtomicInteger();
        assertThatThrownBy(() -> runner.run(action -> {
            boolean second = passes.incrementAndGet() == 2;
            for (int i = 0; i < 20; i++) {
                if (second && i == 10) {
                    throw new UncheckedIOException("cannot read the manifest", new IOException("Input/output error"));
                }
                action.accept(StandIn.item(i));
            }
        }, new StandIn(i -> false, 1))).hasMessageContaining("cannot read the manifest");
        Thread.sleep(200);
        assertThat(Thread.getAllStackTraces().keySet().stream().map(Thread::getName)
                .filter(n -> n.startsWith("work-") || n.startsWith("finish-"))).isEmpty();
        assertThat(Thread.activeCount()).isLessThanOrEqualTo(threadsBefore + 1);
        assertThat(tmp.resolve("out.jsonl.lock")).doesNotExist();
        run(out, 20, new StandIn(i -> false, 0), SETTINGS);
        assertThat(StandIn.ids(out)).containsExactlyInAnyOrderElementsOf(StandIn.allIds(20));
    }

    @Test
    void a_stop_takes_no_new_items_and_a_rerun_does_the_rest() throws Exception {
        Path out = tmp.resolve("out.jsonl");
        AtomicInteger seen = new AtomicInteger();
        RunControl stopAfterTen = new RunControl() {
            @Override
            public boolean stopRequested() {
                return seen.get() >= 10;
            }

            @Override
            public long graceLeftMillis() {
                return 5_000;
            }
        };
        RunListener counting = new RunListener() {
            @Override
            public void done(BatchItem<?> item) {
                seen.incrementAndGet();
            }
        };
        BatchRunner.Outcome stopped = StandIn.runner(out, SETTINGS, counting, stopAfterTen).run(StandIn.items(100), new StandIn(i -> false, 3));
        assertThat(stopped.stopped()).isTrue();
        assertThat(stopped.done()).isBetween(10L, 16L);
        run(out, 100, new StandIn(i -> false, 0), SETTINGS);
        assertThat(StandIn.ids(out)).containsExactlyInAnyOrderElementsOf(StandIn.allIds(100));
    }

    @Test
    void unreadable_journal_lines_are_skipped_with_their_number() throws Exception {
        Path out = tmp.resolve("out.jsonl");
        run(out, 3, new StandIn(i -> false, 0), SETTINGS);
        Files.write(StandIn.journal(out), new byte[] {'{', (byte) 0xff, '}', '\n'}, StandardOpenOption.APPEND);
        Files.writeString(StandIn.journal(out), "not json\n", StandardOpenOption.APPEND);
        List<String> warnings = new ArrayList<>();
        RunListener listening = new RunListener() {
            @Override
            public void skipped(BadLine line) {
                warnings.add(line.warning());
            }
        };
        BatchRunner.Outcome outcome = StandIn.runner(out, SETTINGS, listening, RunControl.NEVER).run(StandIn.items(4), new StandIn(i -> false, 0));
        assertThat(outcome.done()).isEqualTo(1);
        assertThat(warnings).containsExactly("warning: skipped line 4 of " + StandIn.journal(out) + ": not valid UTF-8",
                "warning: skipped line 5 of " + StandIn.journal(out) + ": not JSON");
    }

    @Test
    void records_deleted_by_the_user_are_done_again_and_deleted_errors_tried_again() throws Exception {
        Path out = tmp.resolve("out.jsonl");
        run(out, 10, new StandIn(i -> i == 7, 0), SETTINGS);
        Files.delete(out);
        BatchRunner.Outcome redone = run(out, 10, new StandIn(i -> false, 0), SETTINGS);
        assertThat(redone.done()).isEqualTo(9);
        assertThat(redone.failedBefore()).isEqualTo(1);
        Files.delete(StandIn.errors(out));
        BatchRunner.Outcome retried = run(out, 10, new StandIn(i -> false, 0), SETTINGS);
        assertThat(retried.done()).isEqualTo(1);
        assertThat(StandIn.ids(out)).containsExactlyInAnyOrderElementsOf(StandIn.allIds(10));
    }

    @Test
    void outputs_of_a_version_without_journal_are_resumed_from_their_lines() throws Exception {
        Path out = tmp.resolve("out.jsonl");
        Files.writeString(out, "{\"id\":\"item-0000\",\"doubled\":0}\nnot json\n{\"id\":\"item-0001\",\"doubled\":2}\n{\"id\":\"item-00");
        Files.writeString(StandIn.errors(out), "{\"id\":\"item-0002\",\"stage\":\"decode\",\"reason\":\"r\"}\n");
        StandIn job = new StandIn(i -> false, 0);
        BatchRunner.Outcome outcome = run(out, 5, job, SETTINGS);
        assertThat(outcome.skipped()).isEqualTo(3);
        assertThat(outcome.failedBefore()).isEqualTo(1);
        // the line that is not JSON is kept where it was (and skipped by readers): nothing is cut but the torn tail
        List<String> lines = Files.readAllLines(out);
        assertThat(lines).hasSize(5).element(1).isEqualTo("not json");
        lines.remove(1);
        Files.write(out, lines);
        assertThat(StandIn.ids(out)).containsExactlyInAnyOrder("item-0000", "item-0001", "item-0003", "item-0004");
    }

    private static long lines(Path file) throws IOException {
        if (!Files.exists(file)) {
            return 0;
        }
        return Files.readString(file, StandardCharsets.ISO_8859_1).chars().filter(c -> c == '\n').count();
    }
}
