package org.instancecap.cli;

import java.io.PrintWriter;
import org.instancecap.core.run.RecordSink;

/** Records printed one a line (standard output), or dropped ({@link #NOWHERE}). */
final class PrintingSink implements RecordSink {
    static final RecordSink NOWHERE = new RecordSink() {
        @Override
        public void write(String jsonLine) {
        }

        @Override
        public void close() {
        }
    };

    private final PrintWriter out;

    PrintingSink(PrintWriter out) {
        this.out = out;
    }

    @Override
    public synchronized void write(String jsonLine) {
        out.println(jsonLine);
        out.flush();
    }

    @Override
    public void close() {
        out.flush();
    }
}
