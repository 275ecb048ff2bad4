package org.instancecap.core.run;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;
import org.instancecap.core.Failures;
import org.instancecap.core.io.BadLine;
import org.instancecap.core.io.FileTrees;
import org.instancecap.core.json.Json;

/**
 * Runs a {@link BatchJob} over many inputs with the semantics every command shares: bounded pools
 * and back-pressure (at most workers + concurrency items between their start and their records),
 * a journal so that a rerun, even after kill -9, does each input exactly once ({@link RunJournal}),
 * failures of items written down and skipped by a rerun unless retried, failures of the run itself
 * stopping it with nothing written down, a lock against a second writer, and a listener told of
 * every item. When {@link #run} returns, no part of the job runs any more (unless a stop's grace ran
 * out), so the caller may close the stages.
 */
public final class BatchRunner {

    /**
     * @param workers     threads for {@link BatchJob#prepare}
     * @param concurrency threads for {@link BatchJob#finish}
     * @param retryFailed whether the failures of earlier runs are tried again
     * @param inOrder     whether records are written in the order of the inputs (else as they finish)
     */
    public record Settings(int workers, int concurrency, boolean retryFailed, boolean inOrder) {
        public Settings {
            if (workers < 1) {
                throw new IllegalArgumentException("workers must be >= 1, got " + workers);
            }
            if (concurrency < 1) {
                throw new IllegalArgumentException("concurrency must be >= 1, got " + concurrency);
            }
        }
    }

    /**
     * An output of the run: a JSON Lines file (repaired and resumed by the journal) or any sink
     * (standard output: not resumed).
     *
     * @param legacyKey for a file written before runs kept a journal: the key of the item of each
     *                  line, to rebuild the journal from (null: without a journal the file starts afresh)
     */
    public record Output(String name, Path file, RecordSink sink, Function<JsonNode, String> legacyKey) {
        public static Output file(String name, Path file, Function<JsonNode, String> legacyKey) {
            return new Output(name, file, null, legacyKey);
        }

        public static Output sink(String name, RecordSink sink) {
            return new Output(name, null, sink, null);
        }
    }

    /**
     * How a run went.
     *
     * @param skipped      inputs done by earlier runs, or failed in them and not retried
     * @param failedBefore of those, the ones that failed (still in the failures output)
     * @param failure      what stopped the run, or null
     */
    public record Outcome(long inputs, long skipped, long failedBefore, long done, long failed, boolean stopped,
                          RunFailureException failure, double seconds) {
        /** Failures left in the failures output for these inputs: this run's and the earlier ones'. */
        public long failuresLeft() {
            return failed + failedBefore;
        }
    }

    /** Streams a run's inputs; called twice (a count, then the run), so it holds none of them. */
    public interface Inputs<I> {
        void forEach(Consumer<BatchItem<I>> action);
    }

    private final Settings settings;
    private final List<Output> outputs;
    private final String failures;
    private final Path journalFile;
    private final Path lockFile;
    private final RunListener listener;
    private final RunControl control;

    /**
     * @param outputs     where records go, by name
     * @param failures    the name of the output that takes failure records
     * @param journalFile the run's journal, or null when no output is a file (nothing to resume)
     * @param lockFile    the output whose lock the run holds, or null
     */
    public BatchRunner(Settings settings, List<Output> outputs, String failures, Path journalFile, Path lockFile,
                       RunListener listener, RunControl control) {
        this.settings = settings;
        this.outputs = List.copyOf(outputs);
        this.failures = failures;
        this.journalFile = journalFile;
        this.lockFile = lockFile;
        this.listener = listener;
        this.control = control;
        if (outputs.stream().noneMatch(o -> o.name().equals(failures))) {
            throw new IllegalArgumentException("no output named " + failures + " for the failures");
        }
        if (journalFile == null && outputs.stream().anyMatch(o -> o.file() != null)) {
            throw new IllegalArgumentException("outputs to files need a journal");
        }
    }

