package org.instancecap.eval.fidelity;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The repairs ftfy makes to well-formed text before CLIP tokenizes (outputs as ftfy 6.3 gives them). */
class TextRepairTest {

    @Test
    void quotes_are_straightened_and_ligatures_spelled_out() {
        assertThat(TextRepair.repair("child\u2019s \u201chi\u201d \u2018x\u2019 \u201ay\u201b \u201ez\u201f \u02bc"))
                .isEqualTo("child's \"hi\" 'x' 'y' \"z\" '");
        assertThat(TextRepair.repair("\ufb01ne \ufb02ow \ufb00 \ufb03 \ufb04 \ufb05 \ufb06 \u0132 \u0133"))
                .isEqualTo("fine flow ff ffi ffl \u017ft st IJ ij");
        assertThat(TextRepair.repair("\u0149")).isEqualTo("'n"); // ʼn, then its apostrophe straightened
    }

    @Test
    void widths_controls_line_breaks_and_composition() {
        assertThat(TextRepair.repair("\uff21\uff22\uff23\uff11\uff12\uff13\uff01\u3000x \uff76\uff80\uff76\uff85"))
                .isEqualTo("ABC123! x \u30ab\u30bf\u30ab\u30ca");
        assertThat(TextRepair.repair("a\u0000b\u0007c\u007fd\ufeff")).isEqualTo("abcd");
        assertThat(TextRepair.repair("a\u0085b")).isEqualTo("a\u2026b"); // a C1 control read as Windows-1252
        assertThat(TextRepair.repair("a\r\nb\rc\u2028d")).isEqualTo("a\nb\nc\nd");
        assertThat(TextRepair.repair("e\u0301")).isEqualTo("\u00e9");
        assertThat(TextRepair.repair("tab\tand\u000cform feed stay")).isEqualTo("tab\tand\u000cform feed stay");
    }
}
