package org.instancecap.formats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.instancecap.core.InstanceCapException;
import org.instancecap.core.caption.StructuredCaption;
import org.instancecap.core.json.Json;
import org.instancecap.core.render.ApproximateT5TokenCounter;
import org.instancecap.core.render.Renderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Parquet parts read back by DuckDB, a reader that shares no code with the writer. */
class ParquetExportTest {
    @TempDir
    Path tmp;

    static DatasetExport.Settings parquet(int rows, Integer budget) {
        return new DatasetExport.Settings(ExportFormat.PARQUET, rows, 1000, 1L << 30, budget, budget == null ? null : "cogvideox",
                Path.of("."), "instancecap test");
    }

    @Test
    void records_read_back_by_duckdb_equal_the_json_lines_records() throws Exception {
        Path source = tmp.resolve("captions.jsonl");
        SyntheticRecords.write(source, 23);
        Path dir = tmp.resolve("dataset");
        List<String> failures = new ArrayList<>();

        DatasetExport.Outcome outcome = DatasetExport.run(source, dir, parquet(10, 226), failures::add);

        assertThat(failures).isEmpty();
        assertThat(outcome.exported()).isEqualTo(23);
        assertThat(outcome.index().files()).extracting(ExportIndex.FileEntry::name, ExportIndex.FileEntry::samples)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("part-000000.parquet", 10),
                        org.assertj.core.groups.Tuple.tuple("part-000001.parquet", 10),
                        org.assertj.core.groups.Tuple.tuple("part-000002.parquet", 3));
        assertThat(outcome.index().complete()).isTrue();
        try (HiddenFiles names = new HiddenFiles(dir)) {
            assertThat(names.hidden()).as("temporary files left").isEmpty();
        }

