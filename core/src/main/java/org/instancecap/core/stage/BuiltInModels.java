package org.instancecap.core.stage;

import java.nio.file.Path;

/** Model files a provider fetches into a local cache on first use. */
public interface BuiltInModels {

    /** Whether the files are in the cache already. */
    boolean present();

    /**
     * The folder holding the files, fetching what is missing first.
     *
     * @throws org.instancecap.core.InstanceCapException in one line saying how to get the files when they cannot be fetched
     */
    Path ensure();
}
