package org.instancecap.core.detect;

import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import java.nio.file.Path;

/**
 * What a detector backend needs to load its model; the detector part of a run's
 * {@link org.instancecap.core.spec.RunSpec}, and the one place of the instance threshold.
 *
 * @param backend   the backend's name ({@code centernet}, {@code onnx})
 * @param model     the model file for backends that take one from the user, else null
 * @param labels    a labels file (one class name per line, in the model's order), or null for COCO-80
 * @param threshold the instance threshold, or null for the backend's calibrated one
 */
public record DetectorOptions(String backend,
                               @JsonSerialize(using = ToStringSerializer.class) Path model,
                               @JsonSerialize(using = ToStringSerializer.class) Path labels,
                               Double threshold) {
    public DetectorOptions {
        if (backend == null || backend.isBlank()) {
            throw new IllegalArgumentException("backend must not be blank");
        }
        if (threshold != null && !(threshold > 0 && threshold < 1)) {
            throw new IllegalArgumentException("threshold must be in (0, 1), got " + threshold);
        }
    }

    public static DetectorOptions of(String backend) {
        return new DetectorOptions(backend, null, null, null);
    }
}
