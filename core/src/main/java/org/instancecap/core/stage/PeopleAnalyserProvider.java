package org.instancecap.core.stage;

import org.instancecap.core.pose.PeopleAnalyser;

/** The people analysis ({@code movenet}, {@code none}), found by name. */
public interface PeopleAnalyserProvider extends StageProvider {

    /** The {@code none} analysis: nobody is looked at more closely. */
    String NONE = "none";

    /** An analyser for the whole run, thread-safe; its models load when the first person is found. */
    PeopleAnalyser create();

    /** The {@code none} provider, built in. */
    final class None implements PeopleAnalyserProvider {
        @Override
        public String name() {
            return NONE;
        }

        @Override
        public PeopleAnalyser create() {
            return PeopleAnalyser.NONE;
        }
    }
}
