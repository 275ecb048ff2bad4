package org.instancecap.vision.video;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.instancecap.core.scene.ContentShotDetector;
import org.instancecap.core.scene.FadeShotDetector;
import org.instancecap.core.scene.Shot;
import org.instancecap.core.scene.ShotFinder;
import org.junit.jupiter.api.Test;

/** Shot detection on PySceneDetect's own test clips, against its golden results. */
class ShotFinderSharedMediaTest {

    private final ShotFinder finder = new ShotFinder(new JavaCvVideoReader(), ShotFinder.Settings.DEFAULT);

    private static List<Integer> starts(ShotFinder.Result result) {
        return result.shots().stream().map(Shot::startFrame).toList();
    }

    @Test
    void finds_the_cuts_of_testvideo_within_one_frame() {
        ShotFinder.Result result = finder.find(SharedMedia.file("scenes/pyscenedetect/testvideo.mp4"));
        List<Integer> starts = starts(result);
        assertThat(starts).hasSize(4);
        assertThat(starts.get(0)).isZero();
        int[] golden = {30, 180, 394};
        for (int i = 0; i < golden.length; i++) {
            assertThat(starts.get(i + 1)).isBetween(golden[i] - 1, golden[i] + 1);
        }
        Shot last = result.shots().get(3);
        assertThat(last.endFrame()).isEqualTo(719);
        assertThat(last.endSeconds()).isEqualTo(720 / result.info().fps());
    }

    @Test
    void finds_the_colour_changes_of_counter() {
        assertThat(starts(finder.find(SharedMedia.file("scenes/pyscenedetect/counter.mp4")))).containsExactly(0, 10, 20);
    }

    @Test
    void smooth_fades_are_one_shot_unless_fades_are_asked_for() {
        assertThat(starts(finder.find(SharedMedia.file("scenes/pyscenedetect/fades.mp4")))).containsExactly(0);
        ShotFinder withFades = new ShotFinder(new JavaCvVideoReader(),
                new ShotFinder.Settings(ContentShotDetector.Settings.DEFAULT, 0.5, FadeShotDetector.DEFAULT_THRESHOLD));
        List<Integer> starts = starts(withFades.find(SharedMedia.file("scenes/pyscenedetect/fades.mp4")));
        // PySceneDetect's threshold detector puts these fades at frames 84 and 167
        assertThat(starts).hasSize(3);
        assertThat(starts.get(1)).isBetween(83, 85);
        assertThat(starts.get(2)).isBetween(166, 168);
    }

    @Test
    void a_single_shot_clip_has_no_cut() {
        assertThat(starts(finder.find(SharedMedia.file("videos/sam2_01_dog.mp4")))).containsExactly(0);
    }
}
