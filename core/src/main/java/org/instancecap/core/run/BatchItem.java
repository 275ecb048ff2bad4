package org.instancecap.core.run;

/**
 * One input of a batch run.
 *
 * @param id    what the user named it by (a path as written, a manifest's id, a prompt's name); the
 *              id in its records and error lines
 * @param key   its identity for resuming (a local file's real path): two items with one key are done
 *              once, and a rerun skips a key that is done
 * @param input what the run's work reads
 */
public record BatchItem<I>(String id, String key, I input) {
    public BatchItem {
        if (id == null || key == null) {
            throw new IllegalArgumentException("an item needs an id and a key, got " + id + " and " + key);
        }
    }
}
