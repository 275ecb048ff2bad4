package org.instancecap.vision.video;

import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_RGB24;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV420P;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameGrabber;
import org.bytedeco.javacv.FrameRecorder;
import org.instancecap.core.scene.Shot;
import org.instancecap.core.scene.ShotSplitter;
import org.instancecap.core.video.RgbImage;
import org.instancecap.core.video.VideoInfo;
import org.instancecap.core.video.VideoReadException;

/**
 * Cuts a video into one MP4 per shot in one decoding pass, frame-exact: the pictures are re-encoded
 * (H.264 where the FFmpeg build has an encoder for it, MPEG-4 Part 2 otherwise), rotation applied,
 * audio carried along in AAC.
 */
public final class JavaCvShotSplitter implements ShotSplitter {

    @Override
    public List<Path> split(Path video, VideoInfo info, List<Shot> shots, Path prefix) {
        List<Path> written = new ArrayList<>();
        if (shots.isEmpty()) {
            return written;
        }
        Path outputDir = prefix.toAbsolutePath().getParent();
        try {
            Files.createDirectories(outputDir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + outputDir, e);
        }
        FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(video.toAbsolutePath().toString());
        grabber.setPixelFormat(AV_PIX_FMT_RGB24);
        Clip clip = null;
        try {
            grabber.start();
            int shot = 0;
            int index = 0;
            Frame frame;
            while ((frame = grabber.grab()) != null) {
                if (frame.image != null) {
                    while (shot < shots.size() && index > shots.get(shot).endFrame()) {
                        written.add(clip.finish());
                        clip = null;
                        shot++;
                    }
                    if (shot == shots.size()) {
                        break;
                    }
                    if (index < shots.get(shot).startFrame()) {
                        index++;
                        continue;
                    }
                    if (clip == null) {
                        clip = Clip.open(prefix, shot, info, grabber);
                    }
                    clip.picture(FrameCopy.rgb(frame).rotateCounterClockwise(info.rotation()));
                    index++;
                } else if (frame.samples != null && clip != null) {
                    clip.samples(frame);
                }
            }
            if (clip != null) {
                written.add(clip.finish());
                clip = null;
            }
            return written;
        } catch (FrameGrabber.Exception | FrameRecorder.Exception e) {
            throw new VideoReadException(video.toString(), "cannot split into shots: " + e.getMessage(), e);
        } finally {
            if (clip != null) {
                clip.abandon();
            }
            try {
                grabber.close();
            } catch (FrameGrabber.Exception ignored) {
                // closing a decoder that failed is best effort
            }
        }
    }

    /** One shot being written to a temporary file, moved into place when finished. */
    private static final class Clip {
        private final FFmpegFrameRecorder recorder;
        private final Path partial;
        private final Path target;

        private Clip(FFmpegFrameRecorder recorder, Path partial, Path target) {
            this.recorder = recorder;
            this.partial = partial;
            this.target = target;
        }

        static Clip open(Path prefix, int shot, VideoInfo info, FFmpegFrameGrabber grabber)
                throws FrameRecorder.Exception {
            String name = String.format(Locale.ROOT, "%s-shot-%03d.mp4", prefix.getFileName(), shot + 1);
            Path target = prefix.resolveSibling(name);
            Path partial = prefix.resolveSibling("." + name + ".part");
            int channels = grabber.hasAudio() ? grabber.getAudioChannels() : 0;
            FrameRecorder.Exception last = null;
            for (int codec : new int[] {avcodec.AV_CODEC_ID_H264, avcodec.AV_CODEC_ID_MPEG4}) {
                FFmpegFrameRecorder recorder = new FFmpegFrameRecorder(partial.toString(), even(info.width()), even(info.height()), channels);
                recorder.setFormat("mp4");
                recorder.setVideoCodec(codec);
                recorder.setPixelFormat(AV_PIX_FMT_YUV420P);
                recorder.setFrameRate(info.fps());
                recorder.setVideoBitrate((int) Math.min(50_000_000, Math.max(200_000, 0.15 * info.width() * info.height() * info.fps())));
                if (channels > 0) {
                    recorder.setAudioCodec(avcodec.AV_CODEC_ID_AAC);
                    recorder.setSampleRate(grabber.getSampleRate());
                    recorder.setAudioBitrate(128_000);
                }
                try {
                    recorder.start();
                    return new Clip(recorder, partial, target);
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

        void picture(RgbImage image) throws FrameRecorder.Exception {
            recorder.recordImage(image.width(), image.height(), Frame.DEPTH_UBYTE, 3, image.width() * 3,
                    AV_PIX_FMT_RGB24, ByteBuffer.wrap(image.pixels()));
        }

        void samples(Frame frame) throws FrameRecorder.Exception {
            if (recorder.getAudioChannels() > 0) {
                recorder.recordSamples(frame.sampleRate, frame.audioChannels, frame.samples);
            }
        }

        Path finish() throws FrameRecorder.Exception {
            recorder.stop();
            release(recorder);
            try {
                Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot move " + partial + " to " + target, e);
            }
            return target;
        }

        void abandon() {
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
}
