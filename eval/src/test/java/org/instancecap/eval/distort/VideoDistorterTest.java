package org.instancecap.eval.distort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.instancecap.core.video.RgbImage;
import org.instancecap.core.video.SampledFrame;
import org.instancecap.core.video.VideoReadException;
import org.instancecap.vision.video.JavaCvVideoReader;
import org.instancecap.vision.video.SyntheticVideos;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Writes each distortion of real, losslessly stored test videos, decodes what was written and measures the effect. */
class VideoDistorterTest {
    private static final int W = 128;
    private static final int H = 96;
    private static final int FRAMES = 12;
    private static final int EDGE_X = 60;
    private static final int EDGE_Y = 40;
    private static final JavaCvVideoReader READER = new JavaCvVideoReader();

    @TempDir
    static Path tmp;
    static Path flat;
    static Path edges;
    static Path textured;

    @BeforeAll
    static void inputs() throws Exception {
        flat = SyntheticVideos.write(tmp.resolve("flat.mkv"), SyntheticVideos.Kind.FFV1_MKV, W, H, FRAMES, 25,
                k -> SyntheticVideos.flat(W, H, 128, 128, 128));
        edges = SyntheticVideos.write(tmp.resolve("edges.mkv"), SyntheticVideos.Kind.FFV1_MKV, W, H, FRAMES, 25, k -> edges());
        textured = SyntheticVideos.write(tmp.resolve("textured.mkv"), SyntheticVideos.Kind.FFV1_MKV, W, H, FRAMES, 25,
                k -> checkerboard(k));
    }

