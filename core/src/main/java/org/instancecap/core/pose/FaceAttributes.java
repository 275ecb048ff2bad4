package org.instancecap.core.pose;

import java.util.List;
import java.util.Optional;

/** Apparent attributes of one person's face, each present only when measured above its floor. */
public record FaceAttributes(AgeRange age, String gender, double genderScore, String expression, double expressionScore, int faces) {

    public static final FaceAttributes NONE = new FaceAttributes(null, null, 0, null, 0, 0);

    /** An apparent age range in years. */
    public record AgeRange(int low, int high) {
    }

    public Optional<AgeRange> apparentAge() {
        return Optional.ofNullable(age);
    }

    public Optional<String> apparentGender() {
        return Optional.ofNullable(gender);
    }

    public Optional<String> apparentExpression() {
        return Optional.ofNullable(expression);
    }

    /** Several frames' findings combined (placeholder until the face models land: the first with a face). */
    public static FaceAttributes combine(List<FaceAttributes> frames) {
        return frames.stream().filter(f -> f.faces() > 0).findFirst().orElse(NONE);
    }
}
