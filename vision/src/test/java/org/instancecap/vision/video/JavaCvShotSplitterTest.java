package org.instancecap.vision.video;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.instancecap.core.scene.Shot;
import org.instancecap.core.scene.ShotFinder;
import org.instancecap.core.video.VideoInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JavaCvShotSplitterTest {

    @TempDir
    Path tmp;

    @Test
    void a_video_with_two_cuts_becomes_three_clips_of_the_right_length() throws Exception {
        int w = 96;
        int h = 64;
        Path video = SyntheticVideos.write(tmp.resolve("cuts.mkv"), SyntheticVideos.Kind.FFV1_MKV, w, h, 60, 20, k -> {
            // three shots of different colour, each with a moving bar so that frames are not identical
            int[] c = k < 18 ? new int[] {200, 40, 40} : k < 41 ? new int[] {30, 60, 210} : new int[] {40, 190, 60};
            byte[] p = SyntheticVideos.flat(w, h, c[0], c[1], c[2]).pixels();
            for (int y = 0; y < h; y++) {
                for (int x = (k * 2) % w; x < Math.min(w, (k * 2) % w + 8); x++) {
                    p[(y * w + x) * 3] = (byte) 255;
                    p[(y * w + x) * 3 + 1] = (byte) 255;
                    p[(y * w + x) * 3 + 2] = (byte) 255;
                }
            }
            return new org.instancecap.core.video.RgbImage(w, h, p);
        });
        JavaCvVideoReader reader = new JavaCvVideoReader();
        ShotFinder.Result found = new ShotFinder(reader, ShotFinder.Settings.DEFAULT).find(video);
        assertThat(found.shots()).extracting(Shot::startFrame).containsExactly(0, 18, 41);

        Path out = tmp.resolve("clips");
        List<Path> clips = new JavaCvShotSplitter().split(video, found.info(), found.shots(), out.resolve("cuts"));
        assertThat(clips).extracting(p -> p.getFileName().toString())
                .containsExactly("cuts-shot-001.mp4", "cuts-shot-002.mp4", "cuts-shot-003.mp4");
        int[] lengths = {18, 23, 19};
        for (int i = 0; i < 3; i++) {
            VideoInfo info = reader.probe(clips.get(i));
            assertThat(info.frameCount()).isEqualTo(lengths[i]);
            assertThat(info.width()).isEqualTo(w);
            // the colour of the shot survives re-encoding
            int[] rgb = reader.sample(clips.get(i), 1).frames().get(0).image().rgb(w - 4, h / 2);
            int[] expected = i == 0 ? new int[] {200, 40, 40} : i == 1 ? new int[] {30, 60, 210} : new int[] {40, 190, 60};
            for (int c = 0; c < 3; c++) {
                assertThat(rgb[c]).isBetween(expected[c] - 20, expected[c] + 20);
            }
        }
        try (Stream<Path> left = Files.list(out)) {
            assertThat(left.filter(p -> p.getFileName().toString().startsWith("."))).as("no partial files left").isEmpty();
        }
    }
}
