package org.instancecap.vision.model;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystemException;
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
import org.instancecap.core.stage.BuiltInModels;

/**
 * Model files of one npm package, fetched once with the {@code npm pack} client into a cache folder
 * outside the project, checked against the package's published integrity hash, and unpacked with only
 * the files we use.
 *
 * <p>The cache folder is {@code $INSTANCECAP_MODELS}, else {@code ~/.cache/instancecap/models}; the
 * files land in a folder named after the package and version ({@code human-3.3.6/},
 * {@code human-models-3.0.4/}) under their paths in the package ({@code models/centernet.json}...). That
 * folder appears whole or not at all (built aside, then renamed), so concurrent processes never read a
 * half-written model. Users without npm can put the files there by hand.
 */
public final class NpmModels implements BuiltInModels {

    /**
     * An npm package and what we take from it.
     *
     * @param name      the package's name ({@code @vladmandic/human})
     * @param version   its exact version
     * @param integrity the registry's {@code dist.integrity} of the version's tarball ({@code sha512-<base64>})
     * @param required  files that must be there, paths in the package; what a user must provide by hand
     * @param extracted every file unpacked, the required ones among them
     */
    public record Package(String name, String version, String integrity, List<String> required, List<String> extracted) {
        public Package {
            required = List.copyOf(required);
            extracted = List.copyOf(extracted);
            if (required.isEmpty() || !extracted.containsAll(required)) {
                throw new IllegalArgumentException("the required files " + required + " must be among the extracted " + extracted);
            }
        }

        /** The cache folder's name: the package's name without its scope, a dash, the version. */
        public String folder() {
            return name.substring(name.lastIndexOf('/') + 1) + "-" + version;
        }

        /** How npm names it ({@code @vladmandic/human@3.3.6}). */
        public String spec() {
            return name + "@" + version;
        }

        /** The same package with another expected integrity, for tests. */
        Package withIntegrity(String other) {
            return new Package(name, version, other, required, extracted);
        }
    }

    private static final long NPM_TIMEOUT_MINUTES = 10;

    private final Package pkg;
    private final Path cacheDir;
    private final String npm;

    /** The files of {@code pkg} in {@code cacheDir}, fetched with the {@code npm} on the path. */
    public NpmModels(Package pkg, Path cacheDir) {
        this(pkg, cacheDir, defaultNpm());
    }

    /** A store that runs {@code npm}, for tests. */
    NpmModels(Package pkg, Path cacheDir, String npm) {
        this.pkg = pkg;
        this.cacheDir = cacheDir.toAbsolutePath().normalize();
        this.npm = npm;
    }

    static String defaultNpm() {
        return System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows") ? "npm.cmd" : "npm";
    }

    /** {@code $INSTANCECAP_MODELS}, else {@code ~/.cache/instancecap/models}. */
    public static Path defaultCacheDir() {
        String env = System.getenv("INSTANCECAP_MODELS");
        if (env != null && !env.isBlank()) {
            return Path.of(env);
        }
        return Path.of(System.getProperty("user.home"), ".cache", "instancecap", "models");
    }

    public Package pkg() {
        return pkg;
    }

    /** The folder holding the package's files; it may not exist yet. */
    public Path dir() {
        return cacheDir.resolve(pkg.folder());
    }

    /** Whether the required files are in the cache. */
    @Override
    public boolean present() {
        return pkg.required().stream().allMatch(f -> Files.isRegularFile(dir().resolve(f)));
    }

    /**
     * The folder with the model files, fetching them first when they are missing.
     *
     * @throws InstanceCapException in one line saying how to get the files, when npm is missing or fails
     */
    @Override
    public Path ensure() {
        if (!present()) {
            fetch();
        }
        return dir();
    }

    /** {@code relative} (a path in the package, such as {@code models/centernet.json}) after {@link #ensure()}. */
    public Path file(String relative) {
        return ensure().resolve(relative);
    }

    private String byHand() {
        return "copy " + String.join(" and ", pkg.required()) + " from that package into " + dir();
    }

    private void fetch() {
        Path staging = null;
        try {
            Files.createDirectories(cacheDir);
            staging = Files.createTempDirectory(cacheDir, "." + pkg.folder() + "-");
            Path tarball = npmPack(staging);
            verify(tarball, pkg.integrity(), pkg.name() + " " + pkg.version());
            Path unpacked = staging.resolve("unpacked");
            Set<String> wanted = new HashSet<>();
            pkg.extracted().forEach(f -> wanted.add("package/" + f));
            Set<String> found = TarGz.extract(tarball, wanted, unpacked);
            if (!found.containsAll(pkg.required().stream().map(f -> "package/" + f).toList())) {
                throw new InstanceCapException(pkg.name() + " " + pkg.version() + " lacks " + pkg.required()
                        + "; cannot install its models");
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
        String spec = pkg.spec();
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
                    + " them: install Node.js (it brings npm), or " + byHand(), e);
        }
        try {
            if (!process.waitFor(NPM_TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new InstanceCapException("npm pack " + spec + " took over " + NPM_TIMEOUT_MINUTES + " minutes; check the"
                        + " network, or " + byHand());
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new InstanceCapException("interrupted while fetching " + spec, e);
        }
        if (process.exitValue() != 0) {
            throw new InstanceCapException("npm pack " + spec + " failed (exit " + process.exitValue() + lastLine(log)
                    + "); check the network and npm's registry setting, or " + byHand());
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

    /**
     * Checks {@code file} against an npm integrity string ({@code sha512-<base64>}).
     *
     * @param what the package and version, for the message
     */
    static void verify(Path file, String integrity, String what) throws IOException {
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
            throw new InstanceCapException(file.getFileName() + " does not match the published checksum of " + what
                    + " (expected " + integrity + ", got " + actual + "); not used");
        }
    }

    /**
     * Renames the complete folder into place; a concurrent process that got there first wins. When the
     * folder is there already, holding another model of the same package (NanoDet's files beside
     * MoveNet's), each file it lacks is renamed in, so a reader never sees a half-written file.
     */
    private void publish(Path complete) throws IOException {
        try {
            Files.move(complete, dir(), StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException("cannot rename into " + dir() + " atomically", e);
        } catch (FileSystemException e) {
            // Linux reports a non-empty target as a plain FileSystemException ("Directory not empty")
            if (!Files.isDirectory(dir())) {
                throw e;
            }
            addMissing(complete);
            if (!present()) {
                throw new IOException(dir() + " exists but lacks " + pkg.required() + "; remove it and retry", e);
            }
        }
    }

    private void addMissing(Path complete) throws IOException {
        for (String file : pkg.extracted()) {
            Path source = complete.resolve(file);
            Path target = dir().resolve(file);
            if (Files.isRegularFile(source) && !Files.exists(target)) {
                Files.createDirectories(target.getParent());
                try {
                    Files.move(source, target, StandardCopyOption.ATOMIC_MOVE);
                } catch (AtomicMoveNotSupportedException e) {
                    throw new IOException("cannot rename into " + dir() + " atomically", e);
                }
            }
        }
    }
}
