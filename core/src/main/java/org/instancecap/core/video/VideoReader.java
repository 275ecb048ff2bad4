package org.instancecap.core.video;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads videos. Every method throws {@link VideoReadException} naming the file and the reason when
 * the file cannot be read; implementations are safe to call from several threads at once.
 */
public interface VideoReader {

    /** Duration, rate, frame count, displayed size, rotation, codec and audio of {@code file}. */
    VideoInfo probe(Path file);

    /**
     * Decodes {@code file} once, in order, and hands the frames at
     * {@link FrameSampling#uniformIndices(int, int) uniformIndices(frameCount, count)} to {@code sink}
     * as soon as each is decoded.
     *
     * @return the probe of the file, with the frame count the decoder confirmed
     */
    VideoInfo sample(Path file, int count, FrameSink sink);

    /**
     * One decoding pass for two needs: the frames {@link #sample} would give, full size, to
     * {@code sampled}, and every frame scaled to {@code width} pixels wide, as {@link #scan} would give
     * it, to {@code everyFrame}. Cheaper than the two one after the other.
     */
    VideoInfo sampleAndScan(Path file, int count, FrameSink sampled, int width, FrameSink everyFrame);

    /**
     * Decodes every frame of {@code file}, scaled to {@code width} pixels wide (height keeping the
     * aspect ratio, at least 1), rotation applied, and hands each to {@code sink}. For analysis that
     * needs the whole video at low resolution, such as shot detection.
     */
    VideoInfo scan(Path file, int width, FrameSink sink);

    /**
     * {@link #scan} for analysis that compares frames with each other rather than looks at them, such
     * as shot detection: the decoder may trade exactness for speed (skip the deblocking filter, scale
     * coarsely), so pixels can differ a little from {@link #scan}'s. The same frames, in the same
     * order. By default the same as {@link #scan}.
     */
    default VideoInfo skim(Path file, int width, FrameSink sink) {
        return scan(file, width, sink);
    }

    /** {@link #sample} into memory: {@code count} full-size frames. */
    default SampledFrames sample(Path file, int count) {
        List<SampledFrame> frames = new ArrayList<>();
        VideoInfo info = sample(file, count, new FrameSink() {
            @Override
            public void begin(VideoInfo info, int[] indices) {
                frames.clear();
            }

            @Override
            public void accept(SampledFrame frame) {
                frames.add(frame);
            }
        });
        return new SampledFrames(info, frames);
    }
}
