package org.instancecap.eval.fidelity;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;

/**
 * One video to score: its name, the original and the regenerated file, and its caption (a record or
 * plain text); or, when one of them could not be found, what is missing ({@code problem}), so the
 * run lists it as a failure.
 */
public record FidelityPair(String name, Path original, Path regenerated, JsonNode record, String text, String problem) {

    public static FidelityPair missing(String name, String problem) {
        return new FidelityPair(name, null, null, null, null, problem);
    }

    public boolean hasCaption() {
        return record != null || text != null;
    }
}
