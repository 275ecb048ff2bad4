package org.instancecap.core.stage;

import java.util.Comparator;
import java.util.List;
import java.util.ServiceLoader;
import java.util.stream.Collectors;

/** Finds stage providers by name among those {@link ServiceLoader} sees on the class path. */
public final class Providers {

    private Providers() {
    }

    /** Every provider of {@code type}, by name. */
    public static <P extends StageProvider> List<P> all(Class<P> type) {
        return ServiceLoader.load(type, type.getClassLoader()).stream().map(ServiceLoader.Provider::get)
                .sorted(Comparator.comparing(StageProvider::name)).toList();
    }

    /**
     * The provider of {@code type} called {@code name}.
     *
     * @param role what the stage is called in the message ({@code segmenter}, {@code detector})
     * @throws IllegalArgumentException {@code unknown <role> '<name>'; available: <names>}
     */
    public static <P extends StageProvider> P find(Class<P> type, String role, String name) {
        List<P> providers = all(type);
        return providers.stream().filter(p -> p.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown " + role + " '" + name + "'; available: "
                        + providers.stream().map(StageProvider::name).collect(Collectors.joining(", "))));
    }
}
