package org.instancecap.vision.video;

import java.nio.ByteBuffer;
import org.bytedeco.javacv.Frame;
import org.instancecap.core.video.RgbImage;

/** Copies pictures out of JavaCV's reused buffers. */
final class FrameCopy {
    private FrameCopy() {
    }

    /** The RGB24 picture of {@code frame}, without the row padding. */
    static RgbImage rgb(Frame frame) {
        int w = frame.imageWidth;
        int h = frame.imageHeight;
        int stride = frame.imageStride;
        ByteBuffer buffer = ((ByteBuffer) frame.image[0]).duplicate();
        byte[] pixels = new byte[w * h * 3];
        for (int y = 0; y < h; y++) {
            buffer.position(y * stride);
            buffer.get(pixels, y * w * 3, w * 3);
        }
        return new RgbImage(w, h, pixels);
    }
}
