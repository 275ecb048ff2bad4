package org.instancecap.cli;

import java.io.PrintWriter;
import java.io.UncheckedIOException;
import org.instancecap.core.InstanceCapException;
import org.instancecap.core.video.VideoReadException;
import org.instancecap.vision.video.JavaCvVideoReader;
import picocli.CommandLine;
import picocli.CommandLine.Command;
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
                CommandLine.HelpCommand.class})
public final class Main implements Runnable {

    /** Exit status when some input could not be processed. */
    static final int EXIT_FAILED = 1;

    @Option(names = "--verbose", scope = CommandLine.ScopeType.INHERIT,
            description = "Show FFmpeg's own messages and stack traces of errors.")
    void setVerbose(boolean verbose) {
        Main.verbose = verbose;
        JavaCvVideoReader.setNativeLogging(verbose);
    }

    static boolean verbose;

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
        verbose = false;
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
            printError(commandLine.getErr(), e);
            return EXIT_FAILED;
        });
        return cli;
    }

    /** One line for the user, {@code error: <reason> (<file>)}; the stack trace only with --verbose. */
    static void printError(PrintWriter err, Throwable e) {
        err.println("error: " + message(e));
        if (verbose) {
            e.printStackTrace(err);
        }
        err.flush();
    }

    static String message(Throwable e) {
        if (e instanceof VideoReadException v) {
            return v.reason() + " (" + v.file() + ")";
        }
        if (e instanceof InstanceCapException || e instanceof IllegalArgumentException) {
            return e.getMessage();
        }
        if (e instanceof UncheckedIOException u) {
            return u.getMessage() + ": " + message(u.getCause());
        }
        if (e instanceof OutOfMemoryError) {
            return "out of memory; give the JVM more with JAVA_OPTS=-Xmx8g";
        }
        String words = inWords(e);
        if (words != null) {
            return words;
        }
        if (e.getCause() != null && e.getCause() != e && (e.getMessage() == null || e.getMessage().equals(e.getCause().toString()))) {
            return message(e.getCause()); // a wrapper that says nothing of its own
        }
        String text = e.getMessage();
        return text == null || text.isBlank() ? "something went wrong (" + plainName(e) + ")" : text;
    }

    /** What a low-level exception means, in words; null when it is not one of these. */
    private static String inWords(Throwable e) {
        String text = e.getMessage();
        String about = text == null || text.isBlank() ? "" : " (" + text + ")";
        if (e instanceof java.net.ConnectException) {
            return "connection refused" + about;
        }
        if (e instanceof java.net.UnknownHostException) {
            return "unknown host" + (text == null || text.isBlank() ? "" : " " + text);
        }
        if (e instanceof java.net.SocketTimeoutException || e instanceof java.net.http.HttpTimeoutException
                || e instanceof java.util.concurrent.TimeoutException || e instanceof java.io.InterruptedIOException) {
            return "timed out" + about;
        }
        if (e instanceof java.nio.charset.CharacterCodingException || e instanceof java.io.CharConversionException) {
            return "not valid UTF-8" + about(e, "Input length");
        }
        if (e instanceof java.nio.file.NoSuchFileException f) {
            return "no such file" + (f.getFile() == null ? "" : ": " + f.getFile());
        }
        if (e instanceof java.nio.file.AccessDeniedException f) {
            return "permission denied" + (f.getFile() == null ? "" : ": " + f.getFile());
        }
        if (e instanceof java.nio.file.FileAlreadyExistsException f) {
            return "already exists" + (f.getFile() == null ? "" : ": " + f.getFile());
        }
        if (e instanceof java.nio.file.NotDirectoryException f) {
            return "not a folder" + (f.getFile() == null ? "" : ": " + f.getFile());
        }
        if (e instanceof java.nio.file.DirectoryNotEmptyException f) {
            return "folder not empty" + (f.getFile() == null ? "" : ": " + f.getFile());
        }
        if (e instanceof java.io.FileNotFoundException) {
            return "cannot open" + (text == null ? "" : " " + text);
        }
        if (e instanceof java.io.EOFException) {
            return "the data ends too early" + about;
        }
        return null;
    }

    /** The message of {@code e} unless it is only the JDK's terse detail (e.g. "Input length = 1"). */
    private static String about(Throwable e, String terse) {
        String text = e.getMessage();
        return text == null || text.isBlank() || text.startsWith(terse) ? "" : " (" + text + ")";
    }

    /** "NullPointerException" as "null pointer", for the rare error with no message at all. */
    private static String plainName(Throwable e) {
        String name = e.getClass().getSimpleName().replaceAll("(Exception|Error)$", "");
        return name.replaceAll("([a-z])([A-Z])", "$1 $2").toLowerCase(java.util.Locale.ROOT);
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Main.class.getPackage().getImplementationVersion();
            return new String[] {"instancecap " + (v == null ? "(development build)" : v)};
        }
    }
}
