package org.instancecap.formats;

import java.util.Locale;

/** The dataset formats an export writes. */
public enum ExportFormat {
    /** Parquet files {@code part-000000.parquet}…, one typed row per record. */
    PARQUET("part-%06d.parquet"),
    /** Tar shards {@code shard-000000.tar}…, each sample the video, its record and its paragraph under one key. */
    WEBDATASET("shard-%06d.tar");

    private final String fileNames;

    ExportFormat(String fileNames) {
        this.fileNames = fileNames;
    }

    /** The name of the {@code n}-th file, from 0. */
    public String fileName(int n) {
        return String.format(Locale.ROOT, fileNames, n);
    }

    /** Whether {@code name} is one of this format's file names. */
    public boolean isFileName(String name) {
        String prefix = fileNames.substring(0, fileNames.indexOf('%'));
        String suffix = fileNames.substring(fileNames.indexOf('d') + 1);
        return name.startsWith(prefix) && name.endsWith(suffix)
                && name.substring(prefix.length(), name.length() - suffix.length()).matches("\\d{6,}");
    }

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
