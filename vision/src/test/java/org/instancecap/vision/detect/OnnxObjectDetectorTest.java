package org.instancecap.vision.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.instancecap.core.InstanceCapException;
import org.instancecap.core.detect.Box;
import org.instancecap.core.detect.Detection;
import org.instancecap.core.detect.DetectorOptions;
import org.instancecap.core.detect.ObjectDetector;
import org.instancecap.core.detect.ObjectDetectorProvider;
import org.instancecap.core.video.RgbImage;
import org.instancecap.vision.onnx.TinyOnnx;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ONNX detector on models whose outputs are known tensors, one per accepted layout. Frames are
 * 1280×720: a 640×640 input holds them at half scale below 140 grey rows, so a box (x1, y1, x2, y2)
 * in input pixels is (2·x1, 2·(y1 − 140), 2·x2, 2·(y2 − 140)) in the frame.
 */
class OnnxObjectDetectorTest {
    private static final RgbImage FRAME = gradient(1280, 720);
    private static final int PERSON = 0;
    private static final int CAR = 2;
    private static final int CAT = 15;
    private static final int DOG = 16;

    @TempDir
    Path dir;

    @Test
    void yolo_head_boxes_come_back_through_the_letterbox_after_nms_and_floor() {
        int anchors = 8400;
        float[] out = new float[84 * anchors];
        yoloAnchor(out, anchors, 0, 320, 320, 200, 100, PERSON, 0.9f);
        yoloAnchor(out, anchors, 1, 325, 322, 200, 100, PERSON, 0.8f);   // duplicate of 0: suppressed
        yoloAnchor(out, anchors, 2, 100, 200, 80, 60, DOG, 0.7f);
        yoloAnchor(out, anchors, 3, 500, 400, 50, 50, PERSON, 0.1f);     // under the floor
        yoloAnchor(out, anchors, 4, 320, 320, 200, 100, CAR, 0.6f);      // same box, other class: kept
        yoloAnchor(out, anchors, 5, 600, 150, 100, 40, CAT, 0.3f);       // reaches into the grey: clipped
        Path model = new TinyOnnx()
                .input("images", TinyOnnx.FLOAT, 1, 3, 640, 640)
                .constantAfter("images", "output0", new long[] {1, 84, anchors}, out)
                .write(dir.resolve("yolo11n.onnx"));

        try (ObjectDetector detector = ObjectDetectorProvider.load(new DetectorOptions("onnx", model, null, null))) {
            List<Detection> found = detector.detect(FRAME);

            assertThat(detector).isInstanceOf(OnnxObjectDetector.class);
            assertThat(detector.name()).isEqualTo("onnx");
            assertThat(detector.instanceThreshold()).isEqualTo(0.5);
            assertThat(found).extracting(Detection::label).containsExactly("person", "dog", "car", "cat");
            assertThat(found.stream().mapToDouble(Detection::score).toArray()).containsExactly(new double[] {0.9, 0.7, 0.6, 0.3}, offset());
            assertBox(found.get(0).box(), 440, 260, 840, 460);
            assertBox(found.get(1).box(), 120, 60, 280, 180);
            assertBox(found.get(2).box(), 440, 260, 840, 460);
            assertBox(found.get(3).box(), 1100, 0, 1280, 60);
        }
    }

