package org.instancecap.vision.video;

import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_RGB24;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV420P;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameRecorder;
import org.instancecap.core.video.RgbImage;

/**
 * One MP4 being written to a hidden partial file beside its target and moved into place by
 * {@link #finish}, so that the target appears whole or not at all. Pictures are encoded as H.264
 * where the FFmpeg build has an encoder for it, MPEG-4 Part 2 otherwise, in 4:2:0; audio, when asked
 * for, in AAC. Not safe for several threads.
 */
public final class Mp4Writer implements AutoCloseable {
    private final FFmpegFrameRecorder recorder;
    private final Path partial;
    private final Path target;
    private boolean finished;

    /**
     * What to write.
     *
     * @param bitsPerPixel     the video bit rate, in bits per pixel and frame (capped at 200 Mbit/s; at
     *                         least 200 kbit/s)
     * @param audioChannels    0 for none
     * @param audioSampleRate  with audio channels: their rate in Hz
     */
    public record Settings(int width, int height, double fps, double bitsPerPixel, int audioChannels, int audioSampleRate) {
        public Settings {
            if (width < 1 || height < 1) {
                throw new IllegalArgumentException("size must be positive, got " + width + "x" + height);
            }
            if (!(fps > 0)) {
                throw new IllegalArgumentException("fps must be > 0, got " + fps);
            }
            if (!(bitsPerPixel > 0)) {
                throw new IllegalArgumentException("bitsPerPixel must be > 0, got " + bitsPerPixel);
            }
        }

        int bitrate() {
            return (int) Math.min(200_000_000, Math.max(200_000, bitsPerPixel * width * height * fps));
        }
    }

    private Mp4Writer(FFmpegFrameRecorder recorder, Path partial, Path target) {
        this.recorder = recorder;
        this.partial = partial;
        this.target = target;
    }

    /** Starts writing {@code target}; its folder must exist. */
    public static Mp4Writer open(Path target, Settings settings) throws FrameRecorder.Exception {
        Path partial = target.resolveSibling("." + target.getFileName() + ".part");
        FrameRecorder.Exception last = null;
        for (int codec : new int[] {avcodec.AV_CODEC_ID_H264, avcodec.AV_CODEC_ID_MPEG4}) {
            FFmpegFrameRecorder recorder = new FFmpegFrameRecorder(partial.toString(), even(settings.width()), even(settings.height()),
                    settings.audioChannels());
            recorder.setFormat("mp4");
            recorder.setVideoCodec(codec);
            recorder.setPixelFormat(AV_PIX_FMT_YUV420P);
            recorder.setFrameRate(settings.fps());
            recorder.setVideoBitrate(settings.bitrate());
            if (settings.audioChannels() > 0) {
                recorder.setAudioCodec(avcodec.AV_CODEC_ID_AAC);
                recorder.setSampleRate(settings.audioSampleRate());
                recorder.setAudioBitrate(128_000);
            }
            try {
                recorder.start();
                return new Mp4Writer(recorder, partial, target);
            } catch (FrameRecorder.Exception e) {
                last = e;
                release(recorder);
            }
        }
        throw last;
    }

    /** Encoders for 4:2:0 want even sizes: an odd size is stretched by one pixel. */
    private static int even(int n) {
        return n + (n & 1);
    }

    public void picture(RgbImage image) throws FrameRecorder.Exception {
        recorder.recordImage(image.width(), image.height(), Frame.DEPTH_UBYTE, 3, image.width() * 3,
                AV_PIX_FMT_RGB24, ByteBuffer.wrap(image.pixels()));
    }

    /** Audio samples as the decoder gave them; ignored when the writer was opened without audio. */
    public void samples(Frame frame) throws FrameRecorder.Exception {
        if (recorder.getAudioChannels() > 0) {
            recorder.recordSamples(frame.sampleRate, frame.audioChannels, frame.samples);
        }
    }

    /** Ends the file and moves it into place, replacing what was there. */
    public Path finish() throws FrameRecorder.Exception {
        recorder.stop();
        release(recorder);
        finished = true;
        try {
            Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot move " + partial + " to " + target, e);
        }
        return target;
    }

    /** Without {@link #finish}: drops the partial file, leaving the target as it was. */
    @Override
    public void close() {
        if (finished) {
            return;
        }
        finished = true;
        release(recorder);
        try {
            Files.deleteIfExists(partial);
        } catch (IOException ignored) {
            // a stray partial file is harmless and hidden
        }
    }

    private static void release(FFmpegFrameRecorder recorder) {
        try {
            recorder.release();
        } catch (FrameRecorder.Exception ignored) {
            // nothing more to do
        }
    }
}
