package org.instancecap.core.spec;

import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import java.nio.file.Path;

/**
 * The mask backend of a run.
 *
 * @param name       the backend's name ({@code grabcut}, {@code box}, {@code sam})
 * @param samEncoder the SAM image encoder (ONNX) for {@code sam}, else null
 * @param samDecoder the SAM prompt decoder (ONNX) for {@code sam}, else null
 */
public record SegmenterSpec(String name,
                            @JsonSerialize(using = ToStringSerializer.class) Path samEncoder,
                            @JsonSerialize(using = ToStringSerializer.class) Path samDecoder) {
    public static final SegmenterSpec DEFAULT = of("grabcut");

    public SegmenterSpec {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("name must not be blank, got " + (name == null ? null : "\"" + name + "\""));
        }
    }

    /** A backend without model files. */
    public static SegmenterSpec of(String name) {
        return new SegmenterSpec(name, null, null);
    }
}