    /** Black left of EDGE_X, white right of it, except a black band above EDGE_Y. */
    private static RgbImage edges() {
        byte[] p = new byte[W * H * 3];
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                byte v = (byte) (x >= EDGE_X && y >= EDGE_Y ? 220 : 30);
                int o = (y * W + x) * 3;
                p[o] = v;
                p[o + 1] = v;
                p[o + 2] = v;
            }
        }
        return new RgbImage(W, H, p);
    }

    /** Squares of 2 pixels, moving one pixel a frame: much energy at high frequencies. */
    private static RgbImage checkerboard(int k) {
        byte[] p = new byte[W * H * 3];
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                byte v = (byte) ((((x + k) / 2 + y / 2) & 1) == 0 ? 40 : 210);
                int o = (y * W + x) * 3;
                p[o] = v;
                p[o + 1] = v;
                p[o + 2] = v;
            }
        }
        return new RgbImage(W, H, p);
    }

    private static Map<Distortion, VideoDistorter.Output> distort(Path video, Path dir, long seed, List<Distortion> which) {
        Map<Distortion, VideoDistorter.Output> byKind = new EnumMap<>(Distortion.class);
        for (VideoDistorter.Output o : new VideoDistorter(READER, new VideoDistorter.Settings(0.1, seed))
                .distort(video, stem(video), dir, which)) {
            byKind.put(o.distortion(), o);
        }
        return byKind;
    }

    private static String stem(Path video) {
        String name = video.getFileName().toString();
        return name.substring(0, name.lastIndexOf('.'));
    }

    private static List<RgbImage> decode(Path file) {
        return READER.sample(file, 1000).frames().stream().map(SampledFrame::image).toList();
    }

    private static double mean(RgbImage image) {
        double s = 0;
        for (byte b : image.pixels()) {
            s += b & 0xff;
        }
        return s / image.pixels().length;
    }

    private static double std(RgbImage image) {
        double m = mean(image);
        double s = 0;
        for (byte b : image.pixels()) {
            s += ((b & 0xff) - m) * ((b & 0xff) - m);
        }
        return Math.sqrt(s / image.pixels().length);
    }

    /** Mean absolute difference to the right and downward neighbours: high where there is fine detail. */
    private static double highFrequency(RgbImage image) {
        double s = 0;
        int n = 0;
        for (int y = 0; y + 1 < image.height(); y++) {
            for (int x = 0; x + 1 < image.width(); x++) {
                int v = image.rgb(x, y)[1];
                s += Math.abs(v - image.rgb(x + 1, y)[1]) + Math.abs(v - image.rgb(x, y + 1)[1]);
                n += 2;
            }
        }
        return s / n;
    }

    @Test
    void writes_one_video_per_distortion_with_every_frame_named_stem_dot_distortion() throws Exception {
        Path dir = tmp.resolve("all");
        Map<Distortion, VideoDistorter.Output> outputs = distort(flat, dir, 1, List.of(Distortion.values()));
        assertThat(outputs).hasSize(6);
        for (Distortion d : Distortion.values()) {
            Path file = dir.resolve("flat." + d.label() + ".mp4");
            assertThat(outputs.get(d).file()).isEqualTo(file);
            assertThat(outputs.get(d).frames()).isEqualTo(FRAMES);
            assertThat(decode(file)).hasSize(FRAMES).allSatisfy(f -> assertThat(f.width() * 1000 + f.height()).isEqualTo(W * 1000 + H));
        }
        try (var listing = Files.list(dir)) {
            assertThat(listing.map(p -> p.getFileName().toString())).as("no partial file is left").noneMatch(n -> n.startsWith("."));
        }
    }

    @Test
    void noise_raises_the_pixel_spread_of_a_flat_frame_by_about_25() {
        VideoDistorter.Output out = distort(flat, tmp.resolve("noise"), 2, List.of(Distortion.NOISE)).get(Distortion.NOISE);
        assertThat(out.parameters().path("sigma").asDouble()).isEqualTo(25);
        for (RgbImage frame : decode(out.file())) {
            assertThat(std(frame)).isCloseTo(25, within(3.0));
            assertThat(mean(frame)).isCloseTo(128, within(2.0));
        }
    }

    @Test
    void brightness_scales_the_mean_by_the_factor_drawn_for_each_frame() {
        VideoDistorter.Output out = distort(flat, tmp.resolve("brightness"), 3, List.of(Distortion.BRIGHTNESS))
                .get(Distortion.BRIGHTNESS);
        List<RgbImage> frames = decode(out.file());
        var factors = out.parameters().path("factor");
        assertThat(factors.size()).isEqualTo(FRAMES);
        double lowest = 2;
        double highest = 0;
        for (int k = 0; k < FRAMES; k++) {
            double factor = factors.get(k).asDouble();
            assertThat(factor).isBetween(0.5, 1.5);
            assertThat(mean(frames.get(k)) / 128).as("frame %d", k).isCloseTo(factor, within(0.03));
            lowest = Math.min(lowest, factor);
            highest = Math.max(highest, factor);
        }
        assertThat(highest - lowest).as("factors are drawn, not fixed").isGreaterThan(0.2);
    }

    @Test
    void shift_moves_a_known_edge_by_the_drawn_offset_of_at_most_10_pixels() {
        VideoDistorter.Output out = distort(edges, tmp.resolve("shift"), 4, List.of(Distortion.SHIFT)).get(Distortion.SHIFT);
        List<RgbImage> frames = decode(out.file());
        boolean moved = false;
        for (int k = 0; k < FRAMES; k++) {
            int dx = out.parameters().path("dx").get(k).asInt();
            int dy = out.parameters().path("dy").get(k).asInt();
            assertThat(Math.abs(dx)).isLessThanOrEqualTo(10);
            assertThat(Math.abs(dy)).isLessThanOrEqualTo(10);
            moved |= dx != 0 || dy != 0;
            RgbImage f = frames.get(k);
            assertThat(firstBright(f, true, H - 15)).as("vertical edge in frame %d", k).isCloseTo(EDGE_X + dx, within(1));
            assertThat(firstBright(f, false, W - 15)).as("horizontal edge in frame %d", k).isCloseTo(EDGE_Y + dy, within(1));
        }
        assertThat(moved).isTrue();
    }

    /** The first pixel brighter than half-way along the row (or column) at {@code at}. */
    private static int firstBright(RgbImage f, boolean alongRow, int at) {
        int n = alongRow ? f.width() : f.height();
        for (int i = 0; i < n; i++) {
            int v = alongRow ? f.rgb(i, at)[1] : f.rgb(at, i)[1];
            if (v > 125) {
                return i;
            }
        }
        return -1;
    }

    @Test
    void blur_lowers_the_high_frequency_energy() {
        VideoDistorter.Output out = distort(textured, tmp.resolve("blur"), 5, List.of(Distortion.BLUR)).get(Distortion.BLUR);
        List<RgbImage> original = decode(textured);
        List<RgbImage> blurred = decode(out.file());
        for (int k = 0; k < FRAMES; k++) {
            double before = highFrequency(original.get(k));
            assertThat(before).isGreaterThan(50);
            assertThat(highFrequency(blurred.get(k))).as("frame %d", k).isLessThan(0.5 * before);
            assertThat(mean(blurred.get(k))).isCloseTo(mean(original.get(k)), within(4.0));
        }
    }

    @Test
    void masking_blacks_out_about_the_stated_fraction() throws Exception {
        Path bright = SyntheticVideos.write(tmp.resolve("bright.mkv"), SyntheticVideos.Kind.FFV1_MKV, W, H, FRAMES, 25,
                k -> SyntheticVideos.flat(W, H, 200, 200, 200));
        VideoDistorter.Output out = distort(bright, tmp.resolve("mask"), 6, List.of(Distortion.MASK)).get(Distortion.MASK);
        assertThat(out.parameters().path("maskedShare").asDouble()).isCloseTo(0.1, within(0.01));
        for (RgbImage f : decode(out.file())) {
            int dark = 0;
            for (int i = 0; i < f.pixels().length; i += 3) {
                dark += (f.pixels()[i + 1] & 0xff) < 100 ? 1 : 0;
            }
            assertThat(dark / (double) (W * H)).isCloseTo(0.1, within(0.03));
        }
    }

    @Test
    void jpeg_round_trips_each_frame_at_a_drawn_quality_from_5_to_30() {
        VideoDistorter.Output out = distort(textured, tmp.resolve("jpeg"), 7, List.of(Distortion.JPEG)).get(Distortion.JPEG);
        List<RgbImage> original = decode(textured);
        List<RgbImage> written = decode(out.file());
        for (int k = 0; k < FRAMES; k++) {
            int quality = out.parameters().path("quality").get(k).asInt();
            assertThat(quality).isBetween(5, 30);
            RgbImage expected = ImageDistortions.jpeg(original.get(k), quality);
            double toOriginal = meanAbsDifference(written.get(k), original.get(k));
            assertThat(toOriginal).as("frame %d is damaged", k).isGreaterThan(5);
            assertThat(meanAbsDifference(written.get(k), expected)).as("frame %d is the JPEG round trip", k)
                    .isLessThan(0.5 * toOriginal);
        }
    }

    private static double meanAbsDifference(RgbImage a, RgbImage b) {
        double s = 0;
        for (int i = 0; i < a.pixels().length; i++) {
            s += Math.abs((a.pixels()[i] & 0xff) - (b.pixels()[i] & 0xff));
        }
        return s / a.pixels().length;
    }

    @Test
    void the_same_seed_writes_the_same_frames_and_another_seed_other_ones() {
        List<Distortion> random = List.of(Distortion.NOISE, Distortion.SHIFT);
        var first = distort(edges, tmp.resolve("seed-a"), 42, random);
        var again = distort(edges, tmp.resolve("seed-b"), 42, random);
        var other = distort(edges, tmp.resolve("seed-c"), 43, random);
        for (Distortion d : random) {
            List<RgbImage> a = decode(first.get(d).file());
            List<RgbImage> b = decode(again.get(d).file());
            List<RgbImage> c = decode(other.get(d).file());
            for (int k = 0; k < FRAMES; k++) {
                assertThat(b.get(k).pixels()).as("%s frame %d", d, k).isEqualTo(a.get(k).pixels());
            }
            assertThat(meanAbsDifference(a.get(0), c.get(0)) + meanAbsDifference(a.get(FRAMES - 1), c.get(FRAMES - 1)))
                    .as(d.label()).isGreaterThan(1);
        }
        assertThat(again.get(Distortion.SHIFT).parameters()).isEqualTo(first.get(Distortion.SHIFT).parameters());
    }

    @Test
    void a_broken_input_is_one_error_naming_the_file_and_writes_nothing() throws Exception {
        Path broken = tmp.resolve("broken.mp4");
        Files.write(broken, "not a video at all".getBytes());
        Path dir = tmp.resolve("broken-out");
        assertThatThrownBy(() -> distort(broken, dir, 1, List.of(Distortion.values())))
                .isInstanceOf(VideoReadException.class).hasMessageContaining(broken.toString());
        if (Files.exists(dir)) {
            try (var listing = Files.list(dir)) {
                assertThat(listing).isEmpty();
            }
        }
    }
}
