package org.instancecap.core.caption;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.instancecap.core.amc.AmcResult;
import org.instancecap.core.amc.AmcSettings;
import org.instancecap.core.amc.Instance;
import org.instancecap.core.amc.VideoAnalysis;
import org.instancecap.core.camera.CameraMotion;
import org.instancecap.core.detect.Box;
import org.instancecap.core.segment.Mask;
import org.instancecap.core.video.RgbImage;
import org.instancecap.core.video.SampledFrame;
import org.instancecap.core.video.SampledFrames;
import org.instancecap.core.video.VideoInfo;
import org.junit.jupiter.api.Test;

class OfflineCaptionerTest {

    /** A red car crossing a green field from left to right over three frames, then leaving. */
    private static VideoAnalysis crossing(String camera) {
        int w = 200;
        int h = 100;
        VideoInfo info = new VideoInfo("field.mp4", 3, 10, 30, w, h, 0, "h264", false);
        List<SampledFrame> frames = new ArrayList<>();
        List<Box> boxes = new ArrayList<>();
        List<Mask> masks = new ArrayList<>();
        for (int f = 0; f < 4; f++) {
            byte[] p = new byte[w * h * 3];
            Box box = f < 3 ? new Box(10 + 60 * f, 40, 50 + 60 * f, 70) : null;
            for (int i = 0; i < w * h; i++) {
                int x = i % w;
                int y = i / w;
                boolean car = box != null && x >= box.x1() && x < box.x2() && y >= box.y1() && y < box.y2();
                p[3 * i] = (byte) (car ? 210 : 50);
                p[3 * i + 1] = (byte) (car ? 25 : 150);
                p[3 * i + 2] = (byte) (car ? 30 : 50);
            }
            frames.add(new SampledFrame(f * 9, f * 0.9, new RgbImage(w, h, p)));
            boxes.add(box);
            masks.add(box == null ? null : Mask.ofBox(w, h, box));
        }
        Instance car = new Instance(0, "car", 0.9, boxes, java.util.Arrays.asList("center-left", "center-middle", "center-right", null),
                "car moves from center-left to center-right and out of frame in the end.");
        AmcResult result = new AmcResult("field.mp4", info,
                frames.stream().map(f -> new AmcResult.FrameRef(f.index(), f.timeSeconds())).toList(),
                new CameraMotion(camera, 0.2, 1, 0, 0, "steadily"), List.of(car), AmcSettings.DEFAULT);
        return new VideoAnalysis(result, new SampledFrames(info, frames), List.of(masks));
    }

    @Test
    void writes_every_field_from_the_measurements() {
        StructuredCaption caption = new OfflineCaptioner().caption(crossing(CameraMotion.STATIC));
        assertThat(caption.globalDescription()).isEqualTo("A car, with movement, filmed with a still camera.");
        StructuredCaption.InstanceCaption car = caption.instances().get(0);
        assertThat(car.appearance()).startsWith("The car is mostly red.").contains("a third of the frame's height");
        assertThat(car.actions()).isEqualTo("The car moves rapidly to the right across the frame, and leaves the frame.");
        assertThat(car.position()).isEqualTo("car moves from center-left to center-right and out of frame in the end.");
        assertThat(caption.background()).startsWith("The background is mostly green");
        assertThat(caption.camera()).isEqualTo("The camera stays still.");
    }

    @Test
    void camera_phrases_follow_the_label_and_its_adverb() {
        assertThat(new OfflineCaptioner().caption(crossing("pan_left+zoom_in")).camera())
                .isEqualTo("The camera pans left and zooms in steadily.");
        assertThat(new OfflineCaptioner().caption(crossing(CameraMotion.UNDETERMINED)).camera())
                .isEqualTo("The camera moves in a complex or shaky way.");
    }

    @Test
    void its_analyses_say_whether_text_was_read() {
        assertThat(new OfflineCaptioner().analyses()).containsExactly("colours", "motion", "light", "camera");
        assertThat(new OfflineCaptioner(image -> Optional.empty()).analyses()).contains("text");
    }

    @Test
    void text_read_on_the_instance_is_quoted() {
        TextReader reader = image -> Optional.of("TAXI 42");
        assertThat(new OfflineCaptioner(reader).caption(crossing(CameraMotion.STATIC)).instances().get(0).appearance())
                .endsWith("Text on it reads \"TAXI 42\".");
    }

    @Test
    void counts_read_naturally() {
        assertThat(OfflineCaptioner.counted(List.of("person", "person", "dog"))).isEqualTo("two people and a dog");
        assertThat(OfflineCaptioner.counted(List.of("elephant"))).isEqualTo("an elephant");
    }
}
