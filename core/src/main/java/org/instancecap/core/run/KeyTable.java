package org.instancecap.core.run;

import java.nio.charset.StandardCharsets;

/**
 * What a run knows about each input, by a 64-bit hash of its key instead of the key itself: a run
 * over millions of clips holds 9 bytes a slot, not a path string each. Two keys share a hash with a
 * probability of about n²/2⁶⁵ (3·10⁻⁸ for a million keys). Not thread-safe.
 */
final class KeyTable {
    static final byte DONE = 1;
    static final byte FAILED = 2;
    /** Counted in this run's first pass over the inputs. */
    static final byte COUNTED = 4;
    /** Taken in this run's second pass (an input given twice is done once). */
    static final byte QUEUED = 8;

    private long[] hashes = new long[1024];
    private byte[] flags = new byte[1024];
    private int size;

    /** The flags of {@code key}, 0 when it has none. */
    byte flags(String key) {
        int slot = find(hash(key));
        return hashes[slot] == 0 ? 0 : flags[slot];
    }

    /** Sets {@code set} and clears {@code clear} on {@code key}'s flags; returns the flags it had. */
    byte update(String key, byte set, byte clear) {
        long hash = hash(key);
        int slot = find(hash);
        if (hashes[slot] == 0) {
            if ((size + 1) * 2L > hashes.length) {
                grow();
                slot = find(hash);
            }
            hashes[slot] = hash;
            size++;
        }
        byte before = flags[slot];
        flags[slot] = (byte) ((before | set) & ~clear);
        return before;
    }

    int size() {
        return size;
    }

    private int find(long hash) {
        int mask = hashes.length - 1;
        int slot = (int) (hash ^ (hash >>> 32)) & mask;
        while (hashes[slot] != 0 && hashes[slot] != hash) {
            slot = (slot + 1) & mask;
        }
        return slot;
    }

    private void grow() {
        long[] oldHashes = hashes;
        byte[] oldFlags = flags;
        hashes = new long[oldHashes.length * 2];
        flags = new byte[oldFlags.length * 2];
        for (int i = 0; i < oldHashes.length; i++) {
            if (oldHashes[i] != 0) {
                int slot = find(oldHashes[i]);
                hashes[slot] = oldHashes[i];
                flags[slot] = oldFlags[i];
            }
        }
    }

    /** FNV-1a over the UTF-8 bytes, then SplitMix64's finaliser to spread the bits; never 0. */
    static long hash(String key) {
        long h = 0xcbf29ce484222325L;
        for (byte b : key.getBytes(StandardCharsets.UTF_8)) {
            h ^= b & 0xff;
            h *= 0x100000001b3L;
        }
        h ^= h >>> 30;
        h *= 0xbf58476d1ce4e5b9L;
        h ^= h >>> 27;
        h *= 0x94d049bb133111ebL;
        h ^= h >>> 31;
        return h == 0 ? 1 : h;
    }
}
