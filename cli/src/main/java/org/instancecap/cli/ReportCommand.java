package org.instancecap.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import org.instancecap.core.spec.RunSpec;
import org.instancecap.core.spec.SegmenterSpec;
import org.instancecap.core.stage.Providers;
import org.instancecap.core.stage.SegmenterProvider;
import org.instancecap.core.stage.Stages;
import org.instancecap.core.InstanceCapException;
import org.instancecap.core.amc.AmcResult;
import org.instancecap.core.amc.Instance;
import org.instancecap.core.caption.StructuredCaption;
import org.instancecap.core.detect.Box;
import org.instancecap.core.io.BadLine;
import org.instancecap.core.io.FileTrees;
import org.instancecap.core.io.SkippedLines;
import org.instancecap.core.json.Json;
import org.instancecap.core.json.JsonLinesReader;
import org.instancecap.core.report.DatasetStatistics;
import org.instancecap.core.report.HtmlReport;
import org.instancecap.core.segment.InstanceSegmenter;
import org.instancecap.core.segment.Mask;
import org.instancecap.core.video.Jpeg;
import org.instancecap.core.video.RgbImage;
import org.instancecap.core.video.SampledFrame;
import org.instancecap.core.video.SampledFrames;
import org.instancecap.core.video.VideoInfo;
import org.instancecap.core.video.VideoReadException;
import org.instancecap.core.video.VideoReader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "report", mixinStandardHelpOptions = true,
        description = {"Write one self-contained HTML page about a caption run: statistics as charts (durations in the "
                + "paper's bins, classes, instances per clip, camera labels, caption lengths), a card per video with its "
                + "sampled frames, the instances' boxes and masks drawn over them, and the caption, and the failures.",
                "Boxes, masks and camera labels need records written by 'caption --with-amc'; other records get "
                + "their frames and caption only."})
final class ReportCommand implements Callable<Integer> {
    /**
     * Twice the height a frame is shown at on its card, for sharp pictures on dense screens and labels
     * still legible when a frame is clicked to enlarge it.
     */
    private static final int PICTURE_HEIGHT = 2 * HtmlReport.THUMBNAIL_HEIGHT;
    private static final float PICTURE_QUALITY = 0.6f;
    private static final int MAX_FAILURES_SHOWN = 500;

