package org.instancecap.vision.pose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.instancecap.core.detect.Box;
import org.instancecap.core.pose.Keypoint;
import org.instancecap.core.pose.Pose;
import org.instancecap.core.video.RgbImage;
import org.junit.jupiter.api.Test;

class PersonCropTest {

    @Test
    void the_square_is_centred_on_the_box_with_a_margin_around_its_longer_side() {
        PersonCrop crop = PersonCrop.around(new Box(100, 50, 200, 450));
        assertThat(crop.side()).isCloseTo(400 * 1.2, within(1e-9));
        assertThat(crop.left() + crop.side() / 2).isCloseTo(150, within(1e-9));
        assertThat(crop.top() + crop.side() / 2).isCloseTo(250, within(1e-9));
        assertThat(crop.toFrame(0, 0)).containsExactly(crop.left(), crop.top());
        assertThat(crop.toFrame(1, 1)).containsExactly(crop.left() + crop.side(), crop.top() + crop.side());
        assertThat(crop.toFrame(0.5, 0.25)).containsExactly(150, crop.top() + crop.side() / 4);
    }

    /** A black frame with one white 3 × 3 spot centred on (x, y). */
    private static RgbImage spot(int width, int height, int x, int y) {
        byte[] px = new byte[width * height * 3];
        for (int dy = -1; dy <= 1; dy++) {
            for (int dx = -1; dx <= 1; dx++) {
                int o = ((y + dy) * width + x + dx) * 3;
                px[o] = px[o + 1] = px[o + 2] = (byte) 255;
            }
        }
        return new RgbImage(width, height, px);
    }

    @Test
    void a_spot_in_the_frame_lands_where_mapping_back_finds_it() {
        int size = 192;
        RgbImage frame = spot(640, 360, 400, 120);
        PersonCrop crop = PersonCrop.around(new Box(350, 20, 470, 340)); // reaches past the frame's top
        float[] input = new float[size * size * 3];
        crop.fill(frame, size, input);
        int best = 0;
        for (int i = 0; i < size * size; i++) {
            if (input[i * 3] > input[best * 3]) {
                best = i;
            }
        }
        double[] back = crop.toFrame((best % size + 0.5) / size, (best / size + 0.5) / size);
        double pixel = crop.side() / size;
        assertThat(back[0]).isCloseTo(400.5, within(pixel));
        assertThat(back[1]).isCloseTo(120.5, within(pixel));
    }

    @Test
    void beyond_the_frames_edges_the_square_is_black() {
        byte[] white = new byte[100 * 80 * 3];
        java.util.Arrays.fill(white, (byte) 255);
        PersonCrop crop = new PersonCrop(-100, -50, 300); // frame covers u in [1/3, 2/3), v in [1/6, 13/30)
        float[] input = new float[30 * 30 * 3];
        crop.fill(new RgbImage(100, 80, white), 30, input);
        assertThat(input[(2 * 30 + 2) * 3]).isZero();       // top-left: outside
        assertThat(input[(8 * 30 + 15) * 3]).isEqualTo(255); // well inside
        assertThat(input[(29 * 30 + 29) * 3 + 2]).isZero();  // bottom-right: outside
    }

    @Test
    void keypoints_below_the_floor_or_outside_the_frame_are_left_out_and_the_rest_mapped_back() {
        float[] output = new float[17 * 3];
        PersonCrop crop = new PersonCrop(-20, 10, 200);
        // nose at (row 0.25, column 0.5), score 0.9: frame (80, 60)
        output[0] = 0.25f;
        output[1] = 0.5f;
        output[2] = 0.9f;
        // left eye below the floor
        output[3] = 0.2f;
        output[4] = 0.5f;
        output[5] = 0.29f;
        // right eye confident but in the black left of the frame: column 0.05 is x = -10
        output[6] = 0.2f;
        output[7] = 0.05f;
        output[8] = 0.95f;
        // left ankle at the crop's bottom-right corner, inside a 200 x 300 frame
        output[15 * 3] = 0.99f;
        output[15 * 3 + 1] = 0.99f;
        output[15 * 3 + 2] = 0.5f;

        Pose pose = TfjsMoveNetPoseEstimator.keypoints(output, crop, new boolean[4], 200, 300, 0.3);

        assertThat(pose.keypoints()).extracting(Keypoint::name).containsExactly("nose", "left_ankle");
        Keypoint nose = pose.find("nose").orElseThrow();
        assertThat(nose.x()).isCloseTo(80, within(1e-4));
        assertThat(nose.y()).isCloseTo(60, within(1e-4));
        assertThat(nose.score()).isCloseTo(0.9, within(1e-6));
        assertThat(pose.find("left_ankle").orElseThrow().x()).isCloseTo(-20 + 0.99 * 200, within(1e-3));
    }

    @Test
    void near_an_edge_that_cuts_the_person_keypoints_are_dropped_and_elsewhere_kept() {
        float[] output = new float[17 * 3];
        PersonCrop crop = new PersonCrop(0, 0, 200); // band: 8 px
        // nose 4 px from the bottom of a 200 x 196 frame, left ankle 4 px from its right edge
        output[0] = 0.96f;
        output[1] = 0.5f;
        output[2] = 0.9f;
        output[15 * 3] = 0.5f;
        output[15 * 3 + 1] = 0.98f;
        output[15 * 3 + 2] = 0.9f;
        boolean[] bottomCut = TfjsMoveNetPoseEstimator.edges(new Box(20, 10, 150, 196), 200, 196);
        assertThat(bottomCut).containsExactly(false, false, false, true);
        assertThat(TfjsMoveNetPoseEstimator.keypoints(output, crop, bottomCut, 200, 196, 0.3).keypoints())
                .extracting(Keypoint::name).containsExactly("left_ankle");
        assertThat(TfjsMoveNetPoseEstimator.keypoints(output, crop, new boolean[4], 200, 196, 0.3).keypoints())
                .extracting(Keypoint::name).containsExactly("nose", "left_ankle");
    }
}
