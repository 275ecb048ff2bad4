package org.instancecap.cli;

import static org.junit.jupiter.api.Assumptions.abort;

import org.instancecap.core.InstanceCapException;
import org.instancecap.vision.model.HumanModels;

/** The built-in detector's model for tests that caption: fetched if needed, or the test skips saying why. */
final class BuiltInDetector {
    private BuiltInDetector() {
    }

    static void requireOrSkip() {
        try {
            HumanModels.atDefaultLocation().ensure();
        } catch (InstanceCapException e) {
            abort("built-in detector model unavailable, skipping: " + e.getMessage());
        }
    }
}
