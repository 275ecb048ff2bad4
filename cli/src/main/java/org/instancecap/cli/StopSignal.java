package org.instancecap.cli;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

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
    private static final long POLL_MILLIS = 100;

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

    /** Asks the run to stop, as a signal would (for tests). */
    void request() {
        requestedAt = System.nanoTime();
        requested = true;
    }

    @Override
    public long graceLeftMillis() {
        return Math.max(0, TimeUnit.SECONDS.toMillis(GRACE_SECONDS) - (System.nanoTime() - requestedAt) / 1_000_000);
    }

    /** One permit for new work; false, with none taken, once a stop was asked for. */
    boolean acquireUnlessStopped(Semaphore slots) {
        try {
            while (!requested) {
                if (slots.tryAcquire(POLL_MILLIS, TimeUnit.MILLISECONDS)) {
                    if (requested) {
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

    /** All of {@code permits}: the work in flight is over; false when a stop's grace ran out first. */
    boolean awaitAll(Semaphore slots, int permits) {
        try {
            while (!requested) {
                if (slots.tryAcquire(permits, POLL_MILLIS, TimeUnit.MILLISECONDS)) {
                    return true;
                }
            }
            return slots.tryAcquire(permits, graceLeftMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Waits for {@code work}; false when a stop's grace ran out first (the work is abandoned). */
    boolean await(Future<?> work) {
        try {
            while (!work.isDone()) {
                if (requested && graceLeftMillis() == 0) {
                    return false;
                }
                try {
                    work.get(requested ? Math.min(POLL_MILLIS, Math.max(1, graceLeftMillis())) : POLL_MILLIS, TimeUnit.MILLISECONDS);
                } catch (TimeoutException e) {
                    // look again
                } catch (java.util.concurrent.ExecutionException | java.util.concurrent.CancellationException e) {
                    return true; // done, with its failure for the caller
                }
            }
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Thrown by work that was about to start when a stop came: it did nothing, and is no failure. */
    static final class Stopped extends RuntimeException {
        Stopped() {
            super("stopped before it began", null, false, false);
        }
    }

    /** Throws {@link Stopped} once a stop was asked for: the first thing new work does. */
    void check() {
        if (requested) {
            throw new Stopped();
        }
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
