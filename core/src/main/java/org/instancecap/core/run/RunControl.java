package org.instancecap.core.run;

/** Whether a run was asked to stop (Ctrl-C, SIGTERM, a Spark task killed), and how long its work in flight may still take. */
public interface RunControl {

    boolean stopRequested();

    /** Once a stop is asked for: milliseconds left for the work in flight to end. */
    long graceLeftMillis();

    RunControl NEVER = new RunControl() {
        @Override
        public boolean stopRequested() {
            return false;
        }

        @Override
        public long graceLeftMillis() {
            return Long.MAX_VALUE;
        }
    };
}
