package org.instancecap.vision.video;

import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_RGB24;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameGrabber;
import org.bytedeco.javacv.FrameRecorder;
import org.instancecap.core.scene.Shot;
import org.instancecap.core.scene.ShotSplitter;
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
        Mp4Writer clip = null;
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
                        clip = open(prefix, shot, info, grabber);
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
                clip.close();
            }
            try {
                grabber.close();
            } catch (FrameGrabber.Exception ignored) {
                // closing a decoder that failed is best effort
            }
        }
    }

    /** Opens the writer of shot {@code shot}: {@code <prefix>-shot-001.mp4} and on. */
    private static Mp4Writer open(Path prefix, int shot, VideoInfo info, FFmpegFrameGrabber grabber) throws FrameRecorder.Exception {
        String name = String.format(Locale.ROOT, "%s-shot-%03d.mp4", prefix.getFileName(), shot + 1);
        int channels = grabber.hasAudio() ? grabber.getAudioChannels() : 0;
        return Mp4Writer.open(prefix.resolveSibling(name),
                new Mp4Writer.Settings(info.width(), info.height(), info.fps(), 0.15, channels, grabber.getSampleRate()));
    }
}
