package org.instancecap.spark;

import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.SparkEnv;
import org.apache.spark.util.AccumulatorV2;
import org.instancecap.core.run.RunSummary;

/** The peak heap of each executor JVM (in MiB, by executor id), as its tasks saw it at their end. */
final class PeakHeap extends AccumulatorV2<Long, Map<String, Long>> {
    private final TreeMap<String, Long> peaks = new TreeMap<>();

    /** Adds this JVM's peak heap so far. */
    void addThisJvm() {
        add(RunSummary.peakHeapMiB());
    }

    @Override
    public boolean isZero() {
        return peaks.isEmpty();
    }

    @Override
    public PeakHeap copy() {
        PeakHeap copy = new PeakHeap();
        copy.peaks.putAll(peaks);
        return copy;
    }

    @Override
    public void reset() {
        peaks.clear();
    }

    @Override
    public void add(Long mib) {
        SparkEnv env = SparkEnv.get();
        peaks.merge(env == null ? "driver" : env.executorId(), mib, Math::max);
    }

    @Override
    public void merge(AccumulatorV2<Long, Map<String, Long>> other) {
        other.value().forEach((executor, mib) -> peaks.merge(executor, mib, Math::max));
    }

    @Override
    public Map<String, Long> value() {
        return new TreeMap<>(peaks);
    }
}