    /**
     * Runs {@code job} on each input not done yet. Outputs and journal are created only when there
     * is an input: a run given none writes nothing ({@link Outcome#inputs()} is 0).
     */
    public <I, M> Outcome run(Inputs<I> inputs, BatchJob<I, M> job) throws InterruptedException {
        long started = System.nanoTime();
        try (RunLock lock = lockFile == null ? null : RunLock.acquire(lockFile);
             RunJournal journal = readJournal()) {
            return new Run<>(job, journal, started).run(inputs);
        }
    }

    /**
     * The journal, with the outputs repaired to what it says they hold; rebuilt from the outputs
     * when there is none (a version without journals wrote them) or when an output holds fewer
     * lines than it says (the user emptied or deleted it: what is gone is to be done again); without
     * its failures when they are retried.
     */
    private RunJournal readJournal() {
        if (journalFile == null) {
            return null;
        }
        Consumer<BadLine> warn = listener::skipped;
        try {
            RunJournal journal = RunJournal.exists(journalFile) ? RunJournal.read(journalFile, warn) : null;
            if (journal == null ? outputs.stream().anyMatch(o -> o.file() != null && Files.exists(o.file())) : !repaired(journal)) {
                rebuildJournal();
                journal = null;
            }
            if (settings.retryFailed()) {
                // the journal first: killed between the two, the failures' lines are cut on the next open
                RunJournal.dropFailures(journalFile, List.of(failures), warn);
                Output out = output(failures);
                if (out.file() != null && Files.exists(out.file())) {
                    LineFile.create(out.file()).close();
                }
                journal = null;
            }
            return journal != null ? journal : RunJournal.read(journalFile, warn);
        } catch (IOException e) {
            throw new RunFailureException("cannot write " + journalFile + ": " + RunFailureException.reason(e), e);
        }
    }

    /** Cuts each output to the lines the journal knows of; false when one holds fewer and can be read again. */
    private boolean repaired(RunJournal journal) throws IOException {
        boolean consistent = true;
        for (Output output : outputs) {
            if (output.file() != null) {
                long lines = LineFile.cut(output.file(), journal.lines(output.name()));
                consistent &= lines >= journal.lines(output.name()) || output.legacyKey() == null;
            }
        }
        return consistent;
    }

    private void rebuildJournal() throws IOException {
        Path tmp = FileTrees.temporaryBeside(journalFile);
        try (LineFile out = LineFile.create(tmp)) {
            for (Output output : outputs) {
                if (output.file() == null || !Files.exists(output.file())) {
                    continue;
                }
                if (output.legacyKey() == null) {
                    LineFile.create(output.file()).close(); // no way to tell what it holds: afresh, as before journals
                    continue;
                }
                long lines = LineFile.cut(output.file(), -1);
                long[] taken = new long[1];
                boolean failure = output.name().equals(failures);
                RunJournal.read(output.file(), record -> {
                    String key = output.legacyKey().apply(record);
                    if (key == null) {
                        return;
                    }
                    taken[0]++;
                    var entry = Json.mapper().createObjectNode();
                    entry.put("key", key);
                    entry.put("id", key);
                    if (failure) {
                        entry.put("failed", record.path("stage").asText("unknown"));
                    } else {
                        entry.put("done", true);
                    }
                    entry.putObject("lines").put(output.name(), 1);
                    out.write(Json.line(entry));
                }, listener::skipped);
                if (taken[0] < lines) {
                    // lines that name no item still belong to the file: counted, so that none is cut
                    var rest = Json.mapper().createObjectNode();
                    rest.putObject("lines").put(output.name(), lines - taken[0]);
                    out.write(Json.line(rest));
                }
            }
        }
        FileTrees.replace(tmp, journalFile);
    }

    private Output output(String name) {
        return outputs.stream().filter(o -> o.name().equals(name)).findFirst().orElseThrow();
    }

