package org.instancecap.core.scene;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.instancecap.core.video.FrameSink;
import org.instancecap.core.video.SampledFrame;
import org.instancecap.core.video.VideoInfo;
import org.instancecap.core.video.VideoReader;

/** Splits a video into shots: one low-resolution decoding pass feeding the shot detectors. */
public final class ShotFinder {

    /** Width of the frames the detectors compare; about what PySceneDetect downscales to. */
    public static final int ANALYSIS_WIDTH = 256;

    /**
     * @param content        hard-cut detection
     * @param minShotSeconds shortest shot; a cut closer than this to the previous one is ignored
     * @param fadeThreshold  mean brightness below which a frame is black, for cuts made by fading
     *                       through black; 0 turns fade detection off
     */
    public record Settings(ContentShotDetector.Settings content, double minShotSeconds, double fadeThreshold) {
        public static final Settings DEFAULT = new Settings(ContentShotDetector.Settings.DEFAULT, 0.5, 0);

        public Settings {
            if (!(minShotSeconds >= 0)) {
                throw new IllegalArgumentException("minShotSeconds must be >= 0, got " + minShotSeconds);
            }
            if (!(fadeThreshold >= 0 && fadeThreshold < 255)) {
                throw new IllegalArgumentException("fadeThreshold must be in [0, 255), got " + fadeThreshold);
            }
        }
    }

    /** The shots of one video, with its probe. */
    public record Result(VideoInfo info, List<Shot> shots) {
    }

    private final VideoReader reader;
    private final Settings settings;

    public ShotFinder(VideoReader reader, Settings settings) {
        this.reader = reader;
        this.settings = settings;
    }

    public Result find(Path video) {
        List<ShotDetector> detectors = new ArrayList<>();
        detectors.add(new ContentShotDetector(settings.content()));
        if (settings.fadeThreshold() > 0) {
            detectors.add(new FadeShotDetector(settings.fadeThreshold()));
        }
        VideoInfo info = reader.skim(video, ANALYSIS_WIDTH, new FrameSink() {
            @Override
            public void accept(SampledFrame frame) {
                detectors.forEach(d -> d.accept(frame.image()));
            }
        });
        List<Integer> cuts = new ArrayList<>();
        detectors.forEach(d -> cuts.addAll(d.cuts()));
        int frames = detectors.get(0).frameCount();
        int minShotFrames = Math.max(1, (int) Math.round(settings.minShotSeconds() * info.fps()));
        return new Result(info, ShotDetector.shots(cuts, frames, info.fps(), minShotFrames));
    }
}
