package org.instancecap.formats;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import org.apache.parquet.conf.ParquetConfiguration;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.io.OutputFile;
import org.instancecap.core.io.FileTrees;

/** A Parquet file of at most {@code rows} records, Snappy-compressed, written with no Hadoop jar. */
final class ParquetPart implements DatasetPart {
    /**
     * Rows are buffered until a row group holds about this much, then written: small enough that a
     * streaming reader (and this writer) holds little, large enough for good compression.
     */
    static final long ROW_GROUP_BYTES = 8L << 20;

    private final Path file;
    private final Path tmp;
    private final int rows;
    private final ParquetWriter<DatasetRecord> writer;
    private int samples;

    ParquetPart(Path file, int rows, Map<String, String> metadata) throws IOException {
        this.file = file;
        this.rows = rows;
        this.tmp = FileTrees.temporaryBeside(file);
        try {
            this.writer = new Builder(new LocalOutputFile(tmp), metadata)
                    .withConf(new PlainParquetConfiguration())
                    .withCodecFactory(new SnappyCodecs())
                    .withCompressionCodec(CompressionCodecName.SNAPPY)
                    .withWriteMode(ParquetFileWriter.Mode.OVERWRITE)
                    .withRowGroupSize(ROW_GROUP_BYTES)
                    .build();
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(tmp);
            throw e;
        }
    }

    @Override
    public boolean accepts(Sample sample) {
        return samples < rows;
    }

    @Override
    public void add(Sample sample) throws IOException {
        writer.write(sample.row());
        samples++;
    }

    @Override
    public int samples() {
        return samples;
    }

    @Override
    public long commit() throws IOException {
        writer.close();
        try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
            channel.force(true);
        }
        FileTrees.replace(tmp, file);
        return Files.size(file);
    }

    @Override
    public void abort() {
        try {
            writer.close();
        } catch (IOException | RuntimeException e) {
            // the file is dropped anyway
        }
        try {
            Files.deleteIfExists(tmp);
        } catch (IOException e) {
            // a hidden temporary file left behind is removed by the next export into this folder
        }
    }

    private static final class Builder extends ParquetWriter.Builder<DatasetRecord, Builder> {
        private final Map<String, String> metadata;

        Builder(OutputFile file, Map<String, String> metadata) {
            super(file);
            this.metadata = metadata;
        }

        @Override
        protected Builder self() {
            return this;
        }

        @Override
        protected WriteSupport<DatasetRecord> getWriteSupport(ParquetConfiguration configuration) {
            return new ParquetSchema(metadata);
        }

        @Override
        protected WriteSupport<DatasetRecord> getWriteSupport(org.apache.hadoop.conf.Configuration configuration) {
            return new ParquetSchema(metadata);
        }
    }
}
