package org.instancecap.formats;

import java.util.List;
import java.util.Map;
import org.apache.parquet.conf.ParquetConfiguration;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.RecordConsumer;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;

/**
 * The Parquet schema of a caption dataset, and the write support that turns a {@link DatasetRecord}
 * into one row of it. Lists use Parquet's standard three-level layout, so Spark, DuckDB, PyArrow
 * and Hugging Face datasets read them as lists of structs.
 */
final class ParquetSchema extends WriteSupport<DatasetRecord> {

    static final MessageType SCHEMA = MessageTypeParser.parseMessageType("""
            message instancecap_caption {
              required binary id (STRING);
              optional binary path (STRING);
              optional double duration_seconds;
              optional double fps;
              optional int32 width;
              optional int32 height;
              optional int64 frame_count;
              required binary global_description (STRING);
              required group instances (LIST) {
                repeated group list {
                  required group element {
                    required binary class (STRING);
                    required binary appearance (STRING);
                    required binary actions_and_motion (STRING);
                    required binary position (STRING);
                    optional double score;
                    optional group boxes (LIST) {
                      repeated group list {
                        optional group element {
                          required double x1;
                          required double y1;
                          required double x2;
                          required double y2;
                        }
                      }
                    }
                    optional group regions (LIST) {
                      repeated group list {
                        optional binary element (STRING);
                      }
                    }
                  }
                }
              }
              required binary background (STRING);
              required binary camera_movement (STRING);
              optional binary camera_label (STRING);
              optional double camera_speed;
              optional double camera_zoom;
              optional double camera_rotation;
              optional double camera_jitter;
              optional binary camera_adverb (STRING);
              optional group frames (LIST) {
                repeated group list {
                  required group element {
                    required int32 index;
                    required double time_seconds;
                  }
                }
              }
              optional binary tool (STRING);
              optional binary captioner (STRING);
              optional binary detector (STRING);
              optional double instance_threshold;
              optional double amc_seconds;
              optional double caption_seconds;
              optional group fallbacks (LIST) {
                repeated group list {
                  required binary element (STRING);
                }
              }
              optional int64 prompt_tokens;
              optional int64 completion_tokens;
              optional binary paragraph (STRING);
            }
            """);

    private final Map<String, String> metadata;
    private RecordConsumer out;

    /** @param metadata key-value pairs for the file's footer (the source, the tool) */
    ParquetSchema(Map<String, String> metadata) {
        this.metadata = Map.copyOf(metadata);
    }

    @Override
    public WriteContext init(org.apache.hadoop.conf.Configuration configuration) {
        return new WriteContext(SCHEMA, metadata);
    }

    @Override
    public WriteContext init(ParquetConfiguration configuration) {
        return new WriteContext(SCHEMA, metadata);
    }

    @Override
    public void prepareForWrite(RecordConsumer recordConsumer) {
        this.out = recordConsumer;
    }

