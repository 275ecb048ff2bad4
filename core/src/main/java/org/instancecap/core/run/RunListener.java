package org.instancecap.core.run;

/**
 * What a batch run tells as it goes (the progress display is one listener). Called from the run's
 * threads, one call at a time.
 */
public interface RunListener {

    /**
     * The inputs are counted: {@code skipped} of them are not to be done, being done already, failed
     * (unless retried), or {@code duplicates}: the same item as an input before them (one file by two
     * names, one id twice).
     */
    default void starting(long inputs, long skipped, long duplicates) {
    }

    default void done(BatchItem<?> item) {
    }

    default void failed(BatchItem<?> item, StageFailure failure) {
    }

    /** A line of an input, journal or output file that could not be read, and was skipped. */
    default void skipped(org.instancecap.core.io.BadLine line) {
    }

    RunListener NONE = new RunListener() {
    };
}
