package org.instancecap.core.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.instancecap.core.json.Json;

/** Stand-in stages for runner tests: items named item-0000…, "work" that needs no model or media. */
class StandIn implements BatchJob<Integer, Integer> {
    static final String RECORDS = "records";
    static final String ERRORS = "errors";

    final AtomicInteger inFlight = new AtomicInteger();
    final AtomicInteger mostInFlight = new AtomicInteger();
    final AtomicInteger prepared = new AtomicInteger();
    private final Predicate<Integer> fails;
    private final long sleepMillis;

    StandIn(Predicate<Integer> fails, long sleepMillis) {
        this.fails = fails;
        this.sleepMillis = sleepMillis;
    }

    static BatchRunner.Inputs<Integer> items(int count) {
        return action -> {
            for (int i = 0; i < count; i++) {
                action.accept(item(i));
            }
        };
    }

    static BatchItem<Integer> item(int i) {
        String id = String.format("item-%04d", i);
        return new BatchItem<>(id, "/data/" + id, i);
    }

    static BatchRunner runner(Path out, BatchRunner.Settings settings, RunListener listener, RunControl control) {
        return new BatchRunner(settings, List.of(BatchRunner.Output.file(RECORDS, out, r -> "/data/" + r.path("id").asText()),
                BatchRunner.Output.file(ERRORS, errors(out), r -> "/data/" + r.path("id").asText())), ERRORS, journal(out), out,
                listener, control);
    }

    static Path errors(Path out) {
        return out.resolveSibling(out.getFileName() + ".errors.jsonl");
    }

    static Path journal(Path out) {
        return out.resolveSibling(out.getFileName() + ".journal");
    }

    @Override
    public Integer prepare(BatchItem<Integer> item) {
        int now = inFlight.incrementAndGet();
        mostInFlight.accumulateAndGet(now, Math::max);
        prepared.incrementAndGet();
        try {
            if (sleepMillis > 0) {
                Thread.sleep(sleepMillis + (item.input() * 7919L) % sleepMillis);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            inFlight.decrementAndGet();
        }
        if (fails.test(item.input())) {
            throw new StageFailure("decode", new IllegalStateException("item " + item.input() + " is broken"));
        }
        return item.input() * 2;
    }

    @Override
    public Map<String, List<String>> finish(BatchItem<Integer> item, Integer doubled) {
        return Map.of(RECORDS, List.of(Json.line(Map.of("id", item.id(), "doubled", doubled))));
    }

    @Override
    public String failureRecord(BatchItem<Integer> item, StageFailure failure) {
        return Json.line(Map.of("id", item.id(), "stage", failure.stage(), "reason", failure.getCause().getMessage()));
    }

    /** The ids in a JSON Lines file, as an independent reader sees them (every line must parse). */
    static List<String> ids(Path file) {
        List<String> ids = new ArrayList<>();
        if (!Files.exists(file)) {
            return ids;
        }
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                ids.add(Json.mapper().readTree(line).get("id").asText());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return ids;
    }

    static Set<String> allIds(int count) {
        Set<String> ids = new java.util.TreeSet<>();
        for (int i = 0; i < count; i++) {
            ids.add(item(i).id());
        }
        return ids;
    }

    /** A child JVM's entry: runs the stand-in over {@code args[1]} items into {@code args[0]}, slowly. */
    public static void main(String[] args) throws Exception {
        Path out = Path.of(args[0]);
        int count = Integer.parseInt(args[1]);
        runner(out, new BatchRunner.Settings(2, 3, false, false), RunListener.NONE, RunControl.NEVER)
                .run(items(count), new StandIn(i -> i % 10 == 3, 20));
    }
}
