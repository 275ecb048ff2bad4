package org.instancecap.eval.inseval;

/** What a judge made of an instance or a video. */
public enum Verdict {
    PASS("pass"), FAIL("fail"), NOT_JUDGED("not judged");

    private final String id;

    Verdict(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    public static Verdict of(String id) {
        for (Verdict v : values()) {
            if (v.id.equals(id)) {
                return v;
            }
        }
        throw new IllegalArgumentException("unknown verdict '" + id + "'");
    }

    /** A video's verdict from its instances': one failing fails it, else one not judged leaves it not judged. */
    static Verdict all(Iterable<Verdict> verdicts) {
        Verdict result = PASS;
        for (Verdict v : verdicts) {
            if (v == FAIL) {
                return FAIL;
            }
            if (v == NOT_JUDGED) {
                result = NOT_JUDGED;
            }
        }
        return result;
    }
}