        List<String> lines = Files.readAllLines(source, StandardCharsets.UTF_8);
        Renderer renderer = new Renderer(new ApproximateT5TokenCounter());
        List<Object> expected = new ArrayList<>();
        for (String line : lines) {
            ObjectNode record = (ObjectNode) Json.mapper().readTree(line);
            expected.add(plain(expectedRow(record, renderer.render(StructuredCaption.fromJson(record), 226).text())));
        }
        List<Object> actual = new ArrayList<>();
        try (Connection db = DriverManager.getConnection("jdbc:duckdb:"); Statement st = db.createStatement();
             ResultSet rows = st.executeQuery("SELECT to_json(t) FROM read_parquet('" + dir + "/part-*.parquet', filename = false) t")) {
            while (rows.next()) {
                actual.add(plain(Json.mapper().readTree(rows.getString(1))));
            }
        }
        assertThat(actual).hasSize(23);
        for (int i = 0; i < 23; i++) {
            assertThat(actual.get(i)).as("row %d", i).isEqualTo(expected.get(i));
        }
    }

    @Test
    void duckdb_sees_the_expected_schema() throws Exception {
        Path source = tmp.resolve("captions.jsonl");
        SyntheticRecords.write(source, 4);
        Path dir = tmp.resolve("dataset");
        DatasetExport.run(source, dir, parquet(100, null), f -> { });
        Map<String, String> columns = new LinkedHashMap<>();
        try (Connection db = DriverManager.getConnection("jdbc:duckdb:"); Statement st = db.createStatement();
             ResultSet rows = st.executeQuery("DESCRIBE SELECT * FROM read_parquet('" + dir + "/part-000000.parquet')")) {
            while (rows.next()) {
                columns.put(rows.getString("column_name"), rows.getString("column_type"));
            }
        }
        assertThat(columns).containsEntry("id", "VARCHAR").containsEntry("duration_seconds", "DOUBLE")
                .containsEntry("fps", "DOUBLE").containsEntry("width", "INTEGER").containsEntry("height", "INTEGER")
                .containsEntry("frame_count", "BIGINT").containsEntry("global_description", "VARCHAR")
                .containsEntry("instances", "STRUCT(\"class\" VARCHAR, appearance VARCHAR, actions_and_motion VARCHAR, "
                        + "\"position\" VARCHAR, score DOUBLE, boxes STRUCT(x1 DOUBLE, y1 DOUBLE, x2 DOUBLE, y2 DOUBLE)[], "
                        + "regions VARCHAR[])[]")
                .containsEntry("camera_movement", "VARCHAR").containsEntry("camera_label", "VARCHAR")
                .containsEntry("frames", "STRUCT(\"index\" INTEGER, time_seconds DOUBLE)[]")
                .containsEntry("fallbacks", "VARCHAR[]").containsEntry("prompt_tokens", "BIGINT")
                .containsEntry("paragraph", "VARCHAR");
        assertThat(columns.keySet()).startsWith("id", "path", "duration_seconds").hasSize(ParquetSchema.SCHEMA.getFieldCount());
        try (Connection db = DriverManager.getConnection("jdbc:duckdb:"); Statement st = db.createStatement();
             ResultSet rows = st.executeQuery("SELECT value FROM parquet_kv_metadata('" + dir + "/part-000000.parquet') "
                     + "WHERE key = 'instancecap.tool'")) {
            assertThat(rows.next()).isTrue();
            assertThat(new String(rows.getBytes(1), StandardCharsets.UTF_8)).isEqualTo("instancecap test");
        }
    }

    @Test
    void bad_lines_and_records_that_are_not_captions_go_to_the_errors_and_the_rest_is_exported() throws Exception {
        Path source = tmp.resolve("captions.jsonl");
        String good = Json.line(SyntheticRecords.record(1));
        Files.writeString(source, good + "\n{not json\n[1,2]\n{\"Video\":\"x.mp4\"}\n"
                + "{\"Video\":\"y.mp4\",\"Global Description\":\"\",\"Structured Description\":{}}\n" + good + "\n{\"torn", StandardCharsets.UTF_8);
        Path dir = tmp.resolve("dataset");
        List<String> failures = new ArrayList<>();
        DatasetExport.Outcome outcome = DatasetExport.run(source, dir, parquet(100, null), failures::add);

        assertThat(outcome.exported()).isEqualTo(2);
        assertThat(outcome.failed()).isEqualTo(5);
        assertThat(failures).containsExactly("line 2: not JSON", "line 3: not a JSON object",
                "line 4 (x.mp4): caption record has no Structured Description",
                "line 5 (y.mp4): not a caption record: Global Description must not be empty",
                "line 7: not JSON (cut short: the file does not end with a newline)");
        List<String> errors = Files.readAllLines(dir.resolve(DatasetExport.ERRORS));
        assertThat(errors).hasSize(5);
        assertThat(Json.mapper().readTree(errors.get(2)).get("line").asInt()).isEqualTo(4);
        assertThat(Files.readString(dir.resolve(DatasetCard.FILE))).contains("2 videos with instance-aware")
                .contains("5 source lines were left out");
    }

    @Test
    void a_rerun_goes_on_after_the_index_and_adds_records_appended_to_the_source() throws Exception {
        Path source = tmp.resolve("captions.jsonl");
        SyntheticRecords.write(source, 25);
        Path dir = tmp.resolve("dataset");
        DatasetExport.run(source, dir, parquet(10, null), f -> { });
        byte[] first = Files.readAllBytes(dir.resolve("part-000000.parquet"));
        // a part moved into place just before a kill, not yet in the index, and a temporary file: both go
        Files.writeString(dir.resolve("part-000009.parquet"), "torn");
        Files.writeString(dir.resolve(".part-000003.parquet123.tmp"), "torn");

        DatasetExport.Outcome again = DatasetExport.run(source, dir, parquet(10, null), f -> { });
        assertThat(again.exported()).isZero();
        assertThat(again.already()).isEqualTo(25);
        assertThat(dir.resolve("part-000009.parquet")).doesNotExist();
        assertThat(dir.resolve(".part-000003.parquet123.tmp")).doesNotExist();

        List<String> more = new ArrayList<>();
        for (int i = 25; i < 32; i++) {
            more.add(Json.line(SyntheticRecords.record(i)));
        }
        Files.write(source, more, StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.APPEND);
        DatasetExport.Outcome grown = DatasetExport.run(source, dir, parquet(10, null), f -> { });
        assertThat(grown.exported()).isEqualTo(7);
        assertThat(grown.index().samples()).isEqualTo(32);
        assertThat(Files.readAllBytes(dir.resolve("part-000000.parquet"))).isEqualTo(first);
        try (Connection db = DriverManager.getConnection("jdbc:duckdb:"); Statement st = db.createStatement();
             ResultSet rows = st.executeQuery("SELECT count(*), count(DISTINCT id) FROM read_parquet('" + dir + "/part-*.parquet')")) {
            rows.next();
            assertThat(rows.getLong(1)).isEqualTo(32);
            assertThat(rows.getLong(2)).isEqualTo(32);
        }

        assertThatThrownBy(() -> DatasetExport.run(source, dir, parquet(5, null), f -> { }))
                .isInstanceOf(InstanceCapException.class).hasMessageContaining("holds another export")
                .hasMessageContaining("rowsPerFile");

        List<String> all = Files.readAllLines(source, StandardCharsets.UTF_8);
        Files.write(source, all.subList(0, 20), StandardCharsets.UTF_8);
        assertThatThrownBy(() -> DatasetExport.run(source, dir, parquet(10, null), f -> { }))
                .isInstanceOf(InstanceCapException.class)
                .hasMessage(source + " has fewer lines than " + dir + " was exported from (32); it changed since: "
                        + "export it into another folder");
    }

    @Test
    void a_source_that_a_caption_run_is_writing_is_not_exported() throws Exception {
        Path source = tmp.resolve("captions.jsonl");
        SyntheticRecords.write(source, 3);
        try (org.instancecap.core.run.RunLock running = org.instancecap.core.run.RunLock.acquire(source)) {
            assertThatThrownBy(() -> DatasetExport.run(source, tmp.resolve("d"), parquet(10, null), f -> { }))
                    .isInstanceOf(InstanceCapException.class).hasMessageStartingWith("another run is writing to " + source);
        }
        assertThat(DatasetExport.run(source, tmp.resolve("d"), parquet(10, null), f -> { }).exported()).isEqualTo(3);
        assertThat(tmp.resolve("captions.jsonl.lock")).doesNotExist();
    }

    /** The row DuckDB should give for {@code record}, built from the JSON alone. */
    static ObjectNode expectedRow(ObjectNode record, String paragraph) {
        ObjectNode row = Json.mapper().createObjectNode();
        JsonNode amc = record.path("amc");
        JsonNode info = amc.path("info");
        JsonNode structured = record.get("Structured Description");
        row.put("id", record.get("Video").asText());
        row.set("path", info.path("path").isMissingNode() ? null : info.get("path"));
        row.set("duration_seconds", info.get("durationSeconds"));
        row.set("fps", info.get("fps"));
        row.set("width", info.get("width"));
        row.set("height", info.get("height"));
        row.set("frame_count", info.get("frameCount"));
        row.set("global_description", record.get("Global Description"));
        ArrayNode instances = row.putArray("instances");
        int k = 0;
        for (JsonNode n : structured.get("Main Instance")) {
            ObjectNode i = instances.addObject();
            i.set("class", n.get("Class"));
            i.set("appearance", n.get("Appearance"));
            i.set("actions_and_motion", n.get("Actions and Motion"));
            i.set("position", n.get("Position"));
            JsonNode measured = amc.path("instances").path(k++);
            i.set("score", measured.get("score"));
            i.set("boxes", measured.get("boxes"));
            i.set("regions", measured.get("regions"));
        }
        row.set("background", structured.get("Background Detail"));
        row.set("camera_movement", structured.get("Camera Movement"));
        JsonNode camera = amc.path("camera");
        for (String f : List.of("label", "speed", "zoom", "rotation", "jitter", "adverb")) {
            row.set("camera_" + f, camera.get(f));
        }
        if (amc.has("frames")) {
            ArrayNode frames = row.putArray("frames");
            amc.get("frames").forEach(f -> frames.addObject().<ObjectNode>set("index", f.get("index"))
                    .set("time_seconds", f.get("timeSeconds")));
        } else {
            row.putNull("frames");
        }
        JsonNode p = record.path("provenance");
        row.set("tool", p.get("tool"));
        row.set("captioner", p.get("captioner"));
        row.set("detector", p.get("detector"));
        row.set("instance_threshold", p.get("instanceThreshold"));
        row.set("amc_seconds", p.get("amcSeconds"));
        row.set("caption_seconds", p.get("captionSeconds"));
        row.set("fallbacks", p.get("fallbacks"));
        row.set("prompt_tokens", p.path("tokens").get("prompt"));
        row.set("completion_tokens", p.path("tokens").get("completion"));
        row.put("paragraph", paragraph);
        return row;
    }

    /** Maps, lists, strings and doubles: a JSON value with its number types made alike, nulls for missing values. */
    static Object plain(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return null;
        }
        if (node.isObject()) {
            Map<String, Object> map = new LinkedHashMap<>();
            node.fields().forEachRemaining(e -> map.put(e.getKey(), plain(e.getValue())));
            return map;
        }
        if (node.isArray()) {
            List<Object> list = new ArrayList<>();
            node.forEach(n -> list.add(plain(n)));
            return list;
        }
        return node.isNumber() ? (Object) node.asDouble() : node.asText();
    }

    /** The hidden files of a folder. */
    private static final class HiddenFiles implements AutoCloseable {
        private final java.util.stream.Stream<Path> files;

        HiddenFiles(Path dir) throws java.io.IOException {
            files = Files.list(dir);
        }

        List<Path> hidden() {
            return files.filter(p -> p.getFileName().toString().startsWith(".")).toList();
        }

        @Override
        public void close() {
            files.close();
        }
    }
}
