package org.instancecap.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.instancecap.core.run.StageFailure;

/**
 * A video as a local file for its analysis: a local path or {@code file:} URI as it is, a file on
 * another file system ({@code hdfs:}…) copied to local temporary space and removed on close.
 */
final class StagedFile implements AutoCloseable {
    /** Hadoop's settings, read from the class path once per JVM rather than once per video. */
    private static final Configuration HADOOP = new Configuration();

    private final Path path;
    private final boolean copy;

    private StagedFile(Path path, boolean copy) {
        this.path = path;
        this.copy = copy;
    }

    /** The local file of {@code path}; a copy that fails is the video's failure in stage {@code staging}. */
    static StagedFile of(String path) {
        URI uri = uriOf(path);
        if (uri == null || uri.getScheme() == null) {
            return new StagedFile(Path.of(path), false);
        }
        if (uri.getScheme().equals("file")) {
            return new StagedFile(Path.of(uri), false);
        }
        Path local = null;
        try {
            local = Files.createTempFile("instancecap-", "-" + Path.of(uri.getPath()).getFileName());
            org.apache.hadoop.fs.Path remote = new org.apache.hadoop.fs.Path(uri);
            FileSystem fs = remote.getFileSystem(HADOOP);
            fs.copyToLocalFile(false, remote, new org.apache.hadoop.fs.Path(local.toUri()), true);
            return new StagedFile(local, true);
        } catch (IOException | RuntimeException e) {
            delete(local);
            throw new StageFailure("staging", new IOException("cannot copy " + path + " to local disk: " + e.getMessage(), e));
        }
    }

    Path path() {
        return path;
    }

    /** Whether {@link #path()} is a local copy of another file system's file. */
    boolean copied() {
        return copy;
    }

    @Override
    public void close() {
        if (copy) {
            delete(path);
        }
    }

    private static void delete(Path local) {
        if (local != null) {
            try {
                Files.deleteIfExists(local);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot remove the staged copy " + local, e);
            }
        }
    }

    /** The path as a URI when it names a scheme ({@code hdfs://…}, {@code file:/…}), else null. */
    private static URI uriOf(String path) {
        if (!path.matches("^[A-Za-z][A-Za-z0-9+.-]*:.*")) {
            return null;
        }
        try {
            return URI.create(path);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
