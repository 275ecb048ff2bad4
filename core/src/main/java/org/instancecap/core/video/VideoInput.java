package org.instancecap.core.video;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A video to process: its file and, when a manifest gave one (an {@code id} or {@code key} column
 * or field), the manifest's own id for it; null otherwise, never blank.
 */
public record VideoInput(String id, Path file) {
    public VideoInput {
        Objects.requireNonNull(file, "file");
        if (id != null && id.isBlank()) {
            throw new IllegalArgumentException("id must be null or not blank, got \"" + id + "\"");
        }
    }
}
