package org.instancecap.cli;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Ctrl-C or SIGTERM during a run: a shutdown hook tells the run to take no new work, then holds the
 * JVM open for at most {@link #GRACE_SECONDS} (plus a little for the summary) while the run waits
 * for the work in flight, writes its summary, prints its last line and lets go of its lock, until
 * {@link Main#main} is done with the command. What is
 * still in flight after that is abandoned; records are whole lines, so a rerun does those again.
 */
final class StopSignal implements AutoCloseable, org.instancecap.core.run.RunControl {
    /** How long work in flight gets to finish once a stop is asked for. */
    static final long GRACE_SECONDS = 10;

    private final Thread hook;
    private final CountDownLatch ended = new CountDownLatch(1);
    private volatile long requestedAt;
    private volatile boolean requested;

    private StopSignal() {
        hook = new Thread(() -> {
            requestedAt = System.nanoTime();
            requested = true;
            try {
                ended.await(GRACE_SECONDS + 5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "instancecap-stop");
    }

    /** Until {@link #install()}: a signal that never comes (the CLI run inside another program, tests). */
    private static volatile StopSignal current = new StopSignal();

    /** Listens for a stop until {@link #close()}; the JVM's one, for the commands to ask. */
    static StopSignal install() {
        StopSignal stop = new StopSignal();
        Runtime.getRuntime().addShutdownHook(stop.hook);
        current = stop;
        return stop;
    }

    /** The signal of this run. */
    static StopSignal current() {
        return current;
    }

    /** Whether the run was asked to stop; it should take no new work. */
    boolean requested() {
        return requested;
    }

    @Override
    public boolean stopRequested() {
        return requested;
    }

    @Override
    public long graceLeftMillis() {
        return Math.max(0, TimeUnit.SECONDS.toMillis(GRACE_SECONDS) - (System.nanoTime() - requestedAt) / 1_000_000);
    }

    /** The run is over: lets a waiting shutdown go on, and listens no more. */
    @Override
    public void close() {
        ended.countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // the JVM is shutting down: the hook is running, and returns now
        }
    }
}
