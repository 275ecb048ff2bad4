package org.instancecap.core.caption;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.instancecap.core.amc.AmcResult;
import org.instancecap.core.amc.AmcSettings;
import org.instancecap.core.amc.Instance;
import org.instancecap.core.amc.Positions;
import org.instancecap.core.amc.VideoAnalysis;
import org.instancecap.core.camera.CameraMotion;
import org.instancecap.core.detect.Box;
import org.instancecap.core.segment.Mask;
import org.instancecap.core.video.RgbImage;
import org.instancecap.core.video.SampledFrame;
import org.instancecap.core.video.SampledFrames;
import org.instancecap.core.video.VideoInfo;
import org.junit.jupiter.api.Test;

/** The offline caption's motion and position, from box tracks the tests draw, never contradicting each other. */
class TrackMotionTest {
    private static final int W = 300;
    private static final int H = 300;

    /** One instance with these box centres (in pixels, boxes 40×40 unless sized) over evenly spaced frames. */
    private static StructuredCaption.InstanceCaption caption(String label, String camera, double[][] centres, double[] sides) {
        VideoInfo info = new VideoInfo("clip.mp4", 3.5, 10, 35, W, H, 0, "h264", false);
        List<SampledFrame> frames = new ArrayList<>();
        List<Box> boxes = new ArrayList<>();
        List<String> regions = new ArrayList<>();
        List<Mask> masks = new ArrayList<>();
        for (int f = 0; f < centres.length; f++) {
            frames.add(new SampledFrame(f * 5, f * 0.5, new RgbImage(W, H, new byte[W * H * 3])));
            double half = (sides == null ? 40 : sides[f]) / 2;
            Box box = centres[f] == null ? null : new Box(centres[f][0] - half, centres[f][1] - half, centres[f][0] + half, centres[f][1] + half);
            boxes.add(box);
            regions.add(box == null ? null : Positions.region(box.centerX() / W, box.centerY() / H));
            masks.add(box == null ? null : Mask.ofBox(W, H, box));
        }
        Instance instance = new Instance(0, label, 0.9, boxes, regions, Positions.phrase(label, regions));
        AmcResult result = new AmcResult("clip.mp4", info, frames.stream().map(f -> new AmcResult.FrameRef(f.index(), f.timeSeconds())).toList(),
                new CameraMotion(camera, 0.1, 1, 0, 0, "slowly"), List.of(instance), AmcSettings.DEFAULT);
        StructuredCaption caption = new OfflineCaptioner().caption(new VideoAnalysis(result, new SampledFrames(info, frames), List.of(masks)));
        assertThat(MotionConsistency.problems(caption)).isEmpty();
        return caption.instances().get(0);
    }

    private static double[][] path(double x0, double y0, double x1, double y1, int n) {
        double[][] centres = new double[n][];
        for (int i = 0; i < n; i++) {
            double t = i / (double) (n - 1);
            centres[i] = new double[] {x0 + t * (x1 - x0), y0 + t * (y1 - y0)};
        }
        return centres;
    }

    @Test
    void a_fixed_thing_whose_box_crosses_a_cell_line_under_a_still_camera_stays_where_it_is_seen_most() {
        // a table's box jitters about the line between the centre and bottom rows (y = 200)
        double[][] centres = {{150, 195}, {150, 198}, {150, 203}, {150, 196}, {150, 202}, {150, 205}};
        var table = caption("dining table", CameraMotion.STATIC, centres, null);
        assertThat(table.actions()).isEqualTo("The dining table stays in place.");
        assertThat(table.position()).isEqualTo("dining table stays at center-middle.");
        // and a bed whose box slides a fifth of the frame as children jump on it still does not move
        var bed = caption("bed", CameraMotion.STATIC, path(150, 150, 150, 210, 8), null);
        assertThat(bed.actions()).isEqualTo("The bed stays in place.");
        assertThat(bed.position()).startsWith("bed stays at ");
    }

