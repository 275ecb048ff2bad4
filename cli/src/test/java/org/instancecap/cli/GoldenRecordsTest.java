package org.instancecap.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.instancecap.core.pipeline.CaptionRecord;
import org.instancecap.vision.video.SharedMedia;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Caption records (with {@code --with-amc}) stay what they were across refactors: each record, sorted by Video and
 * without the fields that tell times and the tool's version, equals its line in a golden file, at one worker and at two.
 * The inputs are given relative to the cli module, so the records name them the same on every machine.
 *
 * <p>To regenerate the golden files after a change meant to change the records, from the repository root:
 * {@code mvn -q -B -ntp -pl cli -am -Dtest=GoldenRecordsTest -Dsurefire.failIfNoSpecifiedTests=false
 * -Dgolden.regenerate=true verify}, then review {@code git diff cli/src/test/resources/golden}.
 */
class GoldenRecordsTest {
    private static final Path GOLDEN = Path.of("src/test/resources/golden");
    private static final boolean REGENERATE = Boolean.getBoolean("golden.regenerate");
    private static final String MEDIA = "../../shared/media/";

    @TempDir
    Path tmp;

    @BeforeAll
    static void models() {
        BuiltInDetector.requireOrSkip();
    }

    @ParameterizedTest(name = "--workers {0}")
    @ValueSource(ints = {1, 2})
    void the_sample_clip_gets_the_golden_record(int workers) throws Exception {
        Path out = caption(workers, 0, "../samples/dog.mp4");
        compare(out, "Video", "caption-records.jsonl", workers);
        assertThat(errors(out)).isEmptyFile();
    }

    @ParameterizedTest(name = "--workers {0}")
    @ValueSource(ints = {1, 2})
    void shared_clips_and_a_broken_file_get_the_golden_records_and_failure(int workers) throws Exception {
        SharedMedia.dir(); // skips the test without the shared media
        Path out = caption(workers, 1, MEDIA + "edge/derived/frames_1_dog.mp4", MEDIA + "edge/androidx_media/mp4_sample.mp4",
                MEDIA + "edge/derived/zero_length.mp4");
        compare(out, "Video", "caption-records-shared.jsonl", workers);
        compare(errors(out), "video", "caption-errors-shared.jsonl", workers);
    }

    private Path caption(int workers, int failures, String... inputs) {
        Path out = tmp.resolve("captions.jsonl");
        List<String> args = new ArrayList<>(List.of("caption", "--with-amc", "--workers", String.valueOf(workers), "-o", out.toString()));
        args.addAll(List.of(inputs));
        Cli cli = Cli.run(args.toArray(String[]::new));
        assertThat(cli.exitCode()).as(cli.err()).isEqualTo(failures == 0 ? 0 : 1);
        assertThat(cli.errLines()).last().asString()
                .startsWith("caption: " + (inputs.length - failures) + " done, " + failures + " failed, 0 skipped in ");
        return out;
    }

    private static Path errors(Path out) {
        return out.resolveSibling(out.getFileName() + ".errors.jsonl");
    }

    /** The lines of {@code file}, normalised and sorted by {@code key}, against the golden file (or written to it). */
    private static void compare(Path file, String key, String golden, int workers) throws Exception {
        List<String> actual = CaptionRecord.comparable(Files.readAllLines(file, StandardCharsets.UTF_8), key);
        Path goldenFile = GOLDEN.resolve(golden);
        if (REGENERATE) {
            if (workers == 1) {
                Files.createDirectories(GOLDEN);
                Files.write(goldenFile, actual, StandardCharsets.UTF_8);
            }
            return;
        }
        List<String> expected = CaptionRecord.comparable(Files.readAllLines(goldenFile, StandardCharsets.UTF_8), key);
        assertThat(actual).as("%s at --workers %d against %s (-Dgolden.regenerate=true writes it anew)", file.getFileName(),
                workers, goldenFile).hasSameSizeAs(expected);
        for (int i = 0; i < expected.size(); i++) {
            assertThat(actual.get(i)).as("record %d of %s", i, goldenFile).isEqualTo(expected.get(i));
        }
    }

}
