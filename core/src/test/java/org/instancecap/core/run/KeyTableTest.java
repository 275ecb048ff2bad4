package org.instancecap.core.run;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class KeyTableTest {

    @Test
    void keeps_the_flags_of_each_key_through_growth() {
        KeyTable table = new KeyTable();
        for (int i = 0; i < 200_000; i++) {
            table.update("/data/clip-" + i + ".mp4", i % 3 == 0 ? KeyTable.FAILED : KeyTable.DONE, (byte) 0);
        }
        assertThat(table.size()).isEqualTo(200_000);
        for (int i = 0; i < 200_000; i += 997) {
            assertThat(table.flags("/data/clip-" + i + ".mp4")).isEqualTo(i % 3 == 0 ? KeyTable.FAILED : KeyTable.DONE);
        }
        assertThat(table.flags("/data/clip-200000.mp4")).isZero();
    }

    @Test
    void a_later_entry_replaces_failed_by_done_and_update_says_what_was_there() {
        KeyTable table = new KeyTable();
        assertThat(table.update("a", KeyTable.FAILED, KeyTable.DONE)).isZero();
        assertThat(table.update("a", KeyTable.DONE, KeyTable.FAILED)).isEqualTo(KeyTable.FAILED);
        assertThat(table.update("a", KeyTable.QUEUED, (byte) 0)).isEqualTo(KeyTable.DONE);
        assertThat(table.flags("a")).isEqualTo((byte) (KeyTable.DONE | KeyTable.QUEUED));
        assertThat(table.size()).isEqualTo(1);
    }

    @Test
    void similar_keys_get_different_hashes() {
        assertThat(KeyTable.hash("/data/a.mp4")).isNotEqualTo(KeyTable.hash("/data/b.mp4"));
        assertThat(KeyTable.hash("")).isNotZero();
    }
}
