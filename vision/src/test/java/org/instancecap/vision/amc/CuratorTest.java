package org.instancecap.vision.amc;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.instancecap.core.amc.AmcSettings;
import org.instancecap.core.amc.AuxiliaryModelCluster;
import org.instancecap.core.curate.CurationSettings;
import org.instancecap.core.curate.Curator;
import org.instancecap.core.scene.ShotFinder;
import org.instancecap.core.video.RgbImage;
import org.instancecap.vision.camera.OpenCvCameraMotionEstimator;
import org.instancecap.vision.segment.GrabCutSegmenter;
import org.instancecap.vision.track.OpenCvBoxTracker;
import org.instancecap.vision.video.JavaCvShotSplitter;
import org.instancecap.vision.video.JavaCvVideoReader;
import org.instancecap.vision.video.SyntheticVideos;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Curation on a drawn video of three shots: too short, a moving ball, a still ball. */
class CuratorTest {

    private static final int W = 320;
    private static final int H = 256;

    @TempDir
    Path tmp;

    private static RgbImage frame(int k) {
        int[] tint = k < 10 ? new int[] {60, 60, 60} : k < 40 ? new int[] {90, 150, 80} : new int[] {70, 90, 170};
        Random noise = new Random(k < 10 ? 1 : k < 40 ? 2 : 3);
        byte[] p = new byte[W * H * 3];
        for (int i = 0; i < W * H; i++) {
            int n = noise.nextInt(40);
            p[3 * i] = (byte) (tint[0] + n);
            p[3 * i + 1] = (byte) (tint[1] + n);
            p[3 * i + 2] = (byte) (tint[2] + n);
        }
        if (k >= 10) {
            int x = k < 40 ? 20 + (k - 10) * 8 : 140;
            for (int y = 100; y < 150; y++) {
                for (int xx = x; xx < x + 50; xx++) {
                    p[(y * W + xx) * 3] = (byte) 230;
                    p[(y * W + xx) * 3 + 1] = 20;
                    p[(y * W + xx) * 3 + 2] = 20;
                }
            }
        }
        return new RgbImage(W, H, p);
    }

    @Test
    void keeps_the_moving_shot_and_says_why_the_others_go() throws Exception {
        Path video = SyntheticVideos.write(tmp.resolve("three.mkv"), SyntheticVideos.Kind.FFV1_MKV, W, H, 70, 10, CuratorTest::frame);
        JavaCvVideoReader reader = new JavaCvVideoReader();
        AuxiliaryModelCluster cluster = new AuxiliaryModelCluster(reader, new AuxiliaryModelClusterTest.ColourDetector(),
                new GrabCutSegmenter(), new OpenCvBoxTracker(), OpenCvCameraMotionEstimator::new, AmcSettings.DEFAULT);
        Curator curator = new Curator(new ShotFinder(reader, ShotFinder.Settings.DEFAULT), new JavaCvShotSplitter(),
                cluster, CurationSettings.DEFAULT);
        Path clips = tmp.resolve("clips");
        List<Curator.Verdict> verdicts = curator.curate(video, clips, "three");
        assertThat(verdicts).hasSize(3);
        Curator.Verdict shortOne = verdicts.get(0);
        assertThat(shortOne.kept()).isFalse();
        assertThat(shortOne.reason()).isEqualTo("1.00 s is shorter than 2.00 s");
        Curator.Verdict moving = verdicts.stream().filter(Curator.Verdict::kept).findFirst().orElseThrow();
        assertThat(moving.startFrame()).isEqualTo(10);
        assertThat(moving.endFrame()).isEqualTo(39);
        assertThat(moving.motion()).isGreaterThan(0.1);
        assertThat(moving.classes()).containsExactly("sports ball");
        assertThat(Path.of(moving.clip())).exists();
        assertThat(reader.probe(Path.of(moving.clip())).frameCount()).isEqualTo(30);
        Curator.Verdict still = verdicts.get(2);
        assertThat(still.kept()).isFalse();
        assertThat(still.startFrame()).isEqualTo(40);
        assertThat(still.reason()).startsWith("motion 0.0").endsWith("is below 0.050");
        try (var files = Files.list(clips)) {
            assertThat(files).hasSize(1);
        }
    }

    @Test
    void a_long_shot_is_cut_into_pieces_of_the_longest_length() {
        Curator curator = new Curator(null, null, null, new CurationSettings(2, 10, 1, 1, 0));
        List<org.instancecap.core.scene.Shot> pieces = curator.pieces(new org.instancecap.core.scene.Shot(0, 249, 0, 25), 10);
        assertThat(pieces).extracting(org.instancecap.core.scene.Shot::startFrame).containsExactly(0, 100, 200);
        assertThat(pieces.get(2).endFrame()).isEqualTo(249);
        assertThat(pieces.get(1).endSeconds()).isEqualTo(20.0);
    }
}
