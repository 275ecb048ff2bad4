package org.instancecap.vision.video;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.instancecap.core.video.FrameSampling;
import org.instancecap.core.video.FrameSink;
import org.instancecap.core.video.SampledFrame;
import org.instancecap.core.video.SampledFrames;
import org.instancecap.core.video.VideoInfo;
import org.instancecap.core.video.VideoReadException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Decoding checked pixel by pixel on lossless videos the test writes itself. */
class JavaCvVideoReaderTest {

    private final JavaCvVideoReader reader = new JavaCvVideoReader();

    @TempDir
    Path tmp;

    private Path patternVideo(SyntheticVideos.Kind kind, String name, int w, int h, int frames, double fps) throws Exception {
        return SyntheticVideos.write(tmp.resolve(name), kind, w, h, frames, fps, k -> SyntheticVideos.pattern(w, h, k));
    }

    @Test
    void sampled_frames_are_the_exact_pixels_at_linspace_indices() throws Exception {
        Path video = patternVideo(SyntheticVideos.Kind.FFV1_MKV, "pattern.mkv", 64, 48, 40, 20);
        SampledFrames sampled = reader.sample(video, 8);
        int[] expected = FrameSampling.uniformIndices(40, 8);
        assertThat(sampled.frames()).extracting(SampledFrame::index).containsExactly(Arrays.stream(expected).boxed().toArray(Integer[]::new));
        for (SampledFrame frame : sampled.frames()) {
            assertThat(frame.image().pixels())
                    .as("pixels of frame %d", frame.index())
                    .isEqualTo(SyntheticVideos.pattern(64, 48, frame.index()).pixels());
            assertThat(frame.timeSeconds()).isCloseTo(frame.index() / 20.0, within(1e-9));
        }
    }

    @Test
    void probe_counts_frames_by_decoding_when_the_container_does_not_state_them() throws Exception {
        Path video = patternVideo(SyntheticVideos.Kind.FFV1_MKV, "count.mkv", 32, 16, 37, 25);
        VideoInfo info = reader.probe(video);
        assertThat(info.frameCount()).isEqualTo(37);
        assertThat(info.fps()).isCloseTo(25, within(1e-6));
        assertThat(info.durationSeconds()).isCloseTo(37 / 25.0, within(1 / 25.0));
        assertThat(info.width()).isEqualTo(32);
        assertThat(info.height()).isEqualTo(16);
        assertThat(info.rotation()).isZero();
        assertThat(info.videoCodec()).isEqualTo("ffv1");
        assertThat(info.hasAudio()).isFalse();
    }

    @Test
    void probe_reads_the_stated_count_of_quicktime_files() throws Exception {
        Path video = patternVideo(SyntheticVideos.Kind.RAW_MOV, "raw.mov", 16, 8, 12, 10);
        VideoInfo info = reader.probe(video);
        assertThat(info.frameCount()).isEqualTo(12);
        assertThat(info.videoCodec()).isEqualTo("rawvideo");
        assertThat(reader.sample(video, 3).frames()).extracting(SampledFrame::index).containsExactly(0, 6, 11);
    }

    @Test
    void tiny_sizes_decode_exactly() throws Exception {
        // JavaCV's recorder rounds odd sizes up to even ones; odd and 1x1 sizes are checked on the
        // shared clips vp9_bear-vp9-odd-dimensions.webm and test_video_1x1px_5frames.mp4
        for (int[] size : new int[][] {{2, 2}, {6, 4}, {162, 122}}) {
            Path video = patternVideo(SyntheticVideos.Kind.FFV1_MKV, "odd" + size[0] + ".mkv", size[0], size[1], 5, 10);
            SampledFrames sampled = reader.sample(video, 8);
            assertThat(sampled.frames()).hasSize(5);
            assertThat(sampled.frames().get(4).image().pixels())
                    .isEqualTo(SyntheticVideos.pattern(size[0], size[1], 4).pixels());
        }
    }

    @Test
    void scan_hands_every_frame_scaled_to_the_width() throws Exception {
        Path video = patternVideo(SyntheticVideos.Kind.FFV1_MKV, "scan.mkv", 64, 48, 30, 30);
        List<SampledFrame> frames = new ArrayList<>();
        VideoInfo info = reader.scan(video, 32, new FrameSink() {
            @Override
            public void accept(SampledFrame frame) {
                frames.add(frame);
            }
        });
        assertThat(info.frameCount()).isEqualTo(30);
        assertThat(frames).extracting(SampledFrame::index).containsExactlyElementsOf(java.util.stream.IntStream.range(0, 30).boxed().toList());
        assertThat(frames).allSatisfy(f -> {
            assertThat(f.image().width()).isEqualTo(32);
            assertThat(f.image().height()).isEqualTo(24);
        });
    }

