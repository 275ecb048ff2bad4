package org.instancecap.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.instancecap.core.io.SkippedLines;
import org.instancecap.core.video.VideoFiles;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/** The videos a command was given. */
final class Inputs {
    private Inputs() {
    }

    /**
     * The video files of {@code inputs} (folders searched, manifests read, their unreadable lines
     * skipped with a warning on the command's error stream); a usage error when there is none.
     */
    static List<Path> videos(CommandSpec spec, List<Path> inputs) {
        exist(spec, inputs);
        List<Path> files = new ArrayList<>();
        SkippedLines skipped = SkippedLines.printingTo(spec.commandLine().getErr());
        VideoFiles.forEachInput(inputs, input -> files.add(input.file()), skipped);
        skipped.finish();
        if (files.isEmpty()) {
            throw new ParameterException(spec.commandLine(), "no video files in " + inputs);
        }
        return files;
    }

    /** A usage error when an input given on the command line is not there (a typo, not a broken video). */
    static void exist(CommandSpec spec, List<Path> inputs) {
        for (Path input : inputs) {
            if (!Files.exists(input)) {
                throw new ParameterException(spec.commandLine(), "no such file or folder: " + input
                        + (Files.isSymbolicLink(input) ? " (a broken link)" : ""));
            }
        }
    }

    /** Whether the command was given exactly one file (not a folder), so that its output is not per video. */
    static boolean single(List<Path> inputs, List<Path> files) {
        return inputs.size() == 1 && files.size() == 1 && !Files.isDirectory(inputs.get(0));
    }
}
