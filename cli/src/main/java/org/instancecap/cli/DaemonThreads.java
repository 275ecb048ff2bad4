package org.instancecap.cli;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/** Threads named {@code <name>-1}, {@code <name>-2}... that never keep the JVM alive after a command. */
final class DaemonThreads {
    private DaemonThreads() {
    }

    static ThreadFactory named(String name) {
        AtomicInteger count = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
