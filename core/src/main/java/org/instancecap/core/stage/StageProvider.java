package org.instancecap.core.stage;

import java.util.Optional;

/**
 * What every stage provider has: the name users choose it by, and the built-in model files it may
 * fetch on first use. Providers are found with {@link java.util.ServiceLoader}; see {@link Providers}.
 */
public interface StageProvider {

    /** The name users choose the implementation by ({@code grabcut}, {@code javacv}, {@code mllm}). */
    String name();

    /** The model files this provider fetches on first use, so that {@code setup} can fetch them ahead; none by default. */
    default Optional<BuiltInModels> builtInModels() {
        return Optional.empty();
    }
}
