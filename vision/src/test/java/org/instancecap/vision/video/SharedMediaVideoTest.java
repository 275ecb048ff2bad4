package org.instancecap.vision.video;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.instancecap.core.video.FrameSampling;
import org.instancecap.core.video.FrameSink;
import org.instancecap.core.video.SampledFrame;
import org.instancecap.core.video.SampledFrames;
import org.instancecap.core.video.VideoInfo;
import org.instancecap.core.video.VideoReadException;
import org.junit.jupiter.api.Test;

/** Probing and sampling of the real clips, against what ffprobe and ffmpeg found (MANIFEST.md). */
class SharedMediaVideoTest {

    private final JavaCvVideoReader reader = new JavaCvVideoReader();

    /**
     * Files whose container lasts longer than their video stream; the manifest gives the container's
     * duration, the probe the video's. Values from {@code ffprobe -show_entries stream=duration}.
     */
    private static final Map<String, Double> VIDEO_STREAM_DURATION = Map.of(
            "edge/androidx_media/mp4_sample_empty_track.mp4", 0.967622);

    @Test
    void probe_matches_ffprobe_for_every_decodable_video_and_edge_file() {
        Map<String, SharedMedia.Expected> rows = new HashMap<>(SharedMedia.manifest("videos/"));
        rows.putAll(SharedMedia.manifest("edge/"));
        int checked = 0;
        for (SharedMedia.Expected row : rows.values()) {
            if (!row.decodable() || row.path().contains("truncated")) {
                continue;
            }
            VideoInfo info = reader.probe(SharedMedia.file(row.path()));
            String what = row.path();
            assertThat(info.frameCount()).as("frame count of %s", what).isEqualTo(row.frames().getAsInt());
            int[] coded = row.codedSize();
            boolean quarter = row.rotation() % 180 == 90;
            assertThat(new int[] {info.width(), info.height()}).as("displayed size of %s", what)
                    .containsExactly(quarter ? coded[1] : coded[0], quarter ? coded[0] : coded[1]);
            assertThat(info.rotation()).as("rotation of %s", what).isEqualTo(row.rotation());
            assertThat(info.hasAudio()).as("audio of %s", what).isEqualTo(row.hasAudio());
            if (VIDEO_STREAM_DURATION.containsKey(what)) {
                assertThat(info.durationSeconds()).as("duration of %s", what)
                        .isCloseTo(VIDEO_STREAM_DURATION.get(what), within(1e-3));
            } else if (row.durationSeconds().isPresent()) {
                // within one frame, plus the manifest's rounding to 10 ms
                assertThat(info.durationSeconds()).as("duration of %s", what)
                        .isCloseTo(row.durationSeconds().getAsDouble(), within(1 / info.fps() + 0.005));
            } else {
                assertThat(info.durationSeconds()).as("duration of %s without one in its header", what)
                        .isCloseTo(info.frameCount() / info.fps(), within(1e-6));
            }
            checked++;
        }
        assertThat(checked).as("files checked").isGreaterThanOrEqualTo(27);
    }

    @Test
    void every_edge_file_samples_correctly_or_fails_with_a_reason() {
        Map<String, SharedMedia.Expected> rows = SharedMedia.manifest("edge/");
        assertThat(rows).hasSizeGreaterThanOrEqualTo(20);
        List<String> failed = new ArrayList<>();
        for (SharedMedia.Expected row : rows.values()) {
            Path file = SharedMedia.file(row.path());
            try {
                SampledFrames sampled = reader.sample(file, 8);
                int frames = sampled.info().frameCount();
                assertThat(frames).as("frame count of %s", row.path()).isEqualTo(row.frames().getAsInt());
                assertThat(sampled.frames()).as(row.path()).extracting(SampledFrame::index)
                        .containsExactly(Arrays.stream(FrameSampling.uniformIndices(frames, 8)).boxed().toArray(Integer[]::new));
                assertThat(sampled.frames()).as(row.path()).allSatisfy(f -> {
                    assertThat(f.image().width()).isEqualTo(sampled.info().width());
                    assertThat(f.image().height()).isEqualTo(sampled.info().height());
                });
            } catch (VideoReadException e) {
                assertThat(e.file()).isEqualTo(file.toString());
                assertThat(e.reason()).isNotBlank().doesNotContain("\n");
                failed.add(row.path());
            }
        }
        assertThat(failed).containsExactlyInAnyOrder(
                "edge/androidx_media/mp4_sample_audio_only.mp4",
                "edge/androidx_media/vp9_invalid-bitstream.webm",
                "edge/derived/audio_only_chaplin.m4a",
                "edge/derived/not_a_video.mp4",
                "edge/derived/truncated_64KiB_faststart.mp4",
                "edge/derived/zero_length.mp4");
    }

