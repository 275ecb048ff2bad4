package org.instancecap.vision.model;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.instancecap.core.stage.BuiltInModels;

/**
 * The built-in CenterNet detector's files: the npm package {@code @vladmandic/human} 3.3.6 (MIT
 * licence), kept by {@link NpmModels} in its {@code human-3.3.6/} folder.
 */
public final class HumanModels implements BuiltInModels {

    public static final String PACKAGE = "@vladmandic/human";
    public static final String VERSION = "3.3.6";

    /** The CenterNet COCO detector: TF.js graph model topology and weights manifest. */
    public static final String CENTERNET_JSON = "models/centernet.json";
    public static final String CENTERNET_BIN = "models/centernet.bin";
    /** The package's COCO label list, the order of the detector's class indices. */
    public static final String LABELS_TS = "src/object/labels.ts";
    public static final String LICENSE = "LICENSE";

    /** What a user must provide by hand when npm is not available. */
    static final List<String> REQUIRED = List.of(CENTERNET_JSON, CENTERNET_BIN);
    static final List<String> EXTRACTED = List.of(CENTERNET_JSON, CENTERNET_BIN, LABELS_TS, LICENSE);

    /** Published by the registry for the 3.3.6 tarball (its {@code dist.integrity}). */
    static final String INTEGRITY =
            "sha512-Nr5mPfq1gQ+uKeXY5uM3Fj8UxvF5CEh2s6txM5wRThqaW0mF9huooOuZSrT8hhGho0hGaXLFdAwfD/2+teCv6A==";

    /** The package and the files taken from it. */
    public static final NpmModels.Package NPM_PACKAGE = new NpmModels.Package(PACKAGE, VERSION, INTEGRITY, REQUIRED, EXTRACTED);

    private final NpmModels store;

    public HumanModels(Path cacheDir) {
        this(cacheDir, NpmModels.defaultNpm(), INTEGRITY);
    }

    /** A store that runs {@code npm} and expects a tarball of {@code integrity}, for tests. */
    HumanModels(Path cacheDir, String npm, String integrity) {
        this.store = new NpmModels(NPM_PACKAGE.withIntegrity(integrity), cacheDir, npm);
    }

    /** The store in {@code $INSTANCECAP_MODELS}, else {@code ~/.cache/instancecap/models}. */
    public static HumanModels atDefaultLocation() {
        return new HumanModels(defaultCacheDir());
    }

    public static Path defaultCacheDir() {
        return NpmModels.defaultCacheDir();
    }

    /** The folder holding the package's files; it may not exist yet. */
    public Path dir() {
        return store.dir();
    }

    /** Whether the model files are in the cache. */
    @Override
    public boolean present() {
        return store.present();
    }

    /**
     * The folder with the model files, fetching them first when they are missing.
     *
     * @throws org.instancecap.core.InstanceCapException in one line saying how to get the files, when npm
     *                                                   is missing or fails
     */
    @Override
    public Path ensure() {
        return store.ensure();
    }

    /** {@code relative} (a path in the package, such as {@link #CENTERNET_JSON}) after {@link #ensure()}. */
    public Path file(String relative) {
        return store.file(relative);
    }

    /** Checks {@code file} against an npm integrity string ({@code sha512-<base64>}). */
    static void verify(Path file, String integrity) throws IOException {
        NpmModels.verify(file, integrity, PACKAGE + " " + VERSION);
    }
}
