package org.instancecap.cli;

import java.io.PrintWriter;
import org.instancecap.core.Failures;
import org.instancecap.vision.video.JavaCvVideoReader;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/** The {@code instancecap} command: the only place that prints for people. */
@Command(name = "instancecap",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = "Instance-aware structured captions for videos (InstanceCap, CVPR 2025) on the JVM.",
        subcommands = {CaptionCommand.class, ReportCommand.class, CurateCommand.class, EnhanceCommand.class, RenderCommand.class,
                ProbeCommand.class, FramesCommand.class, ScenesCommand.class,
                AmcCommand.class,
                SetupCommand.class,
                BenchCommand.class,
                InsevalCommand.class, FidelityCommand.class, JudgeCommand.class, DistortCommand.class, ExportCommand.class,
                CommandLine.HelpCommand.class})
public final class Main implements Runnable {

    /** Exit status when some input could not be processed. */
    static final int EXIT_FAILED = 1;

    @Option(names = "--verbose", scope = CommandLine.ScopeType.INHERIT,
            description = "Show FFmpeg's own messages and stack traces of errors.")
    void setVerbose(boolean verbose) {
        this.verbose = verbose;
        JavaCvVideoReader.setNativeLogging(verbose);
    }

    private boolean verbose;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    public static void main(String[] args) {
        int code;
        try (StopSignal stop = StopSignal.install()) {
            code = commandLine().execute(args);
        }
        System.exit(code);
    }

    static CommandLine commandLine() {
        JavaCvVideoReader.setNativeLogging(false);
        CommandLine cli = new CommandLine(new Main());
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        cli.setParameterExceptionHandler((e, args) -> {
            CommandLine where = e.getCommandLine();
            PrintWriter err = where.getErr();
            err.println("error: " + e.getMessage());
            err.println("try '" + where.getCommandSpec().qualifiedName() + " --help'");
            err.flush();
            return where.getCommandSpec().exitCodeOnInvalidInput();
        });
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            printError(commandLine.getCommandSpec(), e);
            return EXIT_FAILED;
        });
        return cli;
    }

    /** One line for the user, {@code error: <reason> (<file>)}; the stack trace only with --verbose. */
    static void printError(CommandSpec spec, Throwable e) {
        PrintWriter err = spec.commandLine().getErr();
        err.println("error: " + message(e));
        if (spec.root().userObject() instanceof Main main && main.verbose) {
            e.printStackTrace(err);
        }
        err.flush();
    }

    /** {@code instancecap <version>} (or {@code development build}), for provenance and summaries. */
    static String tool() {
        return org.instancecap.core.run.RunSummary.tool(Main.class);
    }

    static String message(Throwable e) {
        return Failures.inWords(e);
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Main.class.getPackage().getImplementationVersion();
            return new String[] {"instancecap " + (v == null ? "(development build)" : v)};
        }
    }
}
