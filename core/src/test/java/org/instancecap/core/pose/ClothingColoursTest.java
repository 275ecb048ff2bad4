package org.instancecap.core.pose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.instancecap.core.caption.ColourNames;
import org.instancecap.core.pose.ClothingColours.Part;
import org.instancecap.core.segment.Mask;
import org.instancecap.core.video.RgbImage;
import org.junit.jupiter.api.Test;

/** A drawn figure of known colours: a red top, blue trousers, black shoes on a white ground. */
class ClothingColoursTest {

    private static final int W = 200;
    private static final int H = 400;

    private static void fill(byte[] px, int x1, int y1, int x2, int y2, int r, int g, int b) {
        for (int y = Math.max(0, y1); y < Math.min(H, y2); y++) {
            for (int x = Math.max(0, x1); x < Math.min(W, x2); x++) {
                int o = (y * W + x) * 3;
                px[o] = (byte) r;
                px[o + 1] = (byte) g;
                px[o + 2] = (byte) b;
            }
        }
    }

    /** The figure drawn {@code dy} pixels lower. */
    private static RgbImage figure(int dy) {
        byte[] px = new byte[W * H * 3];
        java.util.Arrays.fill(px, (byte) 245);
        fill(px, 60, 80 + dy, 140, 200 + dy, 200, 30, 30);    // top: shoulders at y 80, hips at 200
        fill(px, 65, 200 + dy, 135, 340 + dy, 40, 80, 200);   // trousers down to the ankles at 340
        fill(px, 60, 335 + dy, 100, 365 + dy, 20, 20, 20);    // shoes
        fill(px, 100, 335 + dy, 140, 365 + dy, 20, 20, 20);
        return new RgbImage(W, H, px);
    }

    private static Pose pose(int dy, String... without) {
        List<Keypoint> keypoints = new ArrayList<>();
        double[][] at = {
                {100, 40}, {}, {}, {}, {}, {125, 85}, {75, 85}, {}, {}, {}, {},
                {115, 200}, {85, 200}, {115, 270}, {85, 270}, {115, 340}, {85, 340}};
        for (int i = 0; i < Pose.COCO_17.size(); i++) {
            String name = Pose.COCO_17.get(i);
            if (at[i].length > 0 && !List.of(without).contains(name)) {
                keypoints.add(new Keypoint(name, at[i][0], at[i][1] + dy, 0.8));
            }
        }
        return new Pose(keypoints);
    }

    private static String first(ClothingColours clothes, Part part) {
        return clothes.of(part).orElseThrow().get(0).name();
    }

    @Test
    void each_part_gets_the_colour_drawn_there() {
        ClothingColours clothes = ClothingColours.measure(figure(0), null, pose(0));
        assertThat(first(clothes, Part.UPPER_BODY)).isEqualTo("red");
        assertThat(first(clothes, Part.LOWER_BODY)).isEqualTo("blue");
        assertThat(first(clothes, Part.FOOTWEAR)).isEqualTo("black");
        assertThat(clothes.of(Part.UPPER_BODY).orElseThrow().get(0).share()).isGreaterThan(0.9);
    }

    @Test
    void a_part_whose_keypoints_were_not_seen_is_not_described() {
        ClothingColours noKnee = ClothingColours.measure(figure(0), null, pose(0, "left_knee"));
        assertThat(noKnee.of(Part.LOWER_BODY)).isEmpty();
        assertThat(noKnee.of(Part.UPPER_BODY)).isPresent();
        assertThat(noKnee.of(Part.FOOTWEAR)).as("the right foot still has its knee and ankle").isPresent();

        ClothingColours noShoulder = ClothingColours.measure(figure(0), null, pose(0, "right_shoulder"));
        assertThat(noShoulder.of(Part.UPPER_BODY)).isEmpty();

        assertThat(ClothingColours.measure(figure(0), null, Pose.NONE).parts()).isEmpty();
    }

    @Test
    void feet_cut_by_the_frames_bottom_edge_are_not_described() {
        // drawn 55 px lower, the ankles lie at y 395 of 400: most of each shoe's region is below the frame
        ClothingColours clothes = ClothingColours.measure(figure(55), null, pose(55));
        assertThat(clothes.of(Part.FOOTWEAR)).isEmpty();
        assertThat(first(clothes, Part.UPPER_BODY)).isEqualTo("red");
        // drawn 70 px lower the ankles are outside the frame: no feet, and the legs go to the knees only
        ClothingColours lower = ClothingColours.measure(figure(70), null, pose(70));
        assertThat(lower.of(Part.FOOTWEAR)).isEmpty();
        assertThat(first(lower, Part.LOWER_BODY)).isEqualTo("blue");
    }

    @Test
    void only_the_masks_pixels_count() {
        byte[] bits = new byte[W * H];
        for (int y = 0; y < H; y++) {
            for (int x = 100; x < W; x++) {
                bits[y * W + x] = 1;
            }
        }
        RgbImage frame = figure(0);
        byte[] px = frame.pixels().clone();
        fill(px, 60, 80, 100, 200, 40, 160, 40); // the torso's left half green, outside the mask
        ClothingColours clothes = ClothingColours.measure(new RgbImage(W, H, px), new Mask(W, H, bits), pose(0));
        assertThat(clothes.of(Part.UPPER_BODY).orElseThrow()).extracting(ColourNames.Share::name).containsExactly("red");
        ClothingColours unmasked = ClothingColours.measure(new RgbImage(W, H, px), null, pose(0));
        assertThat(unmasked.of(Part.UPPER_BODY).orElseThrow()).extracting(ColourNames.Share::name).contains("red", "green");
    }

    @Test
    void a_mask_with_too_few_pixels_there_describes_nothing() {
        ClothingColours clothes = ClothingColours.measure(figure(0), new Mask(W, H, new byte[W * H]), pose(0));
        assertThat(clothes.parts()).isEmpty();
    }

    @Test
    void a_mask_of_another_size_is_refused() {
        assertThatThrownBy(() -> ClothingColours.measure(figure(0), new Mask(10, 10, new byte[100]), pose(0)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("mask is 10x10");
    }
}
