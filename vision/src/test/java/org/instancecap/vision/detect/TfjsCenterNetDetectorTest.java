package org.instancecap.vision.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.abort;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.instancecap.core.InstanceCapException;
import org.instancecap.core.detect.CocoClasses;
import org.instancecap.core.detect.Detection;
import org.instancecap.core.detect.DetectorOptions;
import org.instancecap.core.detect.ObjectDetector;
import org.instancecap.core.detect.ObjectDetectorProvider;
import org.instancecap.core.video.RgbImage;
import org.instancecap.core.video.SampledFrame;
import org.instancecap.vision.model.HumanModels;
import org.instancecap.vision.video.JavaCvVideoReader;
import org.instancecap.vision.video.SharedMedia;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The real model on the shared media: the calibration of {@link TfjsCenterNetDetector#INSTANCE_THRESHOLD}.
 * Skipped when the model cannot be had (no npm, no network) or the media are absent.
 */
class TfjsCenterNetDetectorTest {

    private static final JavaCvVideoReader READER = new JavaCvVideoReader();
    private static Path models;
    private static TfjsCenterNetDetector detector;

    @BeforeAll
    static void load() {
        try {
            models = HumanModels.atDefaultLocation().ensure();
        } catch (InstanceCapException e) {
            abort("CenterNet model unavailable, skipping: " + e.getMessage());
        }
        detector = new TfjsCenterNetDetector(models.resolve(HumanModels.CENTERNET_JSON));
    }

    @AfterAll
    static void close() {
        if (detector != null) {
            detector.close();
        }
    }

    private static RgbImage firstFrame(String video) {
        return READER.sample(SharedMedia.file("videos/" + video), 8).frames().get(0).image();
    }

    static RgbImage readImage(Path file) throws IOException {
        BufferedImage image = ImageIO.read(file.toFile());
        int w = image.getWidth();
        int h = image.getHeight();
        int[] argb = image.getRGB(0, 0, w, h, null, 0, w);
        byte[] rgb = new byte[w * h * 3];
        for (int i = 0; i < argb.length; i++) {
            rgb[i * 3] = (byte) (argb[i] >> 16);
            rgb[i * 3 + 1] = (byte) (argb[i] >> 8);
            rgb[i * 3 + 2] = (byte) argb[i];
        }
        return new RgbImage(w, h, rgb);
    }

    private static List<String> instances(List<Detection> detections) {
        return detections.stream().filter(d -> d.score() >= detector.instanceThreshold()).map(Detection::label).toList();
    }

    @ParameterizedTest
    @ValueSource(strings = {"sam2_01_dog.mp4", "sam2_bedroom.mp4", "sam2_05_default_juggle.mp4", "moviepy_chaplin.mp4"})
    void finds_a_person_in_the_first_frame(String video) {
        assertThat(instances(detector.detect(firstFrame(video)))).contains("person");
    }

    @Test
    void finds_the_dog_beside_the_woman_in_sam2_dog() {
        RgbImage frame = firstFrame("sam2_01_dog.mp4");
        List<Detection> found = detector.detect(frame);
        assertThat(instances(found)).containsExactly("person", "dog");
        Detection dog = found.get(1);
        // the dog walks on the woman's left (the viewer's right), lower half of the frame
        assertThat(dog.box().centerX()).isBetween(450.0, 750.0);
        assertThat(dog.box().centerY()).isBetween(360.0, 600.0);
    }

    @Test
    void finds_nothing_in_the_sky_of_the_cloud_clip() {
        assertThat(instances(detector.detect(firstFrame("llava_demo_xU25MMA2N4aVtYay.mp4")))).isEmpty();
    }

    @Test
    void finds_the_red_car_in_the_cars_photo() throws IOException {
        List<Detection> found = detector.detect(readImage(SharedMedia.file("images/sam2_cars.jpg")));
        Detection car = found.stream().filter(d -> d.label().equals("car")).findFirst().orElseThrow();
        assertThat(car.score()).isGreaterThanOrEqualTo(detector.instanceThreshold());
        // the red car stands in the left half of the 2250x1500 photo
        assertThat(car.box().centerX()).isBetween(400.0, 1200.0);
    }

    @Test
    void finds_a_car_while_cars_cross_the_parking_lane_but_none_on_the_empty_first_frame() {
        List<SampledFrame> frames = READER.sample(SharedMedia.file("videos/intel_car-detection.mp4"), 30).frames();
        assertThat(instances(detector.detect(frames.get(0).image()))).isEmpty();
        List<Integer> withCar = frames.subList(1, frames.size() - 1).stream()
                .filter(f -> instances(detector.detect(f.image())).contains("car"))
                .map(SampledFrame::index)
                .toList();
        assertThat(withCar).isNotEmpty();
    }

    @Test
    void detections_are_sorted_inside_the_frame_and_without_duplicates() {
        RgbImage frame = firstFrame("sam2_bedroom.mp4");
        List<Detection> found = detector.detect(frame);
        assertThat(found).isNotEmpty();
        assertThat(found).extracting(Detection::score).isSortedAccordingTo((a, b) -> Double.compare(b, a));
        for (Detection d : found) {
            assertThat(d.score()).isBetween(TfjsCenterNetDetector.SCORE_FLOOR, 1.0);
            assertThat(d.box().x1()).isGreaterThanOrEqualTo(0);
            assertThat(d.box().y1()).isGreaterThanOrEqualTo(0);
            assertThat(d.box().x2()).isLessThanOrEqualTo(frame.width());
            assertThat(d.box().y2()).isLessThanOrEqualTo(frame.height());
            assertThat(d.box().area()).isPositive();
        }
        for (int i = 0; i < found.size(); i++) {
            for (int j = i + 1; j < found.size(); j++) {
                Detection a = found.get(i);
                Detection b = found.get(j);
                double limit = a.label().equals(b.label()) ? TfjsCenterNetDetector.NMS_IOU : TfjsCenterNetDetector.NMS_IOU_ACROSS_CLASSES;
                assertThat(a.box().iou(b.box())).as("%s vs %s", a, b).isLessThanOrEqualTo(limit);
            }
        }
        assertThat(detector.detect(frame)).as("the same frame gives the same answer").isEqualTo(found);
    }

    @Test
    void frames_of_any_size_and_shape_work() {
        for (int[] size : new int[][] {{1, 1}, {7, 300}, {300, 7}, {2000, 40}}) {
            assertThat(detector.detect(new RgbImage(size[0], size[1], new byte[size[0] * size[1] * 3])))
                    .as("%dx%d black", size[0], size[1])
                    .allSatisfy(d -> assertThat(d.score()).isLessThan(detector.instanceThreshold()));
        }
    }

    @Test
    void labels_follow_the_order_of_the_package_label_list() throws IOException {
        Path labelsTs = models.resolve(HumanModels.LABELS_TS);
        if (!Files.isRegularFile(labelsTs)) {
            abort(labelsTs + " absent (model files put in place by hand)");
        }
        Matcher m = Pattern.compile("\\{\\s*class:\\s*(\\d+),\\s*label:\\s*'([^']+)'\\s*}").matcher(Files.readString(labelsTs));
        int expectedClass = 1;
        int count = 0;
        while (m.find()) {
            assertThat(Integer.parseInt(m.group(1))).isEqualTo(expectedClass++);
            assertThat(CocoClasses.NAMES.get(count++)).isEqualTo(m.group(2));
        }
        assertThat(count).isEqualTo(CocoClasses.NAMES.size()).isEqualTo(80);
    }

    @Test
    void provider_is_found_by_name_and_honours_the_threshold_option() {
        try (ObjectDetector loaded = ObjectDetectorProvider.load(new DetectorOptions("centernet", null, null, 0.6))) {
            assertThat(loaded).isInstanceOf(TfjsCenterNetDetector.class);
            assertThat(loaded.name()).isEqualTo("centernet");
            assertThat(loaded.instanceThreshold()).isEqualTo(0.6);
        }
        assertThat(detector.instanceThreshold()).isEqualTo(TfjsCenterNetDetector.INSTANCE_THRESHOLD);
    }

    @Test
    void a_closed_detector_refuses_work() {
        TfjsCenterNetDetector other = new TfjsCenterNetDetector(models.resolve(HumanModels.CENTERNET_JSON));
        other.close();
        other.close();
        assertThatThrownBy(() -> other.detect(new RgbImage(4, 4, new byte[48]))).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void a_file_that_is_not_a_tfjs_model_is_reported() throws IOException {
        Path bogus = Files.createTempFile("centernet", ".json");
        try {
            Files.writeString(bogus, """
                    {"modelTopology": {"node": [{"name": "x", "op": "Placeholder", "attr": {"dtype": {"type": "DT_FLOAT"}}}]},
                     "weightsManifest": []}""");
            assertThatThrownBy(() -> new TfjsCenterNetDetector(bogus))
                    .isInstanceOf(InstanceCapException.class).hasMessageContaining("is not the CenterNet model");
        } finally {
            Files.delete(bogus);
        }
    }
}
