package org.instancecap.vision.amc;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.instancecap.core.amc.AmcSettings;
import org.instancecap.core.amc.AuxiliaryModelCluster;
import org.instancecap.core.amc.Instance;
import org.instancecap.core.amc.VideoAnalysis;
import org.instancecap.core.camera.CameraMotion;
import org.instancecap.core.detect.Box;
import org.instancecap.core.detect.Detection;
import org.instancecap.core.detect.ObjectDetector;
import org.instancecap.core.video.RgbImage;
import org.instancecap.vision.camera.OpenCvCameraMotionEstimator;
import org.instancecap.vision.segment.GrabCutSegmenter;
import org.instancecap.vision.track.OpenCvBoxTracker;
import org.instancecap.vision.video.JavaCvVideoReader;
import org.instancecap.vision.video.SyntheticVideos;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole cluster on a video the test draws: a red square crossing from top-left to bottom-right
 * and a blue one leaving on the right, over a still textured background. The detector here knows
 * only those two colours (the real detectors are tested on real frames elsewhere); decoding,
 * following, masks, positions and camera are the real ones.
 */
class AuxiliaryModelClusterTest {

    private static final int W = 640;
    private static final int H = 360;
    private static final int FRAMES = 50;
    private static final int SIDE = 60;

    @TempDir
    Path tmp;

    private static int[] redAt(int k) {
        return new int[] {40 + 500 * k / (FRAMES - 1), 30 + 240 * k / (FRAMES - 1)};
    }

    private static int[] blueAt(int k) {
        return new int[] {280 + 12 * k, 150};
    }

    private static RgbImage frame(int k) {
        Random noise = new Random(99);
        byte[] p = new byte[W * H * 3];
        for (int i = 0; i < W * H; i++) {
            int v = 90 + noise.nextInt(80);
            p[3 * i] = (byte) v;
            p[3 * i + 1] = (byte) (v + 10);
            p[3 * i + 2] = (byte) (v - 20);
        }
        square(p, redAt(k), 230, 20, 20);
        square(p, blueAt(k), 20, 30, 230);
        return new RgbImage(W, H, p);
    }

    private static void square(byte[] p, int[] at, int r, int g, int b) {
        for (int y = at[1]; y < at[1] + SIDE; y++) {
            for (int x = at[0]; x < at[0] + SIDE; x++) {
                if (x >= 0 && x < W && y >= 0 && y < H) {
                    int o = (y * W + x) * 3;
                    p[o] = (byte) r;
                    p[o + 1] = (byte) g;
                    p[o + 2] = (byte) b;
                }
            }
        }
    }

    /** Boxes around each blob of strongly red or strongly blue pixels. */
    static final class ColourDetector implements ObjectDetector {
        @Override
        public List<Detection> detect(RgbImage image) {
            List<Detection> found = new ArrayList<>();
            blobs(image, 0).forEach(b -> found.add(new Detection("sports ball", 0.9, b)));
            blobs(image, 2).forEach(b -> found.add(new Detection("car", 0.8, b)));
            return found;
        }

        private static List<Box> blobs(RgbImage image, int channel) {
            int w = image.width();
            int h = image.height();
            byte[] p = image.pixels();
            boolean[] on = new boolean[w * h];
            for (int i = 0; i < on.length; i++) {
                on[i] = (p[3 * i + channel] & 0xff) > 180 && (p[3 * i + (channel + 1) % 3] & 0xff) < 80
                        && (p[3 * i + (channel + 2) % 3] & 0xff) < 80;
            }
            List<Box> boxes = new ArrayList<>();
            java.util.ArrayDeque<Integer> queue = new java.util.ArrayDeque<>();
            for (int start = 0; start < on.length; start++) {
                if (!on[start]) {
                    continue;
                }
                int x1 = w;
                int y1 = h;
                int x2 = 0;
                int y2 = 0;
                int n = 0;
                on[start] = false;
                queue.add(start);
                while (!queue.isEmpty()) {
                    int i = queue.poll();
                    int x = i % w;
                    int y = i / w;
                    x1 = Math.min(x1, x);
                    y1 = Math.min(y1, y);
                    x2 = Math.max(x2, x + 1);
                    y2 = Math.max(y2, y + 1);
                    n++;
                    for (int j : new int[] {i - 1, i + 1, i - w, i + w}) {
                        if (j >= 0 && j < on.length && Math.abs(j % w - x) <= 1 && on[j]) {
                            on[j] = false;
                            queue.add(j);
                        }
                    }
                }
                if (n >= 50) {
                    boxes.add(new Box(x1, y1, x2, y2));
                }
            }
            return boxes;
        }

        @Override
        public double instanceThreshold() {
            return 0.5;
        }

        @Override
        public String name() {
            return "colour";
        }

        @Override
        public void close() {
        }
    }

    private VideoAnalysis analyse(Path video, AmcSettings settings) {
        return new AuxiliaryModelCluster(new JavaCvVideoReader(), new ColourDetector(), new GrabCutSegmenter(),
                new OpenCvBoxTracker(), OpenCvCameraMotionEstimator::new, settings).analyse(video);
    }

