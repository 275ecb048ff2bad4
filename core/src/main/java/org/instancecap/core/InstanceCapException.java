package org.instancecap.core;

/** Root of the project's unchecked exceptions; the CLI turns each into one line for the user. */
public class InstanceCapException extends RuntimeException {
    public InstanceCapException(String message) {
        super(message);
    }

    public InstanceCapException(String message, Throwable cause) {
        super(message, cause);
    }
}
