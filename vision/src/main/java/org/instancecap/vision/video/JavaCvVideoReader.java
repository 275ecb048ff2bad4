package org.instancecap.vision.video;

import static org.bytedeco.ffmpeg.global.avutil.AV_LOG_ERROR;
import static org.bytedeco.ffmpeg.global.avutil.AV_LOG_QUIET;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_RGB24;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVRational;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.ffmpeg.global.swscale;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameGrabber;
import org.instancecap.core.video.FrameSampling;
import org.instancecap.core.video.FrameSink;
import org.instancecap.core.video.RgbImage;
import org.instancecap.core.video.SampledFrame;
import org.instancecap.core.video.VideoInfo;
import org.instancecap.core.video.VideoReadException;
import org.instancecap.core.video.VideoReader;

/**
 * {@link VideoReader} on FFmpeg through JavaCV. Decodes sequentially (no seeking: the long GOPs of
 * real clips make per-frame seeks slower than one pass) and converts to RGB only the frames that are
 * wanted. Frames are copied out of FFmpeg's reused buffers before they leave this class.
 */
public final class JavaCvVideoReader implements VideoReader {

    /**
     * A pass that ends before the frame count the container promised is retried with the decoded
     * count when at least this share was decoded; below it the file is reported as truncated.
     */
    private static final double MIN_DECODABLE_SHARE = 0.9;

    private static final String NO_FRAME = "no frame could be decoded (truncated, corrupt or unsupported video)";

    static {
        setNativeLogging(false);
    }

    /** FFmpeg prints its own complaints to stderr; keep it quiet unless the user asks. */
    public static void setNativeLogging(boolean verbose) {
        avutil.av_log_set_level(verbose ? AV_LOG_ERROR : AV_LOG_QUIET);
    }

    /** How to learn the frame count of a container that does not state it. */
    private enum Counting {
        /** Decode every frame: exact, costs a full decode. */
        DECODE,
        /**
         * Count the video packets without decoding: an estimate for a pass that decodes anyway and
         * checks the count at the end.
         */
        PACKETS
    }

    @Override
    public VideoInfo probe(Path file) {
        try (Decoder decoder = Decoder.open(file, 0, false)) {
            return decoder.info(Counting.DECODE);
        }
    }

    @Override
    public VideoInfo sample(Path file, int count, FrameSink sink) {
        return sampleAndScan(file, count, sink, 0, null);
    }

    @Override
    public VideoInfo sampleAndScan(Path file, int count, FrameSink sampled, int width, FrameSink everyFrame) {
        if (count < 1) {
            throw new IllegalArgumentException("number of frames must be >= 1, got " + count);
        }
        if (everyFrame != null && width < 1) {
            throw new IllegalArgumentException("scan width must be >= 1, got " + width);
        }
        Decoder decoder = Decoder.open(file, 0, false);
        try {
            VideoInfo info = decoder.info(Counting.PACKETS);
            // A second pass only when the decoder disagrees with the container or the packet count.
            for (int pass = 0; pass < 2; pass++) {
                if (decoder.used) {
                    decoder.close();
                    decoder = Decoder.open(file, 0, false);
                }
                int[] wanted = FrameSampling.uniformIndices(info.frameCount(), count);
                sampled.begin(info, wanted);
                if (everyFrame != null) {
                    everyFrame.begin(info, allIndices(info.frameCount()));
                }
                int decoded = decoder.decode(info, wanted, sampled, width, everyFrame);
                if (decoded == info.frameCount()) {
                    return info;
                }
                checkDecodable(file, decoded, info.frameCount());
                info = withFrameCount(info, decoded);
            }
            throw new VideoReadException(file.toString(), "frame count changes between decoding passes");
        } finally {
            decoder.close();
        }
    }

    private static int[] allIndices(int frameCount) {
        int[] all = new int[frameCount];
        Arrays.setAll(all, i -> i);
        return all;
    }

    @Override
    public VideoInfo scan(Path file, int width, FrameSink sink) {
        return scan(file, width, sink, false);
    }