    @Test
    void positions_of_a_crossing_and_a_leaving_instance_are_exactly_right() throws Exception {
        Path video = SyntheticVideos.write(tmp.resolve("moving.mkv"), SyntheticVideos.Kind.FFV1_MKV, W, H, FRAMES, 10,
                AuxiliaryModelClusterTest::frame);
        VideoAnalysis analysis = analyse(video, AmcSettings.DEFAULT);
        List<Instance> instances = analysis.result().instances();
        assertThat(instances).extracting(Instance::label).containsExactlyInAnyOrder("sports ball", "car");
        Instance ball = instances.stream().filter(i -> i.label().equals("sports ball")).findFirst().orElseThrow();
        Instance car = instances.stream().filter(i -> i.label().equals("car")).findFirst().orElseThrow();
        assertThat(ball.position()).isEqualTo("sports ball moves from top-left to bottom-right.");
        assertThat(car.position()).isEqualTo("car moves from center-middle to center-right and out of frame in the end.");
        assertThat(ball.regions()).doesNotContainNull();
        assertThat(car.boxes().get(car.boxes().size() - 1)).isNull();

        // boxes follow the squares, in displayed-frame pixels
        List<org.instancecap.core.amc.AmcResult.FrameRef> frames = analysis.result().frames();
        for (int f = 0; f < frames.size(); f++) {
            int[] at = redAt(frames.get(f).index());
            Box box = ball.boxes().get(f);
            assertThat(box.x1()).isCloseTo(at[0], org.assertj.core.api.Assertions.within(2.0));
            assertThat(box.y1()).isCloseTo(at[1], org.assertj.core.api.Assertions.within(2.0));
        }
        // masks: the square itself, not its surroundings
        assertThat(analysis.masks().get(ball.id()).get(0).area()).isBetween(SIDE * SIDE * 8 / 10, SIDE * SIDE * 11 / 10);
        // the blurred frame keeps the instance sharp
        RgbImage blurred = analysis.instanceFrame(ball.id(), 0);
        assertThat(blurred.rgb(70, 60)).containsExactly(230, 20, 20);
        // the squares move, the background does not: a static camera
        assertThat(analysis.result().camera().label()).isEqualTo(CameraMotion.STATIC);
    }

    @Test
    void all_frames_mode_picks_an_instance_that_enters_later_without_taking_another_ones_box() throws Exception {
        // two red squares of one class: A crosses from the start, B appears at frame 30, bottom-left
        Path video = SyntheticVideos.write(tmp.resolve("later.mkv"), SyntheticVideos.Kind.FFV1_MKV, W, H, FRAMES, 10, k -> {
            RgbImage base = frame(k);
            byte[] p = base.pixels().clone();
            int[] blue = blueAt(k);
            for (int y = blue[1]; y < blue[1] + SIDE; y++) {
                for (int x = Math.max(0, blue[0]); x < Math.min(W, blue[0] + SIDE); x++) {
                    int o = (y * W + x) * 3;
                    p[o] = (byte) 130;
                    p[o + 1] = (byte) 130;
                    p[o + 2] = (byte) 110;
                }
            }
            if (k >= 30) {
                square(p, new int[] {40, 270}, 230, 20, 20);
            }
            return new RgbImage(W, H, p);
        });
        AmcSettings allFrames = new AmcSettings(8, 3, "colour", null, true, "grabcut", 320);
        List<Instance> instances = analyse(video, allFrames).result().instances();
        assertThat(instances).hasSize(2).allSatisfy(i -> assertThat(i.label()).isEqualTo("sports ball"));
        Instance crossing = instances.stream().filter(i -> i.boxes().get(0) != null).findFirst().orElseThrow();
        Instance later = instances.stream().filter(i -> i.boxes().get(0) == null).findFirst().orElseThrow();
        assertThat(crossing.position()).isEqualTo("sports ball moves from top-left to bottom-right.");
        assertThat(later.regions()).containsExactly(null, null, null, null, null, "bottom-left", "bottom-left", "bottom-left");
        assertThat(later.position()).isEqualTo("sports ball stays at bottom-left.");
    }

    @Test
    void a_video_with_no_instance_still_gets_its_camera_label() throws Exception {
        Path video = SyntheticVideos.write(tmp.resolve("empty.mkv"), SyntheticVideos.Kind.FFV1_MKV, 320, 180, 20, 10, k -> {
            Random noise = new Random(5);
            byte[] p = new byte[320 * 180 * 3];
            for (int i = 0; i < p.length; i++) {
                p[i] = (byte) (60 + noise.nextInt(120));
            }
            return new RgbImage(320, 180, p);
        });
        VideoAnalysis analysis = analyse(video, AmcSettings.DEFAULT);
        assertThat(analysis.result().instances()).isEmpty();
        assertThat(analysis.result().camera().label()).isEqualTo(CameraMotion.STATIC);
        assertThat(analysis.result().frames()).hasSize(8);
    }
}
