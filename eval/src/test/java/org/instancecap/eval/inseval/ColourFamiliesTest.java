package org.instancecap.eval.inseval;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ColourFamiliesTest {

    @Test
    void a_phrase_asks_for_its_last_colour_word() {
        assertThat(ColourFamilies.ofPhrase("sapphire blue")).containsExactly(Set.of("blue"));
        assertThat(ColourFamilies.ofPhrase("rose gold")).containsExactly(Set.of("yellow", "orange"));
        assertThat(ColourFamilies.ofPhrase("cream-colored")).containsExactly(Set.of("white", "yellow"));
        assertThat(ColourFamilies.ofPhrase("white and blue")).containsExactly(Set.of("white"), Set.of("blue"));
        assertThat(ColourFamilies.ofPhrase("rainbow")).isEmpty();
        assertThat(ColourFamilies.ofName("navy")).containsExactly("blue");
    }

    @Test
    void every_colour_of_the_released_prompts_but_rainbow_is_known() throws Exception {
        List<String> phrases = List.of("black", "bright orange", "bright purple", "bronze", "burgundy", "charcoal black", "cherry red",
                "cream-colored", "cyan blue", "dark gray", "dark wood", "fluorescent pink", "gold", "golden", "lavender", "maroon",
                "metallic silver", "mint green", "plum", "tan", "teal", "turquoise", "violet", "white and blue");
        for (String phrase : phrases) {
            assertThat(ColourFamilies.ofPhrase(phrase)).as(phrase).isNotEmpty();
        }
    }

    @Test
    void nouns_map_to_coco_classes_and_animals_coco_lacks_to_none() {
        assertThat(CocoSynonyms.of("puppy")).containsExactly("dog");
        assertThat(CocoSynonyms.of("young man")).containsExactly("person");
        assertThat(CocoSynonyms.of("mug")).containsExactly("cup");
        assertThat(CocoSynonyms.of("sofa")).containsExactly("couch");
        assertThat(CocoSynonyms.of("mouse")).isEmpty();
        assertThat(CocoSynonyms.of("keychain")).isEmpty();
        assertThat(CocoSynonyms.of("flowers")).isEmpty();
        assertThat(CocoSynonyms.of("cups")).containsExactly("cup");
    }
}