    @Override
    public void write(DatasetRecord r) {
        Fields row = new Fields();
        out.startMessage();
        row.text("id", r.id());
        DatasetRecord.Video v = r.video();
        if (v != null) {
            row.text("path", v.path());
            row.real("duration_seconds", v.durationSeconds());
            row.real("fps", v.fps());
            row.int32("width", v.width());
            row.int32("height", v.height());
            row.int64("frame_count", v.frameCount());
        } else {
            row.skip(6);
        }
        row.text("global_description", r.caption().globalDescription());
        row.list("instances", r.caption().instances(), (item, i) -> {
            item.text("class", i.label());
            item.text("appearance", i.appearance());
            item.text("actions_and_motion", i.actions());
            item.text("position", i.position());
        }, r.measured(), (item, m) -> {
            item.real("score", m.score());
            item.list("boxes", m.boxes(), (box, b) -> {
                box.real("x1", b.x1());
                box.real("y1", b.y1());
                box.real("x2", b.x2());
                box.real("y2", b.y2());
            });
            item.textList("regions", m.regions());
        });
        row.text("background", r.caption().background());
        row.text("camera_movement", r.caption().camera());
        DatasetRecord.Camera c = r.camera();
        if (c != null) {
            row.text("camera_label", c.label());
            row.real("camera_speed", c.speed());
            row.real("camera_zoom", c.zoom());
            row.real("camera_rotation", c.rotation());
            row.real("camera_jitter", c.jitter());
            row.text("camera_adverb", c.adverb());
        } else {
            row.skip(6);
        }
        if (r.frames().isEmpty()) {
            row.skip(1);
        } else {
            row.list("frames", r.frames(), (item, f) -> {
                item.int32("index", f.index());
                item.real("time_seconds", f.timeSeconds());
            });
        }
        DatasetRecord.Provenance p = r.provenance();
        if (p != null) {
            row.text("tool", p.tool());
            row.text("captioner", p.captioner());
            row.text("detector", p.detector());
            row.real("instance_threshold", p.instanceThreshold());
            row.real("amc_seconds", p.amcSeconds());
            row.real("caption_seconds", p.captionSeconds());
            if (p.fallbacks().isEmpty()) {
                row.skip(1);
            } else {
                row.textList("fallbacks", p.fallbacks());
            }
            row.int64("prompt_tokens", p.promptTokens());
            row.int64("completion_tokens", p.completionTokens());
        } else {
            row.skip(9);
        }
        row.text("paragraph", r.paragraph());
        out.endMessage();
    }

    /** Writes one group's fields in schema order, counting their indexes; a null value leaves its field out. */
    private final class Fields {
        private int index;

        void skip(int fields) {
            index += fields;
        }

        void text(String name, String value) {
            if (value != null) {
                out.startField(name, index);
                out.addBinary(Binary.fromString(value));
                out.endField(name, index);
            }
            index++;
        }

        void real(String name, Double value) {
            if (value != null) {
                out.startField(name, index);
                out.addDouble(value);
                out.endField(name, index);
            }
            index++;
        }

        void int32(String name, Integer value) {
            if (value != null) {
                out.startField(name, index);
                out.addInteger(value);
                out.endField(name, index);
            }
            index++;
        }

        void int64(String name, Long value) {
            if (value != null) {
                out.startField(name, index);
                out.addLong(value);
                out.endField(name, index);
            }
            index++;
        }

        <T> void list(String name, List<T> items, Element<T> element) {
            list(name, items, element, List.of(), (f, x) -> { });
        }

        /** A list of structs; the fields of {@code extra}'s items (when it has any) follow each item's own. */
        <T, U> void list(String name, List<T> items, Element<T> element, List<U> extra, Element<U> extraFields) {
            out.startField(name, index);
            out.startGroup();
            if (!items.isEmpty()) {
                out.startField("list", 0);
                for (int k = 0; k < items.size(); k++) {
                    out.startGroup();
                    T item = items.get(k);
                    if (item != null) {
                        out.startField("element", 0);
                        out.startGroup();
                        Fields fields = new Fields();
                        element.write(fields, item);
                        if (!extra.isEmpty()) {
                            extraFields.write(fields, extra.get(k));
                        }
                        out.endGroup();
                        out.endField("element", 0);
                    }
                    out.endGroup();
                }
                out.endField("list", 0);
            }
            out.endGroup();
            out.endField(name, index);
            index++;
        }

        void textList(String name, List<String> items) {
            out.startField(name, index);
            out.startGroup();
            if (!items.isEmpty()) {
                out.startField("list", 0);
                for (String item : items) {
                    out.startGroup();
                    if (item != null) {
                        out.startField("element", 0);
                        out.addBinary(Binary.fromString(item));
                        out.endField("element", 0);
                    }
                    out.endGroup();
                }
                out.endField("list", 0);
            }
            out.endGroup();
            out.endField(name, index);
            index++;
        }
    }

    @FunctionalInterface
    private interface Element<T> {
        void write(Fields fields, T item);
    }
}
