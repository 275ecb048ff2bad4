package org.instancecap.core.caption;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.instancecap.core.amc.PositionPhrase;

/**
 * Checks that a caption does not contradict itself about motion: each instance's Actions and
 * Motion sentence against its Position phrase, and things that do not move by themselves under a
 * still camera. Reads the offline captioner's wording; any record can be checked, and a sentence it
 * does not recognise is no problem.
 */
public final class MotionConsistency {
    private MotionConsistency() {
    }

    /** What is wrong with {@code caption}, one line per problem; empty when nothing is. */
    public static List<String> problems(StructuredCaption caption) {
        List<String> problems = new ArrayList<>();
        boolean stillCamera = caption.camera() != null && caption.camera().startsWith("The camera stays still");
        for (StructuredCaption.InstanceCaption instance : caption.instances()) {
            String actions = instance.actions() == null ? "" : instance.actions();
            String name = caption.video() + ": " + instance.label();
            Optional<PositionPhrase> position = PositionPhrase.parse(instance.position() == null ? "" : instance.position());
            boolean stays = actions.contains(" stays in the same part of the frame") || actions.contains(" stays in place")
                    && !actions.contains(" shifting ");
            if (position.isPresent()) {
                PositionPhrase p = position.get();
                if (stays && p.moves()) {
                    problems.add(name + " stays, but its position moves from " + p.from() + " to " + p.to());
                }
                if (actions.contains(" across the frame") && !p.moves()) {
                    problems.add(name + " moves across the frame, but its position stays at " + p.from());
                }
                if (actions.contains(" within the ") && !(actions.contains(" within the " + p.from() + " of the frame") && !p.moves())) {
                    problems.add(name + " moves within one cell, but its position says " + p.text());
                }
            }
            if (stillCamera && TrackMotion.FIXED.contains(instance.label()) && actions.contains(" moves ")) {
                problems.add(name + " does not move by itself, and the camera is still, but it is said to move");
            }
        }
        return problems;
    }
}