    /** {@link #scan} without H.264's deblocking filter (about a seventh of its decoding time) and with fast bilinear scaling. */
    @Override
    public VideoInfo skim(Path file, int width, FrameSink sink) {
        return scan(file, width, sink, true);
    }

    private VideoInfo scan(Path file, int width, FrameSink sink, boolean fast) {
        if (width < 1) {
            throw new IllegalArgumentException("scan width must be >= 1, got " + width);
        }
        Decoder decoder = Decoder.open(file, width, fast);
        try {
            VideoInfo info = decoder.info(Counting.PACKETS);
            if (decoder.used) {
                decoder.close();
                decoder = Decoder.open(file, width, fast);
            }
            sink.begin(info, allIndices(info.frameCount()));
            int decoded = decoder.decode(info, null, sink, 0, null);
            if (decoded < info.frameCount()) {
                checkDecodable(file, decoded, info.frameCount());
                info = withFrameCount(info, decoded);
            }
            return info;
        } finally {
            decoder.close();
        }
    }

    private static void checkDecodable(Path file, int decoded, int expected) {
        if (decoded == 0) {
            throw new VideoReadException(file.toString(), NO_FRAME);
        }
        if (decoded < MIN_DECODABLE_SHARE * expected) {
            throw new VideoReadException(file.toString(), String.format(Locale.ROOT,
                    "decoding stopped after %d of %d frames (truncated or corrupt file)", decoded, expected));
        }
    }

    private static VideoInfo withFrameCount(VideoInfo info, int frameCount) {
        double duration = frameCount < info.frameCount() ? Math.min(info.durationSeconds(), frameCount / info.fps())
                : info.durationSeconds();
        return new VideoInfo(info.path(), duration, info.fps(), frameCount, info.width(), info.height(),
                info.rotation(), info.videoCodec(), info.hasAudio());
    }

    /** One open FFmpeg demuxer and video decoder. */
    private static final class Decoder implements AutoCloseable {
        private final Path file;
        private final FFmpegFrameGrabber grabber;

        private final int stream;
        /** Whether frames were read already, so that a new pass needs a fresh decoder. */
        private boolean used;

        private Decoder(Path file, FFmpegFrameGrabber grabber, int stream) {
            this.file = file;
            this.grabber = grabber;
            this.stream = stream;
        }

        /** The stream FFmpegFrameGrabber decodes: the first video stream with a known codec. */
        private static int videoStreamIndex(AVFormatContext format) {
            for (int i = 0; i < format.nb_streams(); i++) {
                AVCodecParameters p = format.streams(i).codecpar();
                if (p.codec_type() == avutil.AVMEDIA_TYPE_VIDEO && p.codec_id() != avcodec.AV_CODEC_ID_NONE) {
                    return i;
                }
            }
            return -1;
        }

        /**
         * Opens {@code file}; {@code scaleWidth > 0} makes the decoder scale pictures to that width;
         * {@code fast} skips the deblocking filter and scales with fast bilinear filtering.
         */
        static Decoder open(Path file, int scaleWidth, boolean fast) {
            String name = file.toString();
            try {
                if (!Files.exists(file)) {
                    throw new VideoReadException(name, "no such file");
                }
                if (Files.isDirectory(file)) {
                    throw new VideoReadException(name, "is a directory, not a video file");
                }
                if (!Files.isReadable(file)) {
                    throw new VideoReadException(name, "file is not readable");
                }
                if (Files.size(file) == 0) {
                    throw new VideoReadException(name, "file is empty");
                }
            } catch (IOException e) {
                throw new VideoReadException(name, "cannot read file: " + e.getMessage(), e);
            }
            FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(file.toAbsolutePath().toString());
            grabber.setPixelFormat(AV_PIX_FMT_RGB24);
            if (fast) {
                grabber.setVideoOption("skip_loop_filter", "all");
                grabber.setImageScalingFlags(swscale.SWS_FAST_BILINEAR);
            }
            try {
                grabber.start();
            } catch (FrameGrabber.Exception | RuntimeException e) {
                closeQuietly(grabber);
                throw new VideoReadException(name, "not a readable video: " + describe(e), e);
            }
            int stream = videoStreamIndex(grabber.getFormatContext());
            if (stream < 0 || grabber.getImageWidth() <= 0 || grabber.getImageHeight() <= 0) {
                closeQuietly(grabber);
                throw new VideoReadException(name, "no video stream");
            }
            if (scaleWidth > 0) {
                AVCodecParameters codec = grabber.getFormatContext().streams(stream).codecpar();
                int[] coded = codedSize(scaleWidth, codec.width(), codec.height(), normalisedRotation(grabber.getDisplayRotation()));
                grabber.setImageWidth(coded[0]);
                grabber.setImageHeight(coded[1]);
            }
            return new Decoder(file, grabber, stream);
        }

