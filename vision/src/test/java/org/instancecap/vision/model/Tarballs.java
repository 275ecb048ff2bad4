package org.instancecap.vision.model;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/** Writes small gzip-compressed ustar archives for the tests. */
final class Tarballs {

    private final ByteArrayOutputStream tar = new ByteArrayOutputStream();

    /** A regular file; a name over 100 bytes goes into the ustar prefix field. */
    Tarballs file(String name, String content) {
        byte[] data = content.getBytes(StandardCharsets.UTF_8);
        String prefix = "";
        String rest = name;
        if (name.length() > 100) {
            int slash = name.lastIndexOf('/', 155);
            prefix = name.substring(0, slash);
            rest = name.substring(slash + 1);
        }
        header(rest, prefix, data.length, '0');
        body(data);
        return this;
    }

    Tarballs directory(String name) {
        header(name, "", 0, '5');
        return this;
    }

    /** A file whose name comes from a pax extended header; the ustar header holds a stand-in. */
    Tarballs paxFile(String name, String content) {
        byte[] pax = paxRecord(name);
        header("PaxHeader/stand-in", "", pax.length, 'x');
        body(pax);
        byte[] data = content.getBytes(StandardCharsets.UTF_8);
        header("stand-in", "", data.length, '0');
        body(data);
        return this;
    }

    /** A file whose name comes from a GNU long-name entry. */
    Tarballs gnuLongNameFile(String name, String content) {
        byte[] longName = (name + "\0").getBytes(StandardCharsets.UTF_8);
        header("././@LongLink", "", longName.length, 'L');
        body(longName);
        byte[] data = content.getBytes(StandardCharsets.UTF_8);
        header(name.substring(0, 99), "", data.length, '0');
        body(data);
        return this;
    }

    void writeTo(Path file) throws IOException {
        tar.write(new byte[1024]);
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            out.write(tar.toByteArray());
        }
    }

    private static byte[] paxRecord(String path) {
        String body = " path=" + path + "\n";
        int length = body.length();
        while (true) {
            int total = String.valueOf(length).length() + body.length();
            if (total == length) {
                return (length + body).getBytes(StandardCharsets.UTF_8);
            }
            length = total;
        }
    }

    private void header(String name, String prefix, long size, char type) {
        byte[] h = new byte[512];
        put(h, 0, name);
        put(h, 100, "0000644");
        put(h, 124, String.format("%011o", size));
        put(h, 136, String.format("%011o", 0));
        h[156] = (byte) type;
        put(h, 257, "ustar");
        put(h, 263, "00");
        put(h, 345, prefix);
        for (int i = 148; i < 156; i++) {
            h[i] = ' ';
        }
        int sum = 0;
        for (byte b : h) {
            sum += b & 0xff;
        }
        put(h, 148, String.format("%06o", sum));
        tar.writeBytes(h);
    }

    private void body(byte[] data) {
        tar.writeBytes(data);
        tar.writeBytes(new byte[(512 - data.length % 512) % 512]);
    }

    private static void put(byte[] header, int offset, String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        System.arraycopy(bytes, 0, header, offset, bytes.length);
    }
}
