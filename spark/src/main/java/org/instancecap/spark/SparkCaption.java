package org.instancecap.spark;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import org.instancecap.core.Failures;
import org.instancecap.core.run.RunSummary;
import org.instancecap.core.spec.RunSpec;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code instancecap-spark caption}: the caption pipeline as a Spark job, in local mode or on a cluster. */
@Command(name = "caption", mixinStandardHelpOptions = true,
        description = {"Caption videos with Apache Spark: on this machine (--master local[*], the default) or on a cluster "
                + "(spark-submit). Records go to OUTDIR/status=done/ and failures to OUTDIR/status=failed/, both JSON Lines, "
                + "written through Spark's commit protocol; a rerun into OUTDIR skips the videos with a row already."})
public final class SparkCaption implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "INPUT",
            description = "Video files, folders, manifests (CSV, JSON Lines, Parquet with a path and an optional id column), "
                    + "or file system URIs (hdfs://…).")
    List<String> inputs;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "OUTDIR", description = "The output folder (or URI).")
    String output;

    @Option(names = "--spec", paramLabel = "FILE",
            description = "The run's spec (JSON: cluster, detector, segmenter, captioner; see docs/ARCHITECTURE.md); default: offline, "
                    + "the built-in detector.")
    Path spec;

    @Option(names = "--master", paramLabel = "URL",
            description = "Spark master when not started by spark-submit (default: local[*]; local[N,F] allows F attempts per task).")
    String master;

    @Option(names = "--with-amc", description = "Add the cluster's measurements (amc) and provenance to each record.")
    boolean withAmc;

    @Option(names = "--retry-failed", description = "Try again the videos of OUTDIR/status=failed.")
    boolean retryFailed;

    @Option(names = "--videos-per-task", defaultValue = "8", paramLabel = "N",
            description = "Videos in one Spark task; small, so that a slow one does not hold the job (default: ${DEFAULT-VALUE}).")
    int videosPerTask;

    @Option(names = "--tasks-per-round", defaultValue = "0", paramLabel = "N",
            description = "Tasks committed together; a killed driver loses at most one round (default: four per core).")
    int tasksPerRound;

    @Option(names = "--workers", defaultValue = "0", paramLabel = "N",
            description = "Videos decoded and analysed at once by each executor, for all its tasks together (default: half the "
                    + "executor's cores: spark.executor.cores, or the N of local[N]).")
    int workers;

    @Option(names = "--concurrency", defaultValue = "8", paramLabel = "N",
            description = "Videos being captioned at once by each executor; its open server requests are limited by the spec's "
                    + "captioner.llm.maxInFlight (default: ${DEFAULT-VALUE}).")
    int concurrency;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec command;

    @Override
    public Integer call() throws Exception {
        if (workers < 0 || concurrency < 1 || videosPerTask < 1 || tasksPerRound < 0) {
            throw new CommandLine.ParameterException(command.commandLine(), "--workers, --concurrency, --videos-per-task and --tasks-per-round must be "
                    + "positive");
        }
        String specJson = spec == null ? RunSpec.DEFAULT.toJson() : RunSpec.fromJson(Files.readString(spec)).toJson();
        SparkSession.Builder builder = SparkSession.builder().appName("instancecap caption");
        if (master != null || System.getProperty("spark.master") == null) {
            builder.master(master != null ? master : "local[*]")
                    .config("spark.driver.host", "127.0.0.1").config("spark.driver.bindAddress", "127.0.0.1")
                    .config("spark.ui.enabled", "false");
        }
        try (SparkSession session = builder.getOrCreate()) {
            int cores = session.sparkContext().defaultParallelism();
            SparkCaptionJob.Outcome outcome = SparkCaptionJob.run(session, new SparkCaptionJob.Settings(inputs, output, specJson,
                    tool(), withAmc, retryFailed, videosPerTask, tasksPerRound > 0 ? tasksPerRound : 4 * cores,
                    workers > 0 ? workers : defaultWorkers(session), concurrency,
                    Boolean.getBoolean(VideoRows.FAIL_FIRST_ATTEMPT), Integer.getInteger("instancecap.test.stopAfterRounds", 0)));
            System.err.printf(Locale.ROOT, "spark caption: %d done, %d failed, %d skipped in %.1f s (%d rounds); records in %s/status=done, "
                            + "failures in %s/status=failed%n", outcome.done(), outcome.failed(), outcome.skipped(), outcome.seconds(),
                    outcome.rounds(), output, output);
            return outcome.failed() == 0 ? 0 : 1;
        }
    }

    /**
     * Half an executor's cores, as {@code caption} takes half the machine's: an analysis keeps about two
     * threads busy. 0 when the driver cannot know them (a standalone cluster without
     * {@code spark.executor.cores}): each executor then takes half of its machine's.
     */
    private static int defaultWorkers(SparkSession session) {
        var context = session.sparkContext();
        if (context.isLocal()) {
            return Math.max(1, context.defaultParallelism() / 2);
        }
        int cores = context.getConf().getInt("spark.executor.cores", 0);
        return cores > 0 ? Math.max(1, cores / 2) : 0;
    }

    static String tool() {
        return RunSummary.tool(SparkCaption.class);
    }

    public static void main(String[] args) {
        CommandLine cli = new CommandLine(new SparkCaption());
        cli.setParameterExceptionHandler((e, arguments) -> {
            e.getCommandLine().getErr().println("error: " + e.getMessage());
            e.getCommandLine().getErr().println("try 'instancecap-spark caption --help'");
            return 2;
        });
        cli.setExecutionExceptionHandler((e, commandLine, parsed) -> {
            commandLine.getErr().println("error: " + Failures.inWords(e));
            return 1;
        });
        System.exit(cli.execute(args));
    }
}
