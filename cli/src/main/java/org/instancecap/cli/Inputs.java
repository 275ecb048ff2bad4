package org.instancecap.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.instancecap.core.video.VideoFiles;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/** The videos a command was given. */
final class Inputs {
    private Inputs() {
    }

    /** The video files of {@code inputs} (folders searched); a usage error when there is none. */
    static List<Path> videos(CommandSpec spec, List<Path> inputs) {
        List<Path> files = VideoFiles.expand(inputs);
        if (files.isEmpty()) {
            throw new ParameterException(spec.commandLine(), "no video files in " + inputs);
        }
        return files;
    }

    /** Whether the command was given exactly one file (not a folder), so that its output is not per video. */
    static boolean single(List<Path> inputs, List<Path> files) {
        return inputs.size() == 1 && files.size() == 1 && !Files.isDirectory(inputs.get(0));
    }
}
