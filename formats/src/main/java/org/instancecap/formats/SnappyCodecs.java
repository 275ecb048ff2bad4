package org.instancecap.formats;

import java.io.IOException;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.compression.CompressionCodecFactory;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;

/**
 * Snappy page compression straight through snappy-java. Parquet's own codec factory goes through
 * Hadoop's codec classes and its {@code Configuration} (Hadoop jars, an XML parser); this one needs
 * neither, so the command line writes Parquet with no Hadoop jar. Writing only.
 */
final class SnappyCodecs implements CompressionCodecFactory {

    @Override
    public BytesInputCompressor getCompressor(CompressionCodecName codec) {
        if (codec != CompressionCodecName.SNAPPY && codec != CompressionCodecName.UNCOMPRESSED) {
            throw new IllegalArgumentException("only SNAPPY and UNCOMPRESSED are written, not " + codec);
        }
        return new BytesInputCompressor() {
            @Override
            public BytesInput compress(BytesInput bytes) throws IOException {
                return codec == CompressionCodecName.SNAPPY
                        ? BytesInput.from(org.xerial.snappy.Snappy.compress(bytes.toByteArray()))
                        : bytes;
            }

            @Override
            public CompressionCodecName getCodecName() {
                return codec;
            }

            @Override
            public void release() {
            }
        };
    }

    @Override
    public BytesInputDecompressor getDecompressor(CompressionCodecName codec) {
        throw new UnsupportedOperationException("writing only");
    }

    @Override
    public void release() {
    }
}