    @Parameters(index = "0", paramLabel = "CAPTIONS", description = "A JSON Lines file written by 'instancecap caption'.")
    Path captions;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "FILE", description = "The HTML file to write.")
    Path output;

    @Option(names = "--errors", paramLabel = "FILE", description = "The run's failures (default: <CAPTIONS>.errors.jsonl when it exists).")
    Path errors;

    @Option(names = "--cards", defaultValue = "100", paramLabel = "N",
            description = "Videos shown as cards, from the start of the file; statistics count them all (default: ${DEFAULT-VALUE}).")
    int cards;

    @Option(names = "--no-masks", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Draw the instances' masks (GrabCut from the recorded boxes; default: on).")
    boolean masks;

    @Option(names = "--title", paramLabel = "TEXT", description = "The page title (default: the captions file's name).")
    String title;

    @Spec
    CommandSpec spec;

    /** One line of the captions file, read. */
    private record Entry(StructuredCaption caption, AmcResult amc) {
    }

    @Override
    public Integer call() throws Exception {
        if (cards < 0) {
            throw new ParameterException(spec.commandLine(), "--cards must be at least 0, got " + cards);
        }
        if (!Files.isRegularFile(captions)) {
            throw new InstanceCapException("no such file (" + captions + ")");
        }
        Path errorsFile = errors != null ? errors : RunFiles.errors(captions);
        if (errors != null && !Files.isRegularFile(errors)) {
            throw new InstanceCapException("no such file (" + errors + ")");
        }
        VideoReader reader = Stages.reader(RunSpec.DEFAULT);
        int[] badLines = {0};

        DatasetStatistics statistics = new DatasetStatistics();
        SkippedLines skipped = SkippedLines.printingTo(spec.commandLine().getErr());
        eachEntry(badLines, entry -> statistics.add(entry.caption(), duration(entry, reader), entry.amc() == null ? null
                : entry.amc().camera().label()), Integer.MAX_VALUE, skipped);
        List<HtmlReport.Failure> failures = new ArrayList<>();
        int failed = readFailures(errorsFile, failures, skipped);
        skipped.finish();
        int shown = Math.min(cards, statistics.videos());
        String summary = String.format(Locale.ROOT, "%d videos captioned, %d failed; captions have %.0f words on average. "
                        + "Cards for %s.", statistics.videos(), failed, statistics.meanWords(),
                shown == statistics.videos() ? "every video" : "the first " + shown + " (--cards to change)");

        Path temporary = FileTrees.temporaryBeside(output);
        try {
            try (BufferedWriter out = Files.newBufferedWriter(temporary, StandardCharsets.UTF_8);
                 InstanceSegmenter segmenter = masks
                         ? Providers.find(SegmenterProvider.class, "segmenter", "grabcut").create(SegmenterSpec.DEFAULT) : null) {
                HtmlReport report = HtmlReport.begin(out, title != null ? title : "InstanceCap report: " + captions.getFileName(),
                        summary, statistics);
                writeCards(report, reader, segmenter, shown);
                report.end(failures, failed, "Written by instancecap report from " + captions + ".");
            }
            FileTrees.replace(temporary, output);
        } finally {
            Files.deleteIfExists(temporary);
        }
        if (badLines[0] > 0) {
            spec.commandLine().getErr().printf("%d line(s) of %s are not caption records and were left out%n", badLines[0], captions);
        }
        spec.commandLine().getErr().printf("report: %d videos, %d cards, %d failures -> %s%n", statistics.videos(), shown, failed, output);
        return badLines[0] == 0 ? 0 : Main.EXIT_FAILED;
    }

    /** Builds the cards on a few threads (decoding and masks take most of the time) and writes them in file order. */
    private void writeCards(HtmlReport report, VideoReader reader, InstanceSegmenter segmenter, int count) throws IOException {
        if (count == 0) {
            return;
        }
        int threads = Math.max(1, Runtime.getRuntime().availableProcessors());
        ExecutorService pool = Executors.newFixedThreadPool(threads, DaemonThreads.named("report"));
        Deque<Future<HtmlReport.Card>> window = new ArrayDeque<>();
        try (Progress progress = Progress.start("report", count, spec.commandLine().getErr())) {
            eachEntry(null, entry -> {
                window.add(pool.submit(() -> card(entry, reader, segmenter)));
                if (window.size() >= threads * 2) {
                    report.card(DaemonThreads.result(window.removeFirst()));
                    progress.step();
                }
            }, count, bad -> { });
            while (!window.isEmpty()) {
                report.card(DaemonThreads.result(window.removeFirst()));
                progress.step();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private HtmlReport.Card card(Entry entry, VideoReader reader, InstanceSegmenter segmenter) {
        StructuredCaption caption = entry.caption();
        AmcResult amc = entry.amc();
        Path video = videoPath(caption.video());
        int count = amc != null ? amc.frames().size() : 8;
        SampledFrames frames;
        try {
            frames = reader.sample(video, count);
        } catch (RuntimeException e) {
            String reason = e instanceof VideoReadException v ? v.reason() : e.getMessage();
            return new HtmlReport.Card(caption.video(), amc == null ? "" : details(amc.info()), amc == null ? null : amc.camera().label(),
                    List.of(), caption, "Frames unavailable: " + reason + ".");
        }
        String note = null;
        List<Instance> instances = List.of();
        if (amc == null) {
            note = "No cluster measurements in this record (caption with --with-amc to see boxes, masks and the camera label).";
        } else if (!sameFrames(amc, frames)) {
            note = "The video's frames differ from those the caption was made from; boxes are not drawn.";
        } else {
            instances = amc.instances();
        }
        List<HtmlReport.Picture> pictures = new ArrayList<>();
        for (int f = 0; f < frames.frames().size(); f++) {
            SampledFrame frame = frames.frames().get(f);
            pictures.add(picture(frame, f, instances, segmenter));
        }
        return new HtmlReport.Card(caption.video(), details(frames.info()), amc == null ? null : amc.camera().label(), pictures, caption, note);
    }

    /** The frame at thumbnail size, with the instances drawn over it; masks are cut from the thumbnail itself. */
    private static HtmlReport.Picture picture(SampledFrame frame, int f, List<Instance> instances, InstanceSegmenter segmenter) {
        RgbImage full = frame.image();
        double scale = Math.min(1.0, (double) PICTURE_HEIGHT / full.height());
        RgbImage image = scale < 1 ? full.scaled(Math.max(1, (int) Math.round(full.width() * scale)), PICTURE_HEIGHT) : full;
        double sx = (double) image.width() / full.width();
        double sy = (double) image.height() / full.height();
        List<Instance> scaled = new ArrayList<>();
        List<List<Mask>> masks = new ArrayList<>();
        for (Instance instance : instances) {
            List<Box> boxes = new ArrayList<>();
            List<Mask> instanceMasks = new ArrayList<>();
            for (int i = 0; i < instance.boxes().size(); i++) {
                Box box = instance.boxes().get(i);
                Box small = box == null ? null : new Box(box.x1() * sx, box.y1() * sy, box.x2() * sx, box.y2() * sy).clip(image.width(), image.height());
                boxes.add(small);
                instanceMasks.add(i == f && small != null && segmenter != null && small.width() >= 2 && small.height() >= 2
                        ? segment(segmenter, image, small, instance.label()) : null);
            }
            scaled.add(new Instance(instance.id(), instance.label(), instance.score(), boxes, instance.regions(), instance.position()));
            masks.add(instanceMasks);
        }
        var drawn = DebugImages.overview(image, scaled, masks, f, null, Math.max(12, image.height() / 14));
        ByteArrayOutputStream jpeg = new ByteArrayOutputStream();
        try {
            Jpeg.write(drawn, jpeg, PICTURE_QUALITY);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new HtmlReport.Picture(jpeg.toByteArray(), drawn.getWidth(), drawn.getHeight(), String.format(Locale.ROOT, "frame %d, %.2f s", frame.index(), frame.timeSeconds()));
    }

    private static Mask segment(InstanceSegmenter segmenter, RgbImage image, Box box, String label) {
        if (segmenter.threadSafe()) {
            return segmenter.segment(image, box, label);
        }
        synchronized (segmenter) {
            return segmenter.segment(image, box, label);
        }
    }

    private static boolean sameFrames(AmcResult amc, SampledFrames frames) {
        if (amc.frames().size() != frames.frames().size()) {
            return false;
        }
        for (int i = 0; i < frames.frames().size(); i++) {
            if (amc.frames().get(i).index() != frames.frames().get(i).index()) {
                return false;
            }
        }
        return true;
    }

    private static String details(VideoInfo info) {
        return String.format(Locale.ROOT, "%d×%d, %.2f s, %.2f fps", info.width(), info.height(), info.durationSeconds(), info.fps());
    }

    /** The record's duration: from its measurements, else from the video itself, else unknown. */
    private Double duration(Entry entry, VideoReader reader) {
        if (entry.amc() != null) {
            return entry.amc().info().durationSeconds();
        }
        try {
            return reader.probe(videoPath(entry.caption().video())).durationSeconds();
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** A record's video as written, or, when that is relative and not found, next to the captions file. */
    private Path videoPath(String video) {
        Path path = Path.of(video);
        if (!path.isAbsolute() && !Files.exists(path)) {
            Path beside = captions.toAbsolutePath().getParent().resolve(path);
            if (Files.exists(beside)) {
                return beside;
            }
        }
        return path;
    }

    /**
     * Reads the first {@code limit} caption records of the captions file; lines that are not JSON
     * objects go to {@code skipped}, and records that are not caption records are told about and
     * counted in {@code badLines}, or left out silently when it is null (the second reading).
     */
    private void eachEntry(int[] badLines, Consumer<Entry> action, int limit, Consumer<BadLine> skipped) throws IOException {
        int taken = 0;
        try (JsonLinesReader in = JsonLinesReader.open(captions, skipped)) {
            for (JsonLinesReader.Line line; taken < limit && (line = in.next()) != null; ) {
                Entry entry;
                try {
                    JsonNode record = line.record();
                    StructuredCaption caption = StructuredCaption.fromJson(record);
                    AmcResult amc = record.hasNonNull("amc") ? Json.mapper().treeToValue(record.get("amc"), AmcResult.class) : null;
                    entry = new Entry(caption, amc);
                } catch (IOException | RuntimeException e) {
                    if (badLines == null) {
                        continue;
                    }
                    badLines[0]++;
                    String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().lines().findFirst().orElse("");
                    spec.commandLine().getErr().println("error: line " + line.number() + " is not a caption record: " + reason + " (" + captions + ")");
                    continue;
                }
                action.accept(entry);
                taken++;
            }
        }
    }

    /** The failures of the errors file, the first ones kept for the page; returns how many there are. */
    private static int readFailures(Path file, List<HtmlReport.Failure> kept, Consumer<BadLine> skipped) throws IOException {
        if (!Files.isRegularFile(file)) {
            return 0;
        }
        int[] count = {0};
        JsonLinesReader.forEach(file, (number, record) -> {
            if (!record.hasNonNull("video")) {
                return;
            }
            count[0]++;
            if (kept.size() < MAX_FAILURES_SHOWN) {
                kept.add(new HtmlReport.Failure(record.get("video").asText(), record.path("stage").asText(), record.path("reason").asText()));
            }
        }, skipped);
        return count[0];
    }
}
