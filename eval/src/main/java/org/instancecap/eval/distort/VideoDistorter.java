package org.instancecap.eval.distort;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.bytedeco.javacv.FrameRecorder;
import org.instancecap.core.InstanceCapException;
import org.instancecap.core.video.FrameSink;
import org.instancecap.core.video.SampledFrame;
import org.instancecap.core.video.VideoInfo;
import org.instancecap.core.video.VideoReader;
import org.instancecap.vision.video.Mp4Writer;

/**
 * Writes distorted copies of a video, {@code <dir>/<stem>.<distortion>.mp4} each, in one decoding pass:
 * every frame, rotation applied, through each distortion, re-encoded (pictures only, no audio). Each
 * file appears whole or not at all. Safe for several threads, one video per call.
 */
public final class VideoDistorter {
    /**
     * Bits per pixel and frame: enough that the encoder keeps what the distortion did (noise of σ 25
     * comes out at about 24; at the 0.15 of the shot splitter it would come out at about 13).
     */
    static final double BITS_PER_PIXEL = 4;

    /**
     * @param maskFraction share of pixels {@link Distortion#MASK} blacks out
     * @param seed         with the video's stem and the distortion's name, fixes every draw
     */
    public record Settings(double maskFraction, long seed) {
        public Settings {
            if (!(maskFraction >= 0 && maskFraction <= 1)) {
                throw new IllegalArgumentException("mask fraction must be within [0, 1], got " + maskFraction);
            }
        }
    }

    /** One written video: its distortion, file, frame count, and what was done to it. */
    public record Output(Distortion distortion, Path file, int frames, ObjectNode parameters) {
    }

    private final VideoReader reader;
    private final Settings settings;

    public VideoDistorter(VideoReader reader, Settings settings) {
        this.reader = reader;
        this.settings = settings;
    }

    /** The file {@code distortion} writes for a video named {@code stem}. */
    public static Path fileOf(Path dir, String stem, Distortion distortion) {
        return dir.resolve(stem + "." + distortion.label() + ".mp4");
    }

    /**
     * Writes the distortions {@code which} of {@code video} into {@code dir} (created when missing).
     * Throws {@link org.instancecap.core.video.VideoReadException} when the video cannot be read and
     * {@link InstanceCapException} when an output cannot be written; nothing is left half written.
     */
    public List<Output> distort(Path video, String stem, Path dir, List<Distortion> which) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new InstanceCapException("cannot create the folder (" + dir + "): " + e.getMessage(), e);
        }
        VideoInfo probe = reader.probe(video);
        Writing writing = new Writing(stem, dir, which);
        try {
            reader.scan(video, probe.width(), writing);
            return writing.finish();
        } finally {
            writing.close();
        }
    }

    /** The draws of one distortion of one video: the same seed, stem and distortion give the same draws. */
    static SplittableRandom random(long seed, String stem, Distortion distortion) {
        long h = 0xcbf29ce484222325L; // FNV-1a over the name, so that the stream does not depend on String.hashCode's 32 bits
        for (byte b : (stem + "\u0000" + distortion.label()).getBytes(StandardCharsets.UTF_8)) {
            h = (h ^ (b & 0xff)) * 0x100000001b3L;
        }
        return new SplittableRandom(seed * 0x9E3779B97F4A7C15L ^ h);
    }

    /** The writers of one decoding pass. */
    private final class Writing implements FrameSink, AutoCloseable {
        private final String stem;
        private final Path dir;
        private final List<Distortion> which;
        private final List<FrameDistorter> distorters = new ArrayList<>();
        private final List<Mp4Writer> writers = new ArrayList<>();
        private int frames;

        Writing(String stem, Path dir, List<Distortion> which) {
            this.stem = stem;
            this.dir = dir;
            this.which = List.copyOf(which);
        }

        @Override
        public void begin(VideoInfo info, int[] indices) {
            close(); // a second pass starts every file afresh
            frames = 0;
            for (Distortion d : which) {
                Path file = fileOf(dir, stem, d);
                distorters.add(new FrameDistorter(d, settings.maskFraction(), random(settings.seed(), stem, d)));
                try {
                    writers.add(Mp4Writer.open(file, new Mp4Writer.Settings(info.width(), info.height(), info.fps(), BITS_PER_PIXEL, 0, 0)));
                } catch (FrameRecorder.Exception e) {
                    throw new InstanceCapException("cannot write the video (" + file + "): " + e.getMessage(), e);
                }
            }
        }

        @Override
        public void accept(SampledFrame frame) {
            for (int i = 0; i < writers.size(); i++) {
                try {
                    writers.get(i).picture(distorters.get(i).apply(frame.image()));
                } catch (FrameRecorder.Exception e) {
                    throw new InstanceCapException("cannot write the video (" + fileOf(dir, stem, which.get(i)) + "): "
                            + e.getMessage(), e);
                }
            }
            frames++;
        }

        List<Output> finish() {
            List<Output> outputs = new ArrayList<>();
            for (int i = 0; i < writers.size(); i++) {
                try {
                    Path file = writers.get(i).finish();
                    outputs.add(new Output(which.get(i), file, frames, distorters.get(i).parameters()));
                } catch (FrameRecorder.Exception | java.io.UncheckedIOException e) {
                    throw new InstanceCapException("cannot write the video (" + fileOf(dir, stem, which.get(i)) + "): "
                            + e.getMessage(), e);
                }
            }
            return outputs;
        }

        @Override
        public void close() {
            writers.forEach(Mp4Writer::close);
            writers.clear();
            distorters.clear();
        }
    }
}
