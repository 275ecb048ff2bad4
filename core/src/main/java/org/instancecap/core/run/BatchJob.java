package org.instancecap.core.run;

import java.util.List;
import java.util.Map;

/**
 * The work of a batch run on one item, in two parts so that each gets its own pool: {@link #prepare}
 * on the workers (decoding, models: CPU-bound), {@link #finish} on the concurrency pool (waiting on a
 * server). Both are called from pool threads, many items at once; a part throws for a failure of
 * the item ({@link StageFailure} to name its stage) and {@link RunFailureException} for a failure of
 * the whole run.
 */
public interface BatchJob<I, M> {

    /** The first part; its result goes to {@link #finish}. */
    M prepare(BatchItem<I> item);

    /** The second part: the item's records (JSON lines) for each output by name. */
    Map<String, List<String>> finish(BatchItem<I> item, M prepared);

    /** The record of the item's failure, for the run's failures output (one JSON line). */
    String failureRecord(BatchItem<I> item, StageFailure failure);

    /** The stage of a failure in {@link #prepare} that does not name one. */
    default String firstStage() {
        return "prepare";
    }

    /** The stage of a failure in {@link #finish} that does not name one. */
    default String secondStage() {
        return "finish";
    }
}
