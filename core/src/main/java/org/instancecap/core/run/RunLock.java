package org.instancecap.core.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.instancecap.core.InstanceCapException;

/**
 * Keeps two runs from writing into the same output: an operating-system lock on
 * {@code <output>.lock} beside the output's real file (a symbolic link to the same file gets the
 * same lock), released when the run ends or its process dies.
 */
public final class RunLock implements AutoCloseable {
    private final Path file;
    private final FileChannel channel;
    private final FileLock lock;

    private RunLock(Path file, FileChannel channel, FileLock lock) {
        this.file = file;
        this.channel = channel;
        this.lock = lock;
    }

    /** Locks {@code output}, creating its folder if needed; throws saying who holds it. */
    public static RunLock acquire(Path output) {
        Path real = realFile(output);
        Path file = real.resolveSibling(real.getFileName() + ".lock");
        try {
            FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null;
            }
            if (lock == null) {
                channel.close();
                throw new InstanceCapException("another run is writing to " + output + "; wait for it to end ("
                        + file + " is locked)");
            }
            return new RunLock(file, channel, lock);
        } catch (IOException e) {
            throw new RunFailureException("cannot lock " + file + ": " + RunFailureException.reason(e), e);
        }
    }

    /**
     * The file {@code path} names once its links are followed; for a file not there yet, that file
     * in its folder's real path (the folder is created).
     */
    public static Path realFile(Path path) {
        Path absolute = path.toAbsolutePath().normalize();
        try {
            if (Files.exists(absolute)) {
                return absolute.toRealPath();
            }
            Path folder = absolute.getParent();
            if (Files.isSymbolicLink(absolute)) {
                // a dangling link: its target is the file to be written
                Path target = Files.readSymbolicLink(absolute);
                return realFile(folder.resolve(target));
            }
            if (!Files.isDirectory(folder)) {
                if (Files.exists(folder)) {
                    throw new InstanceCapException("the output folder " + folder + " is a file");
                }
                Files.createDirectories(folder);
            }
            return folder.toRealPath().resolve(absolute.getFileName());
        } catch (IOException e) {
            throw new RunFailureException("cannot create the output folder " + absolute.getParent() + ": "
                    + RunFailureException.reason(e), e);
        }
    }

    @Override
    public void close() {
        try {
            Files.deleteIfExists(file);
            lock.release();
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot release the run lock", e);
        }
    }
}
