package org.instancecap.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "inseval", mixinStandardHelpOptions = true,
        description = {"Inseval (the paper's benchmark of instance-aware text-to-video): write the prompts a text-to-video model "
                + "is given, then score the videos it made from them."},
        subcommands = {InsevalPromptsCommand.class, InsevalScoreCommand.class})
final class InsevalCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
