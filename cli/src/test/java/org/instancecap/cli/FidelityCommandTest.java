package org.instancecap.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.instancecap.core.json.Json;
import org.instancecap.vision.onnx.TinyOnnx;
import org.instancecap.vision.video.SyntheticVideos;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code fidelity} on real (lossless, flat-coloured) videos and tiny models whose outputs are known:
 * the CLIP image tower gives each channel's normalised mean, the text tower sums rows of a table
 * (end token (1, 0, 0), hello</w> (0, 1, 0), cat</w> (0, 0, 1)), the VAE's latent is twice its input.
 */
class FidelityCommandTest {
    private static final double[] MEAN = {0.48145466, 0.4578275, 0.40821073};
    private static final double[] STD = {0.26862954, 0.26130258, 0.27577711};
    // he, ll, hell, hello</w>=515, at</w>, ca, cat</w>=518; start 519, end 520
    private static final List<String> MERGES = List.of("#version: 0.2", "h e", "l l", "he ll", "hell o</w>", "a t</w>", "c a", "c at</w>");

    @TempDir
    Path dir;

    private Path video(String path, int r, int g, int b) throws Exception {
        return SyntheticVideos.write(dir.resolve(path), SyntheticVideos.Kind.RAW_MOV, 16, 16, 10, 10,
                k -> SyntheticVideos.flat(16, 16, r, g, b));
    }

    private Path models() throws Exception {
        Path models = Files.createDirectories(dir.resolve("models"));
        new TinyOnnx().input("pixel_values", TinyOnnx.FLOAT, "batch", 3, 4, 4)
                .node("GlobalAveragePool", List.of("pixel_values"), List.of("pooled"))
                .node("Flatten", List.of("pooled"), List.of("image_embeds"), "axis", 1L)
                .output("image_embeds", TinyOnnx.FLOAT, "batch", 3)
                .write(models.resolve("image.onnx"));
        float[] table = new float[521 * 3];
        table[520 * 3] = 1;
        table[515 * 3 + 1] = 1;
        table[518 * 3 + 2] = 1;
        new TinyOnnx().input("input_ids", TinyOnnx.INT64, "batch", 77)
                .floats("table", new long[] {521, 3}, table)
                .longs("axes", new long[] {1}, new long[] {1})
                .node("Gather", List.of("table", "input_ids"), List.of("rows"))
                .node("ReduceSum", List.of("rows", "axes"), List.of("text_embeds"), "keepdims", 0L)
                .output("text_embeds", TinyOnnx.FLOAT, "batch", 3)
                .write(models.resolve("text.onnx"));
        new TinyOnnx().input("sample", TinyOnnx.FLOAT, 1, 3, 8, 4, 4)
                .floats("two", new long[0], new float[] {2})
                .node("Mul", List.of("sample", "two"), List.of("latent"))
                .output("latent", TinyOnnx.FLOAT, 1, 3, 8, 4, 4)
                .write(models.resolve("vae.onnx"));
        Files.write(models.resolve("bpe_simple_vocab_16e6.txt"), MERGES);
        return models;
    }

    private static double cosine(int[] rgb, double[] text) {
        double dot = 0;
        double na = 0;
        double nb = 0;
        for (int c = 0; c < 3; c++) {
            double v = (rgb[c] / 255.0 - MEAN[c]) / STD[c];
            dot += v * text[c];
            na += v * v;
            nb += text[c] * text[c];
        }
        return dot / Math.sqrt(na * nb);
    }

