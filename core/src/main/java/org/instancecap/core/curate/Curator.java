package org.instancecap.core.curate;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.instancecap.core.amc.AmcResult;
import org.instancecap.core.amc.AuxiliaryModelCluster;
import org.instancecap.core.amc.Instance;
import org.instancecap.core.io.FileTrees;
import org.instancecap.core.scene.Shot;
import org.instancecap.core.scene.ShotFinder;
import org.instancecap.core.scene.ShotSplitter;
import org.instancecap.core.video.VideoFiles;
import org.instancecap.core.video.VideoInfo;

/**
 * Turns videos into dataset clips (DESIGN §2.8): shots found at cuts, shots longer than the maximum
 * cut into consecutive pieces, and each candidate kept when it is long and large enough and one of its
 * instances moves enough; every rejection says why. Candidates within a longer video are written as
 * clips (re-encoded, frame-exact) so the cluster can measure their motion.
 */
public final class Curator {

    /** A clip kept, or a candidate (or a whole video) rejected with its reason. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Verdict(String source, String clip, Integer startFrame, Integer endFrame, Double startSeconds,
                          Double endSeconds, boolean kept, String reason, Double motion, List<String> classes) {
    }

    private final ShotFinder shots;
    private final ShotSplitter splitter;
    private final AuxiliaryModelCluster cluster;
    private final CurationSettings settings;

    public Curator(ShotFinder shots, ShotSplitter splitter, AuxiliaryModelCluster cluster,
                   CurationSettings settings) {
        this.shots = shots;
        this.splitter = splitter;
        this.cluster = cluster;
        this.settings = settings;
    }

    /**
     * The verdicts on one video; kept clips are written into {@code clipDir} (named after the video)
     * when it is not null.
     */
    public List<Verdict> curate(Path video, Path clipDir, String name) {
        List<Verdict> verdicts = new ArrayList<>();
        ShotFinder.Result found = shots.find(video);
        VideoInfo info = found.info();
        if (info.width() < settings.minWidth() || info.height() < settings.minHeight()) {
            verdicts.add(rejected(video, null, String.format(Locale.ROOT, "%dx%d is smaller than %dx%d",
                    info.width(), info.height(), settings.minWidth(), settings.minHeight())));
            return verdicts;
        }
        List<Shot> candidates = new ArrayList<>();
        for (Shot shot : found.shots()) {
            for (Shot piece : pieces(shot, info.fps())) {
                double seconds = piece.endSeconds() - piece.startSeconds();
                if (seconds < settings.minSeconds() - 1e-9) {
                    verdicts.add(rejected(video, piece, String.format(Locale.ROOT, "%.2f s is shorter than %.2f s",
                            seconds, settings.minSeconds())));
                } else {
                    candidates.add(piece);
                }
            }
        }
        boolean whole = candidates.size() == 1 && found.shots().size() == 1 && candidates.get(0).equals(found.shots().get(0));
        if (whole) {
            Verdict verdict = judge(video, candidates.get(0), video);
            verdicts.add(verdict.kept() && clipDir != null ? withClip(verdict, copyInto(video, clipDir, name)) : verdict);
            return verdicts;
        }
        if (candidates.isEmpty()) {
            return verdicts;
        }
        Path work = temporaryDir();
        try {
            List<Path> clips = splitter.split(video, info, candidates, work.resolve(name));
            for (int i = 0; i < candidates.size(); i++) {
                Path clip = clips.get(i);
                Verdict verdict = judge(video, candidates.get(i), clip);
                if (verdict.kept() && clipDir != null) {
                    Path target = clipDir.resolve(clip.getFileName());
                    move(clip, target);
                    verdict = withClip(verdict, target);
                }
                verdicts.add(verdict);
            }
        } finally {
            FileTrees.deleteQuietly(work);
        }
        return verdicts;
    }

    /** The shot, or consecutive pieces of at most the maximum length when it is longer. */
    public List<Shot> pieces(Shot shot, double fps) {
        double seconds = shot.endSeconds() - shot.startSeconds();
        if (seconds <= settings.maxSeconds() + 1e-9) {
            return List.of(shot);
        }
        int perPiece = Math.max(1, (int) Math.floor(settings.maxSeconds() * fps));
        List<Shot> pieces = new ArrayList<>();
        for (int start = shot.startFrame(); start <= shot.endFrame(); start += perPiece) {
            int end = Math.min(shot.endFrame(), start + perPiece - 1);
            pieces.add(new Shot(start, end, start / fps, (end + 1) / fps));
        }
        return pieces;
    }

    private Verdict judge(Path source, Shot shot, Path clip) {
        AmcResult result = cluster.analyse(clip).result();
        double motion = MotionIntensity.of(result);
        List<String> classes = result.instances().stream().map(Instance::label).toList();
        boolean kept = motion >= settings.minMotion();
        String reason = kept ? null : result.instances().isEmpty() ? "no instance found"
                : String.format(Locale.ROOT, "motion %.3f is below %.3f", motion, settings.minMotion());
        return new Verdict(source.toString(), null, shot.startFrame(),
                shot.endFrame(), shot.startSeconds(), shot.endSeconds(), kept, reason, motion, classes);
    }

    private static Verdict withClip(Verdict v, Path clip) {
        return new Verdict(v.source(), clip.toString(), v.startFrame(), v.endFrame(), v.startSeconds(), v.endSeconds(),
                v.kept(), v.reason(), v.motion(), v.classes());
    }

    private static Verdict rejected(Path source, Shot shot, String reason) {
        return new Verdict(source.toString(), null, shot == null ? null : shot.startFrame(), shot == null ? null : shot.endFrame(),
                shot == null ? null : shot.startSeconds(), shot == null ? null : shot.endSeconds(), false, reason, null, null);
    }

    /** A single-shot video within range is kept as it is: copied, not re-encoded. */
    private static Path copyInto(Path video, Path clipDir, String name) {
        String extension = video.getFileName().toString().substring(VideoFiles.stem(video).length());
        Path target = clipDir.resolve(name + extension);
        try {
            Path tmp = FileTrees.temporaryBeside(target);
            try {
                Files.copy(video, tmp, StandardCopyOption.REPLACE_EXISTING);
                FileTrees.replace(tmp, target);
            } finally {
                Files.deleteIfExists(tmp);
            }
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy " + video + " into " + clipDir, e);
        }
    }

    private static void move(Path from, Path to) {
        try {
            Files.createDirectories(to.toAbsolutePath().getParent());
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot move " + from + " to " + to, e);
        }
    }

    private static Path temporaryDir() {
        try {
            return Files.createTempDirectory("instancecap-curate");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary folder", e);
        }
    }
}
