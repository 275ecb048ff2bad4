package org.instancecap.core.pose;

import java.util.List;
import org.instancecap.core.amc.VideoAnalysis;

/**
 * Measures the person instances of an analysed clip: poses, clothing colours, actions, face. Shared
 * by every thread of a run (implementations are thread-safe); the owner closes it.
 */
public interface PeopleAnalyser extends AutoCloseable {

    /** The COCO class of the instances it looks at. */
    String PERSON = "person";

    /** Measures nothing and asks for no extra frames. */
    PeopleAnalyser NONE = new PeopleAnalyser() {
        @Override
        public List<PersonFacts> analyse(VideoAnalysis analysis) {
            return List.of();
        }

        @Override
        public List<String> analyses() {
            return List.of();
        }
    };

    /** The facts of each person instance of {@code analysis}, in instance order. */
    List<PersonFacts> analyse(VideoAnalysis analysis);

    /**
     * How many frames between two sampled ones it wants from the same decode (the actions need a finer
     * time step than the 8 sampled frames); 0 by default.
     */
    default int framesBetween() {
        return 0;
    }

    /** What it measures, for the record's provenance ({@code pose}, {@code actions}, {@code face}...). */
    List<String> analyses();

    @Override
    default void close() {
    }
}