    /** One run's state. */
    private final class Run<I, M> {
        private final BatchJob<I, M> job;
        private final RunJournal journal;
        private final KeyTable keys;
        private final Map<String, RecordSink> sinks = new LinkedHashMap<>();
        private final long started;
        private final Object writing = new Object();
        private final AtomicInteger done = new AtomicInteger();
        private final AtomicInteger failed = new AtomicInteger();
        private final TreeMap<Long, Runnable> waiting = new TreeMap<>();
        private long nextToWrite;
        private volatile RunFailureException failure;
        /** The pools are being shut down: what fails now (rejected, interrupted) failed for that, not for itself. */
        private volatile boolean ending;

        Run(BatchJob<I, M> job, RunJournal journal, long started) {
            this.job = job;
            this.journal = journal;
            this.keys = journal != null ? journal.keys() : new KeyTable();
            this.started = started;
        }

        /** The outputs (repaired when the journal was read) and the journal, opened for appending. */
        private void openOutputs() {
            if (journal != null) {
                journal.open();
            }
            for (Output output : outputs) {
                sinks.put(output.name(), output.sink() != null ? output.sink() : LineFile.open(output.file()));
            }
        }

        private void closeOutputs() {
            RuntimeException first = null;
            for (Output output : outputs) {
                RecordSink sink = sinks.get(output.name());
                if (sink != null && output.sink() == null) { // the caller closes its own sinks
                    try {
                        sink.close();
                    } catch (RuntimeException e) {
                        first = first == null ? e : first;
                    }
                }
            }
            if (first != null) {
                throw first;
            }
        }

        private boolean todo(BatchItem<I> item) {
            byte flags = keys.flags(item.key());
            return (flags & KeyTable.DONE) == 0 && (settings.retryFailed() || (flags & KeyTable.FAILED) == 0);
        }

        Outcome run(Inputs<I> inputs) throws InterruptedException {
            long[] counts = new long[4]; // inputs, to do, failed before, duplicates
            inputs.forEach(item -> {
                counts[0]++;
                boolean todo = todo(item);
                byte before = keys.update(item.key(), KeyTable.COUNTED, (byte) 0);
                if ((before & KeyTable.COUNTED) != 0) {
                    counts[3]++;
                } else if (todo) {
                    counts[1]++;
                } else if ((before & KeyTable.FAILED) != 0) {
                    counts[2]++;
                }
            });
            long skipped = counts[0] - counts[1];
            if (counts[0] == 0) {
                return new Outcome(0, 0, 0, 0, 0, false, null, (System.nanoTime() - started) / 1e9);
            }
            listener.starting(counts[0], skipped, counts[3]);
            try {
                openOutputs();
                return work(inputs, counts, skipped);
            } finally {
                closeOutputs();
            }
        }

        private Outcome work(Inputs<I> inputs, long[] counts, long skipped) throws InterruptedException {
            int slots = settings.workers() + settings.concurrency();
            Semaphore inFlight = new Semaphore(slots);
            ExecutorService first = Executors.newFixedThreadPool(settings.workers(), daemons("work"));
            ExecutorService second = Executors.newFixedThreadPool(settings.concurrency(), daemons("finish"));
            try {
                long[] sequence = new long[1];
                inputs.forEach(item -> {
                    if (failure != null || !todo(item) || (keys.update(item.key(), KeyTable.QUEUED, (byte) 0) & KeyTable.QUEUED) != 0) {
                        return;
                    }
                    if (!acquireUnlessStopped(inFlight)) {
                        return;
                    }
                    long number = sequence[0]++;
                    CompletableFuture.supplyAsync(() -> {
                        try {
                            return job.prepare(item);
                        } catch (RuntimeException | OutOfMemoryError e) {
                            throw StageFailure.in(job.firstStage(), e);
                        }
                    }, first).thenApplyAsync(prepared -> {
                        try {
                            return job.finish(item, prepared);
                        } catch (RuntimeException | OutOfMemoryError e) {
                            throw StageFailure.in(job.secondStage(), e);
                        }
                    }, second).whenComplete((records, thrown) -> ended(number, () -> record(item, records, thrown), inFlight));
                });
                // false when a stop's grace ran out: what is still in flight is abandoned, and a rerun does it
                awaitAll(inFlight, slots);
            } finally {
                // on every path (a stop, an input loop that threw), nothing runs on the stages or writes once this
                // returns, for more than a moment: the caller closes the stages next
                ending = true;
                first.shutdownNow();
                second.shutdownNow();
                first.awaitTermination(2, TimeUnit.SECONDS);
                second.awaitTermination(2, TimeUnit.SECONDS);
            }
            boolean stopped = control.stopRequested() && done.get() + failed.get() < counts[1];
            return new Outcome(counts[0], skipped, counts[2], done.get(), failed.get(), stopped, failure,
                    (System.nanoTime() - started) / 1e9);
        }

