package org.instancecap.formats;

import java.io.IOException;

/**
 * One file of a dataset being written (a Parquet part, a webdataset shard): written under a hidden
 * temporary name beside its final one and moved into place whole by {@link #commit}, so that a file
 * with the final name is always complete. Not safe for several threads.
 */
interface DatasetPart {

    /** Whether {@code sample} still fits in this file; an empty file takes any sample. */
    boolean accepts(Sample sample);

    void add(Sample sample) throws IOException;

    int samples();

    /** Finishes the file, syncs it to disk and moves it to its final name; returns its size in bytes. */
    long commit() throws IOException;

    /** Drops the file: its temporary file is deleted. */
    void abort();
}