    @Test
    void dynamic_input_is_640_and_a_labels_file_names_the_classes() throws IOException {
        int anchors = 100;
        float[] out = new float[7 * anchors];
        yoloAnchor(out, anchors, 10, 160, 240, 40, 40, 2, 0.95f);
        yoloAnchor(out, anchors, 11, 162, 240, 40, 40, 2, 0.5f);       // duplicate
        yoloAnchor(out, anchors, 12, 480, 480, 64, 32, 1, 0.55f);
        Path model = new TinyOnnx()
                .input("images", TinyOnnx.FLOAT, "batch", 3, "height", "width")
                .constantAfter("images", "output0", new long[] {1, 7, anchors}, out)
                .write(dir.resolve("custom.onnx"));
        Path labels = Files.writeString(dir.resolve("labels.txt"), "helmet\nvest\nforklift\n\n");

        try (OnnxObjectDetector detector = OnnxObjectDetector.open(new DetectorOptions("onnx", model, labels, 0.3))) {
            List<Detection> found = detector.detect(FRAME);

            assertThat(detector.inputSize()).containsExactly(640, 640);
            assertThat(detector.instanceThreshold()).isEqualTo(0.3);
            assertThat(found).extracting(Detection::label).containsExactly("forklift", "vest");
            assertBox(found.get(0).box(), 280, 160, 360, 240);
            assertBox(found.get(1).box(), 896, 648, 1024, 712);
        }
    }

    @Test
    void ultralytics_metadata_gives_names_and_the_size_of_a_dynamic_input() {
        int anchors = 50;
        float[] out = new float[6 * anchors];
        yoloAnchor(out, anchors, 0, 320, 192, 100, 60, 1, 0.8f);
        Path model = new TinyOnnx()
                .input("images", TinyOnnx.FLOAT, 1, 3, "height", "width")
                .constantAfter("images", "output0", new long[] {1, 6, anchors}, out)
                .metadata("imgsz", "[384, 640]")
                .metadata("names", "{0: 'cup', 1: \"driver's seat\"}")
                .write(dir.resolve("seats.onnx"));

        try (OnnxObjectDetector detector = OnnxObjectDetector.open(new DetectorOptions("onnx", model, null, null))) {
            List<Detection> found = detector.detect(FRAME);

            // 1280x720 in 640x384: half scale, 12 grey rows above
            assertThat(detector.inputSize()).containsExactly(640, 384);
            assertThat(found).extracting(Detection::label).containsExactly("driver's seat");
            assertBox(found.get(0).box(), 540, 300, 740, 420);
        }
    }

    @Test
    void ultralytics_end_to_end_rows_are_corners_in_input_pixels() {
        float[] out = new float[300 * 6];
        row(out, 6, 0, 100, 200, 300, 400, 0.88f, DOG);
        row(out, 6, 1, 0, 140, 640, 500, 0.4f, PERSON);
        row(out, 6, 2, 10, 10, 20, 20, 0.2f, CAR);
        Path model = new TinyOnnx()
                .input("images", TinyOnnx.FLOAT, 1, 3, 640, 640)
                .constantAfter("images", "output0", new long[] {1, 300, 6}, out)
                .write(dir.resolve("yolo26n.onnx"));

        try (OnnxObjectDetector detector = OnnxObjectDetector.open(new DetectorOptions("onnx", model, null, null))) {
            List<Detection> found = detector.detect(FRAME);

            assertThat(found).extracting(Detection::label).containsExactly("dog", "person");
            assertBox(found.get(0).box(), 200, 120, 600, 520);
            assertBox(found.get(1).box(), 0, 0, 1280, 720);
        }
    }

    @Test
    void ultralytics_rtdetr_rows_are_normalised_and_not_suppressed() {
        float[] out = new float[300 * 84];
        rtdetrRow(out, 0, 0.5f, 0.5f, 0.25f, 0.125f, PERSON, 0.93f);
        rtdetrRow(out, 1, 0.51f, 0.5f, 0.25f, 0.125f, PERSON, 0.6f);    // a second person, set-predicted
        rtdetrRow(out, 2, 0.25f, 0.4f, 0.1f, 0.1f, CAT, 0.24f);
        Path model = new TinyOnnx()
                .input("images", TinyOnnx.FLOAT, 1, 3, 640, 640)
                .constantAfter("images", "output0", new long[] {1, 300, 84}, out)
                .write(dir.resolve("rtdetr-l.onnx"));

        try (OnnxObjectDetector detector = OnnxObjectDetector.open(new DetectorOptions("onnx", model, null, null))) {
            List<Detection> found = detector.detect(FRAME);

            assertThat(found).extracting(Detection::label).containsExactly("person", "person");
            assertThat(found.get(0).score()).isCloseTo(0.93, offset());
            // cx 320, cy 320, w 160, h 80 in input pixels
            assertBox(found.get(0).box(), 480, 280, 800, 440);
            assertBox(found.get(1).box(), 492.8, 280, 812.8, 440);
        }
    }