        /** Writes an item's end now, or, in order mode, once every item before it is written. */
        private void ended(long number, Runnable write, Semaphore inFlight) {
            synchronized (writing) {
                if (!settings.inOrder()) {
                    write.run();
                    inFlight.release();
                    return;
                }
                waiting.put(number, write);
                while (!waiting.isEmpty() && waiting.firstKey() == nextToWrite) {
                    waiting.pollFirstEntry().getValue().run();
                    nextToWrite++;
                    inFlight.release();
                }
            }
        }

        private void record(BatchItem<I> item, Map<String, List<String>> records, Throwable thrown) {
            if (failure != null) {
                return; // once the run failed, nothing more is written: a rerun does what was in flight
            }
            try {
                if (thrown != null && ending) {
                    return; // cut short by the end of the run: not a failure of the item, and a rerun does it
                }
                if (thrown == null) {
                    Map<String, Integer> written = new HashMap<>();
                    records.forEach((name, lines) -> {
                        RecordSink sink = sinks.get(name);
                        if (sink == null) {
                            throw new IllegalStateException("no output named " + name);
                        }
                        lines.forEach(sink::write);
                        written.put(name, lines.size());
                    });
                    if (journal != null) {
                        journal.append(item.key(), item.id(), null, written);
                    }
                    done.incrementAndGet();
                    listener.done(item);
                    return;
                }
                Throwable cause = thrown instanceof CompletionException && thrown.getCause() != null ? thrown.getCause() : thrown;
                StageFailure stageFailure = StageFailure.in(job.secondStage(), cause);
                if (RunFailureException.ofTheRun(stageFailure.getCause())) {
                    fail(stageFailure.getCause());
                    return;
                }
                sinks.get(failures).write(job.failureRecord(item, stageFailure));
                if (journal != null) {
                    journal.append(item.key(), item.id(), stageFailure.stage(), Map.of(failures, 1));
                }
                failed.incrementAndGet();
                listener.failed(item, stageFailure);
            } catch (RuntimeException e) {
                fail(e);
            }
        }

        private void fail(Throwable e) {
            if (failure == null) {
                failure = e instanceof RunFailureException r ? r
                        : new RunFailureException(Failures.inWords(e), e);
            }
        }

        private boolean acquireUnlessStopped(Semaphore slots) {
            try {
                while (!control.stopRequested() && failure == null) {
                    if (slots.tryAcquire(100, TimeUnit.MILLISECONDS)) {
                        if (control.stopRequested() || failure != null) {
                            slots.release();
                            return false;
                        }
                        return true;
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return false;
        }

        private boolean awaitAll(Semaphore slots, int permits) throws InterruptedException {
            while (!control.stopRequested()) {
                if (slots.tryAcquire(permits, 100, TimeUnit.MILLISECONDS)) {
                    return true;
                }
            }
            return slots.tryAcquire(permits, control.graceLeftMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private static ThreadFactory daemons(String name) {
        AtomicInteger count = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