        /** The stream's facts; {@code counting} says how to count frames where the container does not. */
        VideoInfo info(Counting counting) {
            AVFormatContext format = grabber.getFormatContext();
            AVStream video = format.streams(stream);
            AVCodecParameters codec = video.codecpar();
            int rotation = normalisedRotation(grabber.getDisplayRotation());
            int w = codec.width();
            int h = codec.height();
            if (rotation == 90 || rotation == 270) {
                int t = w;
                w = h;
                h = t;
            }
            double streamDuration = video.duration() > 0 ? video.duration() * q2d(video.time_base()) : 0;
            double formatDuration = format.duration() > 0 ? format.duration() / (double) avutil.AV_TIME_BASE : 0;
            double duration = streamDuration > 0 ? streamDuration : formatDuration;

            String codecName = avcodec.avcodec_get_name(codec.codec_id()).getString();
            AVRational[] rates = {copy(video.avg_frame_rate()), copy(video.r_frame_rate())};
            int frames = statedFrameCount(format, video);
            if (frames <= 0) {
                // last: reading may invalidate the stream structures read above
                frames = counting == Counting.DECODE ? countFrames() : countPackets();
            }
            if (frames <= 0) {
                throw new VideoReadException(file.toString(), NO_FRAME);
            }
            double fps = plausibleFps(rates, frames, duration);
            if (duration <= 0) {
                duration = frames / fps;
            }
            return new VideoInfo(file.toString(), duration, fps, frames, w, h, rotation, codecName, grabber.hasAudio());
        }

        /** Only the MP4/QuickTime family states an exact sample count; AVI headers, for one, do not. */
        private static int statedFrameCount(AVFormatContext format, AVStream stream) {
            String container = format.iformat().name().getString();
            boolean mov = container.contains("mov") || container.contains("mp4");
            return mov && stream.nb_frames() > 0 && stream.nb_frames() < Integer.MAX_VALUE ? (int) stream.nb_frames() : 0;
        }

        /**
         * The container's average (or else base) rate when it agrees with frames / duration within 5%,
         * otherwise frames / duration: Matroska and FLV may report their time base (1000 fps) as the
         * rate, and GIFs with uneven delays a rate that does not add up to their duration.
         */
        private static double plausibleFps(AVRational[] rates, int frames, double duration) {
            double measured = duration > 0 ? frames / duration : 0;
            for (AVRational r : rates) {
                double fps = q2d(r);
                if (fps > 0 && fps < 1000 && (measured <= 0 || Math.abs(fps / measured - 1) < 0.05)) {
                    return fps;
                }
            }
            return measured > 0 ? measured : 25;
        }

        private static AVRational copy(AVRational r) {
            return avutil.av_make_q(r.num(), r.den());
        }

        private int countPackets() {
            used = true;
            int n = 0;
            try {
                AVPacket packet;
                while ((packet = grabber.grabPacket()) != null) {
                    if (packet.stream_index() == stream && packet.size() > 0) {
                        n++;
                    }
                    avcodec.av_packet_unref(packet);
                }
            } catch (FrameGrabber.Exception | RuntimeException e) {
                // a broken packet ends the count; the decoding pass checks it
            }
            return n;
        }

        private int countFrames() {
            used = true;
            int n = 0;
            try {
                Frame frame;
                while ((frame = grabber.grabFrame(false, true, false, false, false)) != null) {
                    if (frame.image != null) {
                        n++;
                    }
                }
            } catch (FrameGrabber.Exception | RuntimeException e) {
                // a broken packet ends the count; what was decoded so far is the answer
            }
            return n;
        }

