package org.instancecap.core.run;

/** The failure of one item, and the stage it failed in ({@code decode}, {@code amc}, {@code caption}...). */
public final class StageFailure extends RuntimeException {
    private final String stage;

    public StageFailure(String stage, Throwable cause) {
        super(cause.getMessage(), cause, false, false);
        this.stage = stage;
    }

    public String stage() {
        return stage;
    }

    /** {@code e} as a failure in {@code stage}, unless it already names its own stage. */
    public static StageFailure in(String stage, Throwable e) {
        return e instanceof StageFailure f ? f : new StageFailure(stage, e);
    }
}