    @Test
    void measures_each_pair_by_name_lists_the_missing_one_and_resumes() throws Exception {
        video("orig/a.mov", 200, 30, 90);
        video("orig/b.mov", 10, 10, 10);
        video("orig/c.mov", 90, 90, 90);
        video("regen/a.mov", 180, 60, 90);
        video("regen/c.mov", 20, 220, 140);
        // b has no regenerated video; the captions are not in the folders' order
        Path captions = Files.writeString(dir.resolve("captions.jsonl"), """
                {"Video":"c.mov","Global Description":"Hello. A cat."}
                {"Video":"b.mov","Global Description":"Hello."}
                {"Video":"orig/a.mov","Global Description":"A cat.","Structured Description":{"Main Instance":{"No.0":{"Class":"cat","Appearance":"Hello.","Actions and Motion":"A cat.","Position":"Hello."}},"Background Detail":"Hello.","Camera Movement":"A cat."}}
                not a record
                """);
        Path models = models();
        Path out = dir.resolve("fidelity.jsonl");
        String[] args = {"fidelity", dir.resolve("orig").toString(), dir.resolve("regen").toString(), "--captions", captions.toString(),
                "-o", out.toString(), "--clip-image", models.resolve("image.onnx").toString(), "--clip-text", models.resolve("text.onnx").toString(),
                "--clip-vocab", models.toString(), "--vae-encoder", models.resolve("vae.onnx").toString()};
        Cli run = Cli.run(args);
        assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
        assertThat(run.err()).contains("no regenerated video named b.mov in " + dir.resolve("regen"));
        assertThat(run.errLines()).containsOnlyOnce("warning: skipped line 4 of " + captions + ": not JSON");

        double[] hello = {1, 1, 0};
        double[] cat = {1, 0, 1};
        List<String> lines = Files.readAllLines(out);
        assertThat(lines).hasSize(2);
        JsonNode c = Json.mapper().readTree(lines.stream().filter(l -> l.contains("\"c.mov\"")).findFirst().orElseThrow());
        // scored on the regenerated video (20, 220, 140) by default
        double cHello = cosine(new int[] {20, 220, 140}, hello);
        double cCat = cosine(new int[] {20, 220, 140}, cat);
        assertThat(c.path("clip").path("sentences")).hasSize(2);
        assertThat(c.path("clip").path("sentences").get(0).path("text").asText()).isEqualTo("Hello.");
        assertThat(c.path("clip").path("sentences").get(0).path("score").asDouble()).isCloseTo(cHello, within(1e-5));
        assertThat(c.path("clip").path("sentences").get(1).path("score").asDouble()).isCloseTo(cCat, within(1e-5));
        assertThat(c.path("clip").path("mean").asDouble()).isCloseTo((cHello + cCat) / 2, within(1e-5));
        assertThat(c.path("clip").path("frames").asInt()).isEqualTo(8);
        // 3DVAE: 8 frames of 4 x 4, channel differences 70, 130, 50 in 0-255, /127.5 into [-1, 1], latents x 2
        double cVae = 2 * Math.sqrt(8 * 16 * (70.0 * 70 + 130.0 * 130 + 50.0 * 50)) / 127.5;
        assertThat(c.path("vae").path("distance").asDouble()).isCloseTo(cVae, within(1e-3));
        JsonNode a = Json.mapper().readTree(lines.stream().filter(l -> l.contains("\"a.mov\"")).findFirst().orElseThrow());
        // a: global, appearance, actions, position, background, camera = cat, hello, cat, hello, hello, cat
        assertThat(a.path("clip").path("sentences")).hasSize(6);
        double aMean = (cosine(new int[] {180, 60, 90}, hello) + cosine(new int[] {180, 60, 90}, cat)) / 2;
        assertThat(a.path("clip").path("mean").asDouble()).isCloseTo(aMean, within(1e-5));
        double aVae = 2 * Math.sqrt(8 * 16 * (20.0 * 20 + 30.0 * 30)) / 127.5;
        assertThat(a.path("vae").path("distance").asDouble()).isCloseTo(aVae, within(1e-3));

        List<String> errors = Files.readAllLines(dir.resolve("fidelity.jsonl.errors.jsonl"));
        assertThat(errors).hasSize(1);
        assertThat(Json.mapper().readTree(errors.get(0)).path("stage").asText()).isEqualTo("match");
        JsonNode summary = Json.mapper().readTree(dir.resolve("fidelity.jsonl.summary.json").toFile());
        assertThat(summary.path("failed").asInt()).isEqualTo(1);
        assertThat(summary.path("measured").asInt()).isEqualTo(2);
        assertThat(summary.path("clip").path("mean").asDouble()).isCloseTo(((cHello + cCat) / 2 + aMean) / 2, within(1e-5));
        assertThat(summary.path("clip").path("sentences").asInt()).isEqualTo(8);
        assertThat(summary.path("vae").path("mean").asDouble()).isCloseTo((cVae + aVae) / 2, within(1e-3));
        assertThat(run.out()).contains(String.format(java.util.Locale.ROOT, "CLIP sentence by sentence: %.4f over 2 videos", ((cHello + cCat) / 2 + aMean) / 2))
                .contains(String.format(java.util.Locale.ROOT, "3DVAE distance: %.2f over 2 pairs", (cVae + aVae) / 2));

        // again: nothing is measured twice, the means are still over all the results
        Cli again = Cli.run(args);
        assertThat(again.exitCode()).isEqualTo(1);
        assertThat(again.err()).contains("1 pair failed in an earlier run");
        assertThat(Files.readAllLines(out)).isEqualTo(lines);
        assertThat(again.out()).isEqualTo(run.out());

        // the missing video made, --retry-failed measures it and only it
        video("regen/b.mov", 10, 10, 10);
        Cli retried = Cli.run(java.util.stream.Stream.concat(java.util.Arrays.stream(args), java.util.stream.Stream.of("--retry-failed"))
                .toArray(String[]::new));
        assertThat(retried.exitCode()).as(retried.err()).isZero();
        assertThat(Files.readAllLines(out)).hasSize(3);
        JsonNode b = Json.mapper().readTree(Files.readAllLines(out).get(2));
        assertThat(b.path("video").asText()).isEqualTo("b.mov");
        assertThat(b.path("vae").path("distance").asDouble()).isZero();
    }

