package org.instancecap.core.video;

import org.instancecap.core.InstanceCapException;

/**
 * A video that cannot be read: missing, empty, not a video, no video stream, undecodable. Retrying
 * the same file will not help; a batch records it and goes on.
 */
public class VideoReadException extends InstanceCapException {
    private final String file;
    private final String reason;

    public VideoReadException(String file, String reason) {
        this(file, reason, null);
    }

    public VideoReadException(String file, String reason, Throwable cause) {
        super(reason + " (" + file + ")", cause);
        this.file = file;
        this.reason = reason;
    }

    public String file() {
        return file;
    }

    public String reason() {
        return reason;
    }
}