    @Test
    void reasons_name_what_is_wrong() {
        Path empty = SharedMedia.file("edge/derived/zero_length.mp4");
        Path audio = SharedMedia.file("edge/derived/audio_only_chaplin.m4a");
        Path text = SharedMedia.file("edge/derived/not_a_video.mp4");
        Path truncated = SharedMedia.file("edge/derived/truncated_64KiB_faststart.mp4");
        Path invalid = SharedMedia.file("edge/androidx_media/vp9_invalid-bitstream.webm");
        assertThatThrownBy(() -> reader.probe(empty)).hasMessageStartingWith("file is empty");
        assertThatThrownBy(() -> reader.probe(audio)).hasMessageStartingWith("no video stream");
        // JavaCV's own hints and the quoted path (already in the message) are left out
        assertThatThrownBy(() -> reader.probe(text)).isInstanceOfSatisfying(VideoReadException.class,
                e -> assertThat(e.reason()).isEqualTo("not a readable video: Could not open input"));
        assertThatThrownBy(() -> reader.sample(truncated, 8)).hasMessageStartingWith("no frame could be decoded (truncated");
        assertThatThrownBy(() -> reader.probe(invalid)).hasMessageStartingWith("no frame could be decoded");
    }

    @Test
    void sampled_frames_are_the_frames_at_the_linspace_indices() {
        Path counter = SharedMedia.file("scenes/pyscenedetect/counter.mp4");
        SampledFrames sampled = reader.sample(counter, 8);
        int[] expected = FrameSampling.uniformIndices(30, 8);
        assertThat(sampled.frames()).extracting(SampledFrame::index).containsExactly(0, 4, 8, 12, 17, 21, 25, 29);
        assertThat(expected).containsExactly(0, 4, 8, 12, 17, 21, 25, 29);
        // the same frames, reached by decoding every frame
        Map<Integer, byte[]> all = new HashMap<>();
        reader.scan(counter, 1920, new FrameSink() {
            @Override
            public void accept(SampledFrame frame) {
                all.put(frame.index(), frame.image().pixels());
            }
        });
        assertThat(all).hasSize(30);
        for (SampledFrame frame : sampled.frames()) {
            assertThat(frame.image().pixels()).as("frame %d", frame.index()).isEqualTo(all.get(frame.index()));
            assertThat(frame.timeSeconds()).isCloseTo(frame.index() / 10.0, within(1e-9));
        }
    }

    @Test
    void display_rotation_turns_the_pictures() {
        SampledFrames plain = reader.sample(SharedMedia.file("videos/moviepy_chaplin.mp4"), 3);
        SampledFrames turned = reader.sample(SharedMedia.file("edge/derived/rotate90_metadata_chaplin.mp4"), 3);
        assertThat(turned.info().width()).isEqualTo(360);
        assertThat(turned.info().height()).isEqualTo(640);
        List<SampledFrame> scanned = new ArrayList<>();
        reader.scan(SharedMedia.file("edge/derived/rotate90_metadata_chaplin.mp4"), 180, new FrameSink() {
            @Override
            public void accept(SampledFrame frame) {
                scanned.add(frame);
            }
        });
        assertThat(scanned).hasSize(241).allSatisfy(f -> {
            assertThat(f.image().width()).as("scan width is the displayed width").isEqualTo(180);
            assertThat(f.image().height()).isEqualTo(320);
        });
        for (int i = 0; i < 3; i++) {
            assertThat(turned.frames().get(i).image().pixels())
                    .isEqualTo(plain.frames().get(i).image().rotateCounterClockwise(90).pixels());
        }
    }

    @Test
    void one_pixel_and_odd_sized_videos_decode() {
        SampledFrames tiny = reader.sample(SharedMedia.file("edge/moviepy/test_video_1x1px_5frames.mp4"), 8);
        assertThat(tiny.frames()).extracting(SampledFrame::index).containsExactly(0, 1, 2, 3, 4);
        assertThat(tiny.frames().get(0).image().pixels()).hasSize(3);
        SampledFrames odd = reader.sample(SharedMedia.file("edge/androidx_media/vp9_bear-vp9-odd-dimensions.webm"), 2);
        assertThat(odd.frames().get(1).image().width()).isEqualTo(161);
        assertThat(odd.frames().get(1).image().height()).isEqualTo(121);
    }
}