    @Test
    void hugging_face_logits_go_through_the_sigmoid() {
        int queries = 300;
        float[] boxes = new float[queries * 4];
        float[] logits = new float[queries * 80];
        Arrays.fill(logits, -8f);
        pairQuery(boxes, logits, 80, 7, 0.75f, 0.5f, 0.125f, 0.25f, DOG, logit(0.85));
        pairQuery(boxes, logits, 80, 8, 0.1f, 0.3f, 0.05f, 0.05f, CAR, logit(0.2));
        Path model = new TinyOnnx()
                .input("pixel_values", TinyOnnx.FLOAT, "batch_size", "num_channels", "height", "width")
                .input("pixel_mask", TinyOnnx.INT64, "batch_size", "height", "width")
                .constantAfter("pixel_values", "logits", new long[] {1, queries, 80}, logits)
                .constantAfter("pixel_values", "pred_boxes", new long[] {1, queries, 4}, boxes)
                .constantAfter("pixel_values", "last_hidden_state", new long[] {1, queries, 8}, new float[queries * 8])
                .write(dir.resolve("rtdetr_r50vd.onnx"));

        try (OnnxObjectDetector detector = OnnxObjectDetector.open(new DetectorOptions("onnx", model, null, null))) {
            List<Detection> found = detector.detect(FRAME);

            assertThat(found).hasSize(1);
            assertThat(found.get(0).label()).isEqualTo("dog");
            assertThat(found.get(0).score()).isCloseTo(0.85, offset());
            // cx 480, cy 320, w 80, h 160 in input pixels
            assertBox(found.get(0).box(), 880, 200, 1040, 520);
        }
    }

    @Test
    void rtdetr_reference_export_gets_the_input_size_as_orig_target_sizes() {
        // 1280x720 in a 640x384 input: half scale, 12 grey rows above; boxes scale with (w, h)
        int queries = 300;
        float[] normalised = new float[queries * 4];
        long[] labels = new long[queries];
        float[] scores = new float[queries];
        System.arraycopy(new float[] {0.25f, 0.25f, 0.5f, 0.75f}, 0, normalised, 0, 4);
        labels[0] = CAT;
        scores[0] = 0.77f;
        System.arraycopy(new float[] {0.5f, 0.5f, 0.6f, 0.6f}, 0, normalised, 4, 4);
        labels[1] = DOG;
        scores[1] = 0.1f;
        Path model = new TinyOnnx()
                .input("images", TinyOnnx.FLOAT, "N", 3, 384, 640)
                .input("orig_target_sizes", TinyOnnx.INT64, "N", 2)
                .floats("normalised", new long[] {1, queries, 4}, normalised)
                .node("Cast", List.of("orig_target_sizes"), List.of("size"), "to", 1L)
                .node("Concat", List.of("size", "size"), List.of("whwh"), "axis", 1L)
                .node("Mul", List.of("normalised", "whwh"), List.of("boxes"))
                .output("boxes", TinyOnnx.FLOAT, 1, queries, 4)
                .constantLongs("labels", new long[] {1, queries}, labels)
                .constantAfter("images", "scores", new long[] {1, queries}, scores)
                .write(dir.resolve("rtdetrv2_r18vd.onnx"));

        try (OnnxObjectDetector detector = OnnxObjectDetector.open(new DetectorOptions("onnx", model, null, null))) {
            List<Detection> found = detector.detect(FRAME);

            assertThat(found).extracting(Detection::label).containsExactly("cat");
            // input box (160, 96)-(320, 288)
            assertBox(found.get(0).box(), 320, 168, 640, 552);
        }
    }

