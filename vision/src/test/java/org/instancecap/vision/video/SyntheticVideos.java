package org.instancecap.vision.video;

import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_BGR0;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_RGB24;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV420P;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.IntFunction;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Frame;
import org.instancecap.core.video.RgbImage;

/** Videos the tests write themselves, so that decoding can be checked pixel by pixel without fixtures. */
public final class SyntheticVideos {

    /** How a test video is stored. */
    public enum Kind {
        /** FFV1 in Matroska: lossless; the container states no frame count. */
        FFV1_MKV("matroska", avcodec.AV_CODEC_ID_FFV1, AV_PIX_FMT_BGR0),
        /** Uncompressed RGB in QuickTime, index first: lossless; the container states the frame count. */
        RAW_MOV("mov", avcodec.AV_CODEC_ID_RAWVIDEO, AV_PIX_FMT_RGB24),
        /** MPEG-4 Part 2 in MP4: lossy and small, for big pictures. */
        MPEG4_MP4("mp4", avcodec.AV_CODEC_ID_MPEG4, AV_PIX_FMT_YUV420P);

        final String format;
        final int codec;
        final int pixelFormat;

        Kind(String format, int codec, int pixelFormat) {
            this.format = format;
            this.codec = codec;
            this.pixelFormat = pixelFormat;
        }
    }

    private SyntheticVideos() {
    }

    /** Writes {@code frames} pictures made by {@code frameAt} to {@code file}. */
    public static Path write(Path file, Kind kind, int width, int height, int frames, double fps,
                             IntFunction<RgbImage> frameAt) throws Exception {
        Files.createDirectories(file.toAbsolutePath().getParent());
        FFmpegFrameRecorder recorder = new FFmpegFrameRecorder(file.toString(), width, height, 0);
        recorder.setFormat(kind.format);
        recorder.setVideoCodec(kind.codec);
        recorder.setPixelFormat(kind.pixelFormat);
        recorder.setFrameRate(fps);
        if (kind == Kind.MPEG4_MP4) {
            recorder.setVideoQuality(10);
        }
        if (kind == Kind.RAW_MOV) {
            recorder.setOption("movflags", "faststart"); // index first, pictures last: cutting the tail loses frames only
        }
        recorder.start();
        try {
            for (int k = 0; k < frames; k++) {
                RgbImage image = frameAt.apply(k);
                recorder.recordImage(width, height, Frame.DEPTH_UBYTE, 3, width * 3, AV_PIX_FMT_RGB24,
                        ByteBuffer.wrap(image.pixels()));
            }
            recorder.stop();
        } finally {
            recorder.release();
        }
        return file;
    }

    /** A picture that differs in every pixel and every frame: red from x, green from y, blue from k. */
    public static RgbImage pattern(int width, int height, int k) {
        byte[] p = new byte[width * height * 3];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int o = (y * width + x) * 3;
                p[o] = (byte) (x * 7 + k * 3);
                p[o + 1] = (byte) (y * 5 + k);
                p[o + 2] = (byte) (k * 11 + x + y);
            }
        }
        return new RgbImage(width, height, p);
    }

    /** A flat picture of one colour. */
    public static RgbImage flat(int width, int height, int r, int g, int b) {
        byte[] p = new byte[width * height * 3];
        for (int i = 0; i < p.length; i += 3) {
            p[i] = (byte) r;
            p[i + 1] = (byte) g;
            p[i + 2] = (byte) b;
        }
        return new RgbImage(width, height, p);
    }
}
