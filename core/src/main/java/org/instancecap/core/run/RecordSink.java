package org.instancecap.core.run;

/**
 * Where a run's records go, one JSON object at a time. A write that fails is a failure of the run,
 * not of the item: it throws {@link RunFailureException}. Implementations are safe to share between
 * threads.
 */
public interface RecordSink extends AutoCloseable {

    /** Writes one record, given as one line of JSON without its newline. */
    void write(String jsonLine);

    @Override
    void close();
}