    @Test
    void paddle_detections_are_class_score_and_corners() {
        float[] rows = new float[100 * 6];
        Arrays.fill(rows, -1);
        System.arraycopy(new float[] {DOG, 0.66f, 40, 180, 200, 300}, 0, rows, 0, 6);
        System.arraycopy(new float[] {PERSON, 0.12f, 0, 0, 10, 10}, 0, rows, 6, 6);
        Path model = new TinyOnnx()
                .input("im_shape", TinyOnnx.FLOAT, "N", 2)
                .input("image", TinyOnnx.FLOAT, "N", 3, 640, 640)
                .input("scale_factor", TinyOnnx.FLOAT, "N", 2)
                .constantAfter("image", "reshape2_95.tmp_0", new long[] {100, 6}, rows)
                .constantLongs("tile_3.tmp_0", new long[] {1}, new long[] {100})
                .write(dir.resolve("rtdetr_paddle.onnx"));

        try (OnnxObjectDetector detector = OnnxObjectDetector.open(new DetectorOptions("onnx", model, null, null))) {
            List<Detection> found = detector.detect(FRAME);

            assertThat(found).extracting(Detection::label).containsExactly("dog");
            assertBox(found.get(0).box(), 80, 80, 400, 320);
        }
    }

    @Test
    void default_coco_labels_refuse_a_model_with_another_class_count() {
        Path model = new TinyOnnx()
                .input("images", TinyOnnx.FLOAT, 1, 3, 640, 640)
                .constantAfter("images", "output0", new long[] {1, 7, 100}, new float[700])
                .write(dir.resolve("three.onnx"));

        assertThatThrownBy(() -> OnnxObjectDetector.open(new DetectorOptions("onnx", model, null, null)))
                .isInstanceOf(InstanceCapException.class)
                .hasMessageContaining("scores 3 classes")
                .hasMessageContaining("COCO-80")
                .hasMessageContaining("labels file")
                .hasMessageContaining("three.onnx");
    }

    @Test
    void a_labels_file_of_the_wrong_length_is_refused() throws IOException {
        Path model = new TinyOnnx()
                .input("images", TinyOnnx.FLOAT, 1, 3, 640, 640)
                .constantAfter("images", "output0", new long[] {1, 84, 100}, new float[8400])
                .write(dir.resolve("coco.onnx"));
        Path labels = Files.writeString(dir.resolve("mine.txt"), "a\nb\n");

        assertThatThrownBy(() -> OnnxObjectDetector.open(new DetectorOptions("onnx", model, labels, null)))
                .isInstanceOf(InstanceCapException.class)
                .hasMessageContaining("scores 80 classes but there are 2 names in the labels file")
                .hasMessageContaining("mine.txt");
    }

    @Test
    void a_class_index_beyond_the_labels_is_refused() {
        float[] out = new float[10 * 6];
        row(out, 6, 0, 0, 200, 100, 300, 0.9f, 85);
        Path model = new TinyOnnx()
                .input("images", TinyOnnx.FLOAT, 1, 3, 640, 640)
                .constantAfter("images", "output0", new long[] {1, 10, 6}, out)
                .write(dir.resolve("e2e.onnx"));

        try (OnnxObjectDetector detector = OnnxObjectDetector.open(new DetectorOptions("onnx", model, null, null))) {
            assertThatThrownBy(() -> detector.detect(FRAME))
                    .isInstanceOf(InstanceCapException.class)
                    .hasMessageContaining("class 85")
                    .hasMessageContaining("e2e.onnx");
        }
    }

