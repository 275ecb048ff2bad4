package org.instancecap.core.detect;

import java.util.List;
import java.util.ServiceLoader;
import java.util.stream.Collectors;

/** A detector backend, found by name with {@link ServiceLoader}. */
public interface ObjectDetectorProvider {

    /** The name users choose the backend by. */
    String name();

    /** Loads the model; throws {@link org.instancecap.core.InstanceCapException} saying what is missing. */
    ObjectDetector create(DetectorOptions options);

    /** The backend named in {@code options}. */
    static ObjectDetector load(DetectorOptions options) {
        List<ObjectDetectorProvider> providers = ServiceLoader.load(ObjectDetectorProvider.class).stream()
                .map(ServiceLoader.Provider::get).toList();
        return providers.stream()
                .filter(p -> p.name().equals(options.backend()))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown detector '" + options.backend() + "'; available: "
                        + providers.stream().map(ObjectDetectorProvider::name).sorted().collect(Collectors.joining(", "))))
                .create(options);
    }
}
