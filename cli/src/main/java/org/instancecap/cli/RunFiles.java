package org.instancecap.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.instancecap.core.pipeline.VideoKeys;
import org.instancecap.core.run.BatchItem;
import org.instancecap.core.run.BatchRunner;
import org.instancecap.core.run.RunListener;
import org.instancecap.core.run.RunLock;
import org.instancecap.core.video.VideoFiles;

/** The files around a run's output, and its inputs as batch items. */
final class RunFiles {
    private RunFiles() {
    }

    /**
     * What the files beside {@code output} (journal, errors, summary) are named after: the file a
     * link points to, so that a link to an output shares them; else the output as given.
     */
    static Path beside(Path output) {
        return Files.isSymbolicLink(output) ? RunLock.realFile(output) : output;
    }

    /** {@code <output>.journal}: what the runs into {@code output} have done. */
    static Path journal(Path output) {
        return output.resolveSibling(output.getFileName() + ".journal");
    }

    /** The failures file beside a run's output: {@code <output>.errors.jsonl}. */
    static Path errors(Path output) {
        return output.resolveSibling(output.getFileName() + ".errors.jsonl");
    }

    /**
     * The videos of {@code inputs}, each named as given (or by its manifest's id) and known by its
     * real file (or that id); a manifest's unreadable lines are told to {@code listener} in the
     * first of the run's two passes only.
     */
    static BatchRunner.Inputs<Path> videos(List<Path> inputs, RunListener listener) {
        boolean[] told = new boolean[1];
        return action -> {
            boolean tell = !told[0];
            told[0] = true;
            VideoFiles.forEachInput(inputs, input -> action.accept(input.id() != null
                    ? new BatchItem<>(input.id(), "id:" + input.id(), input.file())
                    : new BatchItem<>(input.file().toString(), VideoKeys.of(input.file()), input.file())),
                    bad -> {
                        if (tell) {
                            listener.skipped(bad);
                        }
                    });
        };
    }
}
