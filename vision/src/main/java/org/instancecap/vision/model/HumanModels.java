package org.instancecap.vision.model;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.instancecap.core.InstanceCapException;
import org.instancecap.core.io.FileTrees;

/**
 * The built-in models: files of the npm package {@code @vladmandic/human} 3.3.6 (MIT licence), fetched
 * once with the {@code npm pack} client into a cache folder outside the project, checked against the
 * package's published integrity hash, and unpacked with only the files we use.
 *
 * <p>The cache folder is {@code $INSTANCECAP_MODELS}, else {@code ~/.cache/instancecap/models}; the
 * files land in its {@code human-3.3.6/} folder under their paths in the package
 * ({@code models/centernet.json}...). That folder appears whole or not at all (built aside, then
 * renamed), so concurrent processes never read a half-written model. Users without npm can put the
 * files there by hand.
 */
public final class HumanModels {

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

    private static final long NPM_TIMEOUT_MINUTES = 10;

    private final Path cacheDir;
    private final String npm;
    private final String integrity;

    public HumanModels(Path cacheDir) {
        this(cacheDir, System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows") ? "npm.cmd" : "npm",
                INTEGRITY);
    }

    /** A store that runs {@code npm} and expects a tarball of {@code integrity}, for tests. */
    HumanModels(Path cacheDir, String npm, String integrity) {
        this.cacheDir = cacheDir.toAbsolutePath().normalize();
        this.npm = npm;
        this.integrity = integrity;
    }

    /** The store in {@code $INSTANCECAP_MODELS}, else {@code ~/.cache/instancecap/models}. */
    public static HumanModels atDefaultLocation() {
        return new HumanModels(defaultCacheDir());
    }

    public static Path defaultCacheDir() {
        String env = System.getenv("INSTANCECAP_MODELS");
        if (env != null && !env.isBlank()) {
            return Path.of(env);
        }
        return Path.of(System.getProperty("user.home"), ".cache", "instancecap", "models");
    }

    /** The folder holding the package's files; it may not exist yet. */
    public Path dir() {
        return cacheDir.resolve("human-" + VERSION);
    }

    /** Whether the model files are in the cache. */
    public boolean present() {
        return REQUIRED.stream().allMatch(f -> Files.isRegularFile(dir().resolve(f)));
    }

    /**
     * The folder with the model files, fetching them first when they are missing.
     *
     * @throws InstanceCapException in one line saying how to get the files, when npm is missing or fails
     */
    public Path ensure() {
        if (!present()) {
            fetch();
        }
        return dir();
    }

    /** {@code relative} (a path in the package, such as {@link #CENTERNET_JSON}) after {@link #ensure()}. */
    public Path file(String relative) {
        return ensure().resolve(relative);
    }

    private void fetch() {
        Path staging = null;
        try {
            Files.createDirectories(cacheDir);
            staging = Files.createTempDirectory(cacheDir, ".human-" + VERSION + "-");
            Path tarball = npmPack(staging);
            verify(tarball, integrity);
            Path unpacked = staging.resolve("unpacked");
            Set<String> wanted = new HashSet<>();
            EXTRACTED.forEach(f -> wanted.add("package/" + f));
            Set<String> found = TarGz.extract(tarball, wanted, unpacked);
            if (!found.containsAll(REQUIRED.stream().map(f -> "package/" + f).toList())) {
                throw new InstanceCapException(PACKAGE + " " + VERSION + " lacks " + REQUIRED + "; cannot install its models");
            }
            publish(unpacked.resolve("package"));
        } catch (IOException e) {
            throw new InstanceCapException("cannot write the model cache " + cacheDir + ": " + e.getMessage(), e);
        } finally {
            if (staging != null) {
                FileTrees.deleteQuietly(staging);
            }
        }
    }

    private Path npmPack(Path workDir) throws IOException {
        String spec = PACKAGE + "@" + VERSION;
        Path log = workDir.resolve("npm.log");
        Process process;
        try {
            process = new ProcessBuilder(npm, "pack", spec, "--silent")
                    .directory(workDir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
        } catch (IOException e) {
            throw new InstanceCapException("the models of " + spec + " are not in " + dir() + " and npm was not found to fetch"
                    + " them: install Node.js (it brings npm), or copy " + String.join(" and ", REQUIRED)
                    + " from that package into " + dir(), e);
        }
        try {
            if (!process.waitFor(NPM_TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new InstanceCapException("npm pack " + spec + " took over " + NPM_TIMEOUT_MINUTES + " minutes; check the"
                        + " network, or copy " + String.join(" and ", REQUIRED) + " from that package into " + dir());
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new InstanceCapException("interrupted while fetching " + spec, e);
        }
        if (process.exitValue() != 0) {
            throw new InstanceCapException("npm pack " + spec + " failed (exit " + process.exitValue() + lastLine(log)
                    + "); check the network and npm's registry setting, or copy " + String.join(" and ", REQUIRED)
                    + " from that package into " + dir());
        }
        try (Stream<Path> files = Files.list(workDir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".tgz")).findFirst()
                    .orElseThrow(() -> new InstanceCapException("npm pack " + spec + " wrote no tarball" + lastLine(log)));
        }
    }

    private static String lastLine(Path log) {
        try {
            List<String> lines = new ArrayList<>(Files.readAllLines(log));
            lines.removeIf(String::isBlank);
            return lines.isEmpty() ? "" : ": " + lines.get(lines.size() - 1).strip();
        } catch (IOException | UncheckedIOException e) {
            return "";
        }
    }

    /** Checks {@code file} against an npm integrity string ({@code sha512-<base64>}). */
    static void verify(Path file, String integrity) throws IOException {
        int dash = integrity.indexOf('-');
        String algorithm = integrity.substring(0, dash).toUpperCase(Locale.ROOT).replace("SHA", "SHA-");
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalArgumentException("unsupported integrity algorithm in " + integrity, e);
        }
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[1 << 16];
            int n;
            while ((n = in.read(buffer)) > 0) {
                digest.update(buffer, 0, n);
            }
        }
        String actual = integrity.substring(0, dash + 1) + Base64.getEncoder().encodeToString(digest.digest());
        if (!actual.equals(integrity)) {
            throw new InstanceCapException(file.getFileName() + " does not match the published checksum of " + PACKAGE + " "
                    + VERSION + " (expected " + integrity + ", got " + actual + "); not used");
        }
    }

    /** Renames the complete folder into place; a concurrent process that got there first wins. */
    private void publish(Path complete) throws IOException {
        try {
            Files.move(complete, dir(), StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException | DirectoryNotEmptyException e) {
            if (!present()) {
                throw new IOException(dir() + " exists but lacks " + REQUIRED + "; remove it and retry", e);
            }
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException("cannot rename into " + dir() + " atomically", e);
        }
    }
}