    @Test
    void a_fixed_thing_under_a_moving_camera_shifts_with_it() {
        var bench = caption("bench", "pan_left", path(60, 150, 240, 150, 6), null);
        assertThat(bench.actions()).isEqualTo("The bench stays in place, shifting to the right in the frame as the camera moves.");
        assertThat(bench.position()).isEqualTo("bench moves from center-left to center-right.");
    }

    @Test
    void a_move_within_one_cell_is_said_so_and_a_move_across_cells_goes_across_the_frame() {
        var person = caption("person", CameraMotion.STATIC, path(110, 150, 130, 150, 6), null);
        assertThat(person.actions()).isEqualTo("The person moves slowly to the right within the center-middle of the frame.");
        assertThat(person.position()).isEqualTo("person stays at center-middle.");
        var dog = caption("dog", CameraMotion.STATIC, path(60, 150, 240, 150, 6), null);
        assertThat(dog.actions()).isEqualTo("The dog moves steadily to the right across the frame.");
        assertThat(dog.position()).isEqualTo("dog moves from center-left to center-right.");
        var still = caption("cat", CameraMotion.STATIC, path(150, 150, 155, 152, 6), null);
        assertThat(still.actions()).isEqualTo("The cat stays in the same part of the frame.");
        // leaving: the phrase and the sentence both say so
        double[][] leaving = path(60, 150, 240, 150, 6);
        leaving[5] = null;
        var car = caption("car", CameraMotion.STATIC, leaving, null);
        assertThat(car.actions()).endsWith(", and leaves the frame.");
        assertThat(car.position()).endsWith(" and out of frame in the end.");
    }

    @Test
    void closer_and_further_only_when_the_whole_box_grows_or_shrinks_steadily() {
        double[][] centres = path(150, 150, 150, 150, 6);
        var steady = caption("dog", CameraMotion.STATIC, centres, new double[] {40, 44, 48, 53, 58, 64});
        assertThat(steady.actions()).isEqualTo("The dog stays in the same part of the frame, getting closer to the camera.");
        var shrinking = caption("dog", CameraMotion.STATIC, centres, new double[] {64, 58, 53, 48, 44, 40});
        assertThat(shrinking.actions()).endsWith(", getting further from the camera.");
        // a box that grows in the end but goes up and down on the way (a person jumping, arms out) is not nearer
        var jumping = caption("person", CameraMotion.STATIC, centres, new double[] {40, 60, 38, 62, 39, 64});
        assertThat(jumping.actions()).isEqualTo("The person stays in the same part of the frame.");
        // a box cut by the frame's edge says nothing of the size of what is in it
        var cut = caption("person", CameraMotion.STATIC, path(20, 150, 20, 150, 6), new double[] {40, 44, 48, 53, 58, 64});
        assertThat(cut.actions()).isEqualTo("The person stays in the same part of the frame.");
    }

    @Test
    void the_checker_finds_each_kind_of_contradiction() {
        StructuredCaption caption = new StructuredCaption("clip.mp4", "A bed.", List.of(
                new StructuredCaption.InstanceCaption("dining table", "A table.", "The dining table stays in place.",
                        "dining table moves from center-middle to bottom-middle."),
                new StructuredCaption.InstanceCaption("person", "A person.", "The person moves slowly upwards across the frame.",
                        "person stays at center-left."),
                new StructuredCaption.InstanceCaption("dog", "A dog.", "The dog moves slowly to the right within the center-left of the frame.",
                        "dog stays at center-middle."),
                new StructuredCaption.InstanceCaption("bed", "A bed.", "The bed moves slowly downwards across the frame.",
                        "bed moves from center-middle to bottom-middle.")),
                "A room.", "The camera stays still.");
        assertThat(MotionConsistency.problems(caption)).containsExactly(
                "clip.mp4: dining table stays, but its position moves from center-middle to bottom-middle",
                "clip.mp4: person moves across the frame, but its position stays at center-left",
                "clip.mp4: dog moves within one cell, but its position says dog stays at center-middle.",
                "clip.mp4: bed does not move by itself, and the camera is still, but it is said to move");
    }
}