    @Test
    void unknown_outputs_are_refused_with_the_accepted_layouts() {
        Path model = new TinyOnnx()
                .input("images", TinyOnnx.FLOAT, 1, 3, 640, 640)
                .constantAfter("images", "embedding", new long[] {1, 512}, new float[512])
                .write(dir.resolve("classifier.onnx"));

        assertThatThrownBy(() -> OnnxObjectDetector.open(new DetectorOptions("onnx", model, null, null)))
                .isInstanceOf(InstanceCapException.class)
                .hasMessageContaining("unsupported detector outputs: embedding 1x512 float")
                .hasMessageContaining("Ultralytics YOLOv8/YOLO11")
                .hasMessageContaining("classifier.onnx");
    }

    @Test
    void unknown_extra_inputs_are_refused() {
        Path model = new TinyOnnx()
                .input("images", TinyOnnx.FLOAT, 1, 3, 640, 640)
                .input("temperature", TinyOnnx.FLOAT, 1)
                .constantAfter("images", "output0", new long[] {1, 84, 100}, new float[8400])
                .write(dir.resolve("odd.onnx"));

        assertThatThrownBy(() -> OnnxObjectDetector.open(new DetectorOptions("onnx", model, null, null)))
                .isInstanceOf(InstanceCapException.class)
                .hasMessageContaining("unsupported model input 'temperature'");
    }

    @Test
    void missing_model_is_reported_with_its_path() {
        Path missing = dir.resolve("nowhere.onnx");
        assertThatThrownBy(() -> ObjectDetectorProvider.load(new DetectorOptions("onnx", missing, null, null)))
                .isInstanceOf(InstanceCapException.class)
                .hasMessage("ONNX detector model not found (" + missing + ")");
        assertThatThrownBy(() -> ObjectDetectorProvider.load(DetectorOptions.of("onnx")))
                .isInstanceOf(InstanceCapException.class)
                .hasMessageContaining("needs a model file");
    }

    @Test
    void a_file_that_is_not_onnx_is_reported_with_its_path() throws IOException {
        Path junk = Files.writeString(dir.resolve("junk.onnx"), "not a model");
        assertThatThrownBy(() -> OnnxObjectDetector.open(new DetectorOptions("onnx", junk, null, null)))
                .isInstanceOf(InstanceCapException.class)
                .hasMessageStartingWith("cannot load the ONNX detector model")
                .hasMessageEndingWith("(" + junk + ")");
    }

    private static void yoloAnchor(float[] out, int anchors, int n, float cx, float cy, float w, float h, int cls, float score) {
        YoloHeads.anchor(out, anchors, n, cx, cy, w, h, cls, score);
    }

    private static void row(float[] out, int width, int n, float... values) {
        System.arraycopy(values, 0, out, n * width, values.length);
    }

    private static void rtdetrRow(float[] out, int n, float cx, float cy, float w, float h, int cls, float score) {
        row(out, 84, n, cx, cy, w, h);
        out[n * 84 + 4 + cls] = score;
    }

    private static void pairQuery(float[] boxes, float[] logits, int classes, int q, float cx, float cy, float w, float h, int cls, float logit) {
        row(boxes, 4, q, cx, cy, w, h);
        logits[q * classes + cls] = logit;
    }

    private static float logit(double p) {
        return (float) Math.log(p / (1 - p));
    }

    private static org.assertj.core.data.Offset<Double> offset() {
        return within(1e-5);
    }

    private static void assertBox(Box box, double x1, double y1, double x2, double y2) {
        assertThat(new double[] {box.x1(), box.y1(), box.x2(), box.y2()})
                .as("box %s", box)
                .containsExactly(new double[] {x1, y1, x2, y2}, within(1.0));
    }

    static RgbImage gradient(int width, int height) {
        byte[] px = new byte[width * height * 3];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int o = (y * width + x) * 3;
                px[o] = (byte) (x * 255 / (width - 1));
                px[o + 1] = (byte) (y * 255 / (height - 1));
                px[o + 2] = (byte) 128;
            }
        }
        return new RgbImage(width, height, px);
    }
}
