package org.instancecap.vision.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.abort;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.instancecap.core.InstanceCapException;
import org.instancecap.core.detect.Box;
import org.instancecap.core.detect.Detection;
import org.instancecap.core.detect.DetectorOptions;
import org.instancecap.core.detect.ObjectDetector;
import org.instancecap.core.detect.ObjectDetectorProvider;
import org.instancecap.core.video.RgbImage;
import org.instancecap.core.video.SampledFrame;
import org.instancecap.vision.model.NanoDetModels;
import org.instancecap.vision.video.JavaCvVideoReader;
import org.instancecap.vision.video.SharedMedia;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The real model on the shared media: the calibration of {@link TfjsNanoDetDetector#INSTANCE_THRESHOLD}.
 * Skipped when the model cannot be had (no npm, no network) or the media are absent.
 */
class TfjsNanoDetDetectorTest {

    private static final JavaCvVideoReader READER = new JavaCvVideoReader();
    private static Path models;
    private static TfjsNanoDetDetector detector;

    @BeforeAll
    static void load() {
        try {
            models = NanoDetModels.atDefaultLocation().ensure();
        } catch (InstanceCapException e) {
            abort("NanoDet model unavailable, skipping: " + e.getMessage());
        }
        detector = new TfjsNanoDetDetector(models.resolve(NanoDetModels.NANODET_JSON));
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
        List<Detection> found = detector.detect(firstFrame("sam2_01_dog.mp4"));
        assertThat(instances(found)).containsExactlyInAnyOrder("person", "dog");
        Detection dog = found.stream().filter(d -> d.label().equals("dog")).findFirst().orElseThrow();
        // the dog walks on the woman's left (the viewer's right), lower half of the frame
        assertThat(dog.box().centerX()).isBetween(450.0, 750.0);
        assertThat(dog.box().centerY()).isBetween(360.0, 600.0);
    }

    @Test
    void finds_nothing_in_the_sky_of_the_cloud_clip() {
        assertThat(instances(detector.detect(firstFrame("llava_demo_xU25MMA2N4aVtYay.mp4")))).isEmpty();
    }

    @Test
    void finds_the_cars_of_two_photos() throws IOException {
        for (String photo : List.of("images/sam2_groceries.jpg", "images/moviepy_vacation_2017.jpg")) {
            List<Detection> found = detector.detect(TfjsCenterNetDetectorTest.readImage(SharedMedia.file(photo)));
            assertThat(instances(found)).as(photo).contains("car");
        }
    }

    /**
     * What {@code amc --all-frames} sees on the parking clip: its 8 sampled frames. The first is empty
     * asphalt; on frame 215 one of the two cars seen from straight above is a car (the other, like most
     * top-down cars to this model and to CenterNet, a cell phone).
     */
    @Test
    void finds_a_car_on_the_sampled_frames_of_the_parking_clip_but_nothing_on_its_empty_first_frame() {
        List<SampledFrame> frames = READER.sample(SharedMedia.file("videos/intel_car-detection.mp4"), 8).frames();
        assertThat(instances(detector.detect(frames.get(0).image()))).isEmpty();
        List<Integer> withCar = frames.stream()
                .filter(f -> instances(detector.detect(f.image())).contains("car"))
                .map(SampledFrame::index)
                .toList();
        assertThat(withCar).isNotEmpty();
    }

    @Test
    void boxes_fit_the_rider_of_the_cutie_bike_frame() throws IOException {
        RgbImage frame = TfjsCenterNetDetectorTest.readImage(SharedMedia.file("segmentation/cutie/images/bike/00000.jpg"));
        Detection rider = detector.detect(frame).stream().filter(d -> d.label().equals("person")).findFirst().orElseThrow();
        // the rider's mask (cutie bike, object 2) spans 418,121 to 522,329: a box off by half a cell would miss
        assertThat(rider.box().iou(new Box(418, 121, 522, 329))).isGreaterThan(0.85);
    }

    @Test
    void detections_are_sorted_inside_the_frame_and_without_duplicates() {
        RgbImage frame = firstFrame("sam2_bedroom.mp4");
        List<Detection> found = detector.detect(frame);
        assertThat(found).isNotEmpty();
        assertThat(found).extracting(Detection::score).isSortedAccordingTo((a, b) -> Double.compare(b, a));
        for (Detection d : found) {
            assertThat(d.score()).isBetween(TfjsNanoDetDetector.SCORE_FLOOR, 1.0);
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
                double limit = a.label().equals(b.label()) ? TfjsNanoDetDetector.NMS_IOU : TfjsNanoDetDetector.NMS_IOU_ACROSS_CLASSES;
                assertThat(a.box().iou(b.box())).as("%s vs %s", a, b).isLessThanOrEqualTo(limit);
            }
        }
        assertThat(detector.detect(frame)).as("the same frame gives the same answer").isEqualTo(found);
        assertThat(detector.detectQuickly(frame)).extracting(Detection::label).contains("person");
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
    void provider_is_found_by_name_and_honours_the_threshold_option() {
        try (ObjectDetector loaded = ObjectDetectorProvider.load(new DetectorOptions("nanodet", null, null, 0.6))) {
            assertThat(loaded).isInstanceOf(TfjsNanoDetDetector.class);
            assertThat(loaded.name()).isEqualTo("nanodet");
            assertThat(loaded.instanceThreshold()).isEqualTo(0.6);
        }
        assertThat(detector.instanceThreshold()).isEqualTo(TfjsNanoDetDetector.INSTANCE_THRESHOLD);
    }

    @Test
    void a_closed_detector_refuses_work() {
        TfjsNanoDetDetector other = new TfjsNanoDetDetector(models.resolve(NanoDetModels.NANODET_JSON));
        other.close();
        other.close();
        assertThatThrownBy(() -> other.detect(new RgbImage(4, 4, new byte[48]))).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void a_file_that_is_not_a_nanodet_model_is_reported() throws IOException {
        Path bogus = Files.createTempFile("nanodet", ".json");
        try {
            Files.writeString(bogus, """
                    {"modelTopology": {"node": [{"name": "input_1", "op": "Placeholder", "attr": {"dtype": {"type": "DT_FLOAT"},
                      "shape": {"shape": {"dim": [{"size": "1"}, {"size": "3"}, {"size": "416"}, {"size": "416"}]}}}}]},
                     "weightsManifest": []}""");
            assertThatThrownBy(() -> new TfjsNanoDetDetector(bogus))
                    .isInstanceOf(InstanceCapException.class).hasMessageContaining("is not the NanoDet model");
        } finally {
            Files.delete(bogus);
        }
    }
}
