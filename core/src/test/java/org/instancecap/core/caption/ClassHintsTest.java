package org.instancecap.core.caption;

import static org.assertj.core.api.Assertions.assertThat;

import org.instancecap.core.detect.CocoClasses;
import org.junit.jupiter.api.Test;

class ClassHintsTest {

    @Test
    void every_coco_class_has_its_own_checklist() {
        assertThat(CocoClasses.NAMES).allSatisfy(name -> assertThat(ClassHints.knows(name)).as(name).isTrue());
        assertThat(CocoClasses.NAMES).allSatisfy(name -> assertThat(ClassHints.forClass(name)).isNotEqualTo(ClassHints.GENERAL));
    }

    @Test
    void other_classes_get_the_general_checklist() {
        assertThat(ClassHints.forClass("deer")).isEqualTo(ClassHints.GENERAL);
        assertThat(ClassHints.forClass("Car")).contains("licence plate");
    }
}