        /**
         * Decodes to the end and hands the frames at {@code wanted} (all frames when null) to
         * {@code sink}; with {@code small}, every frame also goes there scaled to {@code smallWidth}.
         * The scaler switches size per frame, so the frames only {@code small} wants are converted
         * at the small size.
         *
         * @return how many frames were decoded before the end of the stream or the first error
         */
        int decode(VideoInfo info, int[] wanted, FrameSink sink, int smallWidth, FrameSink small) {
            used = true;
            AVCodecParameters codec = grabber.getFormatContext().streams(stream).codecpar();
            int fullWidth = codec.width();
            int fullHeight = codec.height();
            int[] smallCoded = small == null ? null : codedSize(smallWidth, fullWidth, fullHeight, info.rotation());
            int next = 0;
            int index = 0;
            try {
                while (true) {
                    boolean keep = wanted == null || next < wanted.length && wanted[next] == index;
                    if (small != null) {
                        grabber.setImageWidth(keep ? fullWidth : smallCoded[0]);
                        grabber.setImageHeight(keep ? fullHeight : smallCoded[1]);
                    }
                    Frame frame = grabber.grabFrame(false, true, keep || small != null, false, false);
                    if (frame == null) {
                        break;
                    }
                    if (frame.image == null) {
                        continue;
                    }
                    if (!keep && small == null) {
                        index++;
                        continue;
                    }
                    RgbImage image = FrameCopy.rgb(frame).rotateCounterClockwise(info.rotation());
                    double time = info.timeOf(index);
                    if (keep) {
                        sink.accept(new SampledFrame(index, time, image));
                        next++;
                    }
                    if (small != null) {
                        boolean quarter = info.rotation() % 180 != 0;
                        RgbImage scaled = !keep ? image
                                : image.scaled(quarter ? smallCoded[1] : smallCoded[0], quarter ? smallCoded[0] : smallCoded[1]);
                        small.accept(new SampledFrame(index, time, scaled));
                    }
                    index++;
                }
            } catch (FrameGrabber.Exception e) {
                // A broken packet ends the pass; the caller compares the count with the probe.
            }
            return index;
        }

        @Override
        public void close() {
            closeQuietly(grabber);
        }

        private static void closeQuietly(FFmpegFrameGrabber grabber) {
            try {
                grabber.close();
            } catch (FrameGrabber.Exception | RuntimeException ignored) {
                // nothing more can be done about a decoder that fails to close
            }
        }
    }

    /**
     * The coded (before rotation) size that shows {@code displayedWidth} pixels wide once the display
     * rotation is applied, keeping the aspect ratio.
     */
    static int[] codedSize(int displayedWidth, int codedWidth, int codedHeight, int rotation) {
        if (rotation % 180 == 0) {
            return new int[] {displayedWidth, (int) Math.max(1, Math.round(displayedWidth * (double) codedHeight / codedWidth))};
        }
        return new int[] {(int) Math.max(1, Math.round(displayedWidth * (double) codedWidth / codedHeight)), displayedWidth};
    }

    static int normalisedRotation(double degrees) {
        if (Double.isNaN(degrees)) {
            return 0;
        }
        int quarter = (int) Math.round(degrees / 90.0);
        return Math.floorMod(quarter * 90, 360);
    }

    private static double q2d(AVRational r) {
        return r == null || r.den() == 0 ? 0 : r.num() / (double) r.den();
    }

    private static String describe(Throwable e) {
        String message = e.getMessage();
        if (message == null || message.isBlank()) {
            return e.getClass().getSimpleName();
        }
        // FFmpegFrameGrabber messages look like "avformat_open_input() error -1094995529: Could not open input ..."
        int colon = message.indexOf(": ");
        String text = colon > 0 && message.startsWith("av") ? message.substring(colon + 2) : message;
        text = text.lines().findFirst().orElse(text);
        // JavaCV appends the file name, already in our message, and hints for its own developers
        text = text.replaceAll("\\s*\\((Has setFormat|For more details).*$", "").replaceAll("\\s*\"[^\"]*\"\\.?$", "");
        return text.trim();
    }
}