    @Test
    void help_names_the_command_and_its_options() {
        assertThat(Cli.run("--help").out()).contains("fidelity");
        Cli help = Cli.run("fidelity", "--help");
        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).startsWith("Usage: instancecap fidelity").contains("--clip-image", "--clip-text", "--clip-vocab",
                "--vae-encoder", "--captions", "--clip-video", "--retry-failed");
    }

    @Test
    void vae_alone_needs_no_captions_and_a_wrong_model_is_one_line() throws Exception {
        video("orig/a.mov", 100, 100, 100);
        video("regen/a.mov", 100, 100, 130);
        Path models = models();
        Path out = dir.resolve("vae.jsonl");
        Cli run = Cli.run("fidelity", dir.resolve("orig").toString(), dir.resolve("regen").toString(), "-o", out.toString(),
                "--vae-encoder", models.resolve("vae.onnx").toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode a = Json.mapper().readTree(Files.readAllLines(out).get(0));
        assertThat(a.has("clip")).isFalse();
        assertThat(a.path("vae").path("distance").asDouble()).isCloseTo(2 * Math.sqrt(8 * 16 * 900.0) / 127.5, within(1e-3));
        assertThat(a.path("vae").path("latentShape").toString()).isEqualTo("[1,3,8,4,4]");

        Path image = new TinyOnnx().input("x", TinyOnnx.FLOAT, 1, 3, 4, 4).identity("x", "y", TinyOnnx.FLOAT, 1, 3, 4, 4)
                .write(models.resolve("image-vae.onnx"));
        Cli bad = Cli.run("fidelity", dir.resolve("orig").toString(), dir.resolve("regen").toString(), "-o", dir.resolve("bad.jsonl").toString(),
                "--vae-encoder", image.toString());
        assertThat(bad.exitCode()).isEqualTo(1);
        assertThat(bad.errLines()).containsExactly("error: VAE encoder: input 'x' is 1x3x4x4 float, expected [batch, 3, frames, height, width] float ("
                + image + ")");
        assertThat(dir.resolve("bad.jsonl")).doesNotExist();

        Cli none = Cli.run("fidelity", dir.resolve("orig").toString(), dir.resolve("regen").toString(), "-o", out.toString());
        assertThat(none.exitCode()).isEqualTo(2);
        assertThat(none.err()).contains("give the CLIP models");
        Cli noCaptions = Cli.run("fidelity", dir.resolve("orig").toString(), dir.resolve("regen").toString(), "-o", out.toString(),
                "--clip-image", "i.onnx", "--clip-text", "t.onnx", "--clip-vocab", "v.txt");
        assertThat(noCaptions.exitCode()).isEqualTo(2);
        assertThat(noCaptions.err()).contains("give --captions");
    }
}
