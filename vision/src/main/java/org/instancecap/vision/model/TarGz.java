package org.instancecap.vision.model;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.zip.GZIPInputStream;

/** Extracts chosen regular files from a gzip-compressed tar archive (ustar, with pax and GNU long names). */
final class TarGz {

    private static final int BLOCK = 512;

    private TarGz() {
    }

    /**
     * Writes each archive entry named in {@code wanted} to {@code target.resolve(name)}.
     *
     * @return the names of {@code wanted} that were found
     */
    static Set<String> extract(Path archive, Set<String> wanted, Path target) throws IOException {
        Set<String> found = new HashSet<>();
        try (InputStream in = new GZIPInputStream(Files.newInputStream(archive), 1 << 16)) {
            byte[] header = new byte[BLOCK];
            String longName = null;
            while (readBlock(in, header)) {
                if (isZero(header)) {
                    break;
                }
                String name = longName != null ? longName : name(header);
                longName = null;
                long size = octal(header, 124, 12);
                char type = (char) header[156];
                if (type == 'L') {
                    longName = trimNul(new String(in.readNBytes(Math.toIntExact(size)), StandardCharsets.UTF_8));
                    skip(in, padding(size));
                } else if (type == 'x') {
                    longName = paxPath(new String(in.readNBytes(Math.toIntExact(size)), StandardCharsets.UTF_8));
                    skip(in, padding(size));
                } else if ((type == '0' || type == '\0') && wanted.contains(name)) {
                    Path out = target.resolve(name).normalize();
                    if (!out.startsWith(target)) {
                        throw new IOException("archive entry escapes the target folder: " + name);
                    }
                    Files.createDirectories(out.getParent());
                    try (OutputStream os = Files.newOutputStream(out)) {
                        copy(in, os, size);
                    }
                    skip(in, padding(size));
                    found.add(name);
                } else {
                    skip(in, size + padding(size));
                }
            }
        }
        return found;
    }

    static String name(byte[] header) {
        String name = field(header, 0, 100);
        String magic = field(header, 257, 6);
        String prefix = magic.startsWith("ustar") ? field(header, 345, 155) : "";
        return prefix.isEmpty() ? name : prefix + "/" + name;
    }

    static long octal(byte[] header, int offset, int length) throws IOException {
        String s = field(header, offset, length).trim();
        if (s.isEmpty()) {
            return 0;
        }
        try {
            return Long.parseLong(s, 8);
        } catch (NumberFormatException e) {
            throw new IOException("bad tar header number '" + s + "'", e);
        }
    }

    /** The {@code path} record of a pax extended header, or null. */
    static String paxPath(String records) {
        for (String line : records.split("\n")) {
            int space = line.indexOf(' ');
            if (space > 0 && line.startsWith("path=", space + 1)) {
                return line.substring(space + 1 + "path=".length());
            }
        }
        return null;
    }

    private static String field(byte[] header, int offset, int length) {
        int end = offset;
        while (end < offset + length && header[end] != 0) {
            end++;
        }
        return new String(header, offset, end - offset, StandardCharsets.UTF_8);
    }

    private static String trimNul(String s) {
        int nul = s.indexOf('\0');
        return nul < 0 ? s : s.substring(0, nul);
    }

    private static long padding(long size) {
        return (BLOCK - size % BLOCK) % BLOCK;
    }

    private static boolean readBlock(InputStream in, byte[] block) throws IOException {
        int n = in.readNBytes(block, 0, BLOCK);
        if (n == 0) {
            return false;
        }
        if (n < BLOCK) {
            throw new IOException("truncated tar archive");
        }
        return true;
    }

    private static boolean isZero(byte[] block) {
        for (byte b : block) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }

    private static void copy(InputStream in, OutputStream out, long size) throws IOException {
        byte[] buffer = new byte[1 << 16];
        long left = size;
        while (left > 0) {
            int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
            if (n < 0) {
                throw new IOException("truncated tar archive");
            }
            out.write(buffer, 0, n);
            left -= n;
        }
    }

    private static void skip(InputStream in, long count) throws IOException {
        long left = count;
        while (left > 0) {
            long n = in.skip(left);
            if (n <= 0) {
                if (in.read() < 0) {
                    throw new IOException("truncated tar archive");
                }
                n = 1;
            }
            left -= n;
        }
    }
}