    @Test
    void one_pass_gives_the_sampled_frames_full_size_and_every_frame_small() throws Exception {
        Path video = patternVideo(SyntheticVideos.Kind.FFV1_MKV, "both.mkv", 64, 48, 30, 30);
        List<SampledFrame> sampled = new ArrayList<>();
        List<SampledFrame> small = new ArrayList<>();
        reader.sampleAndScan(video, 4, new FrameSink() {
            @Override
            public void accept(SampledFrame frame) {
                sampled.add(frame);
            }
        }, 32, new FrameSink() {
            @Override
            public void accept(SampledFrame frame) {
                small.add(frame);
            }
        });
        assertThat(sampled).extracting(SampledFrame::index).containsExactly(0, 10, 19, 29);
        for (SampledFrame frame : sampled) {
            assertThat(frame.image().pixels()).isEqualTo(SyntheticVideos.pattern(64, 48, frame.index()).pixels());
        }
        assertThat(small).extracting(SampledFrame::index).containsExactlyElementsOf(java.util.stream.IntStream.range(0, 30).boxed().toList());
        assertThat(small).allSatisfy(f -> assertThat(f.image().width()).isEqualTo(32));
        assertThat(small).allSatisfy(f -> assertThat(f.image().height()).isEqualTo(24));
        // the sampled frames' small copies look like the decoder's own small frames
        List<SampledFrame> scanned = new ArrayList<>();
        reader.scan(video, 32, new FrameSink() {
            @Override
            public void accept(SampledFrame frame) {
                scanned.add(frame);
            }
        });
        for (int k : new int[] {0, 10, 19, 29}) {
            assertThat(meanDifference(small.get(k).image(), scanned.get(k).image())).as("frame %d", k).isLessThan(12);
        }
    }

    private static double meanDifference(org.instancecap.core.video.RgbImage a, org.instancecap.core.video.RgbImage b) {
        double sum = 0;
        for (int i = 0; i < a.pixels().length; i++) {
            sum += Math.abs((a.pixels()[i] & 0xff) - (b.pixels()[i] & 0xff));
        }
        return sum / a.pixels().length;
    }

    @Test
    void a_single_frame_video_gives_its_one_frame() throws Exception {
        Path video = patternVideo(SyntheticVideos.Kind.FFV1_MKV, "one.mkv", 8, 8, 1, 30);
        assertThat(reader.sample(video, 8).frames()).extracting(SampledFrame::index).containsExactly(0);
    }

    @Test
    void paths_with_spaces_and_non_ascii_characters_work() throws Exception {
        Path video = patternVideo(SyntheticVideos.Kind.FFV1_MKV, "dir with space/vidéo ü 動画.mkv", 8, 8, 4, 10);
        assertThat(reader.probe(video).frameCount()).isEqualTo(4);
        assertThat(reader.sample(video, 2).frames()).hasSize(2);
    }

    @Test
    void missing_empty_directory_and_text_files_are_clear_errors() throws Exception {
        Path empty = Files.createFile(tmp.resolve("empty.mp4"));
        Path text = Files.writeString(tmp.resolve("notes.mp4"), "this is not a video, just text\n");
        assertThatThrownBy(() -> reader.probe(tmp.resolve("missing.mp4")))
                .isInstanceOf(VideoReadException.class).hasMessage("no such file (" + tmp.resolve("missing.mp4") + ")");
        assertThatThrownBy(() -> reader.probe(empty))
                .isInstanceOf(VideoReadException.class).hasMessageStartingWith("file is empty");
        assertThatThrownBy(() -> reader.probe(tmp))
                .isInstanceOf(VideoReadException.class).hasMessageStartingWith("is a directory");
        assertThatThrownBy(() -> reader.sample(text, 8))
                .isInstanceOf(VideoReadException.class).hasMessageStartingWith("not a readable video");
    }

    /** A 60-frame raw QuickTime file with its last {@code lostFrames} pictures cut off (and half of one more). */
    private Path cutTail(String name, double lostFrames) throws Exception {
        Path video = patternVideo(SyntheticVideos.Kind.RAW_MOV, name, 64, 48, 60, 30);
        byte[] bytes = Files.readAllBytes(video);
        int cut = (int) Math.round(lostFrames * 64 * 48 * 3);
        Files.write(video, Arrays.copyOf(bytes, bytes.length - cut));
        return video;
    }

    @Test
    void a_few_missing_frames_at_the_end_resample_from_what_decodes() throws Exception {
        Path video = cutTail("short.mov", 2.5);
        assertThat(reader.probe(video).frameCount()).as("the header still says").isEqualTo(60);
        SampledFrames sampled = reader.sample(video, 8);
        assertThat(sampled.info().frameCount()).isEqualTo(57);
        assertThat(sampled.frames()).extracting(SampledFrame::index)
                .containsExactly(Arrays.stream(FrameSampling.uniformIndices(57, 8)).boxed().toArray(Integer[]::new));
        SampledFrame last = sampled.frames().get(7);
        assertThat(last.index()).isEqualTo(56);
        assertThat(last.image().pixels()).isEqualTo(SyntheticVideos.pattern(64, 48, 56).pixels());
    }

    @Test
    void a_truncated_file_is_an_error_naming_what_decoded() throws Exception {
        Path video = cutTail("half.mov", 30.5);
        assertThatThrownBy(() -> reader.sample(video, 8))
                .isInstanceOf(VideoReadException.class)
                .hasMessageStartingWith("decoding stopped after 29 of 60 frames (truncated or corrupt file)");
    }

    @Test
    void an_audio_only_file_has_no_video_stream() throws Exception {
        Path audio = tmp.resolve("tone.m4a");
        org.bytedeco.javacv.FFmpegFrameRecorder recorder = new org.bytedeco.javacv.FFmpegFrameRecorder(audio.toString(), 1);
        recorder.setFormat("mp4");
        recorder.setAudioCodec(org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_AAC);
        recorder.setSampleRate(16000);
        recorder.start();
        short[] samples = new short[16000];
        for (int i = 0; i < samples.length; i++) {
            samples[i] = (short) (8000 * Math.sin(i * 0.1));
        }
        recorder.recordSamples(java.nio.ShortBuffer.wrap(samples));
        recorder.stop();
        recorder.release();
        assertThatThrownBy(() -> reader.probe(audio)).isInstanceOf(VideoReadException.class).hasMessageStartingWith("no video stream");
    }
}
