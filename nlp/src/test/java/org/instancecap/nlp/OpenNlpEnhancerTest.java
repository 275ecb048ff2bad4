package org.instancecap.nlp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.instancecap.core.amc.PositionPhrase;
import org.instancecap.core.caption.StructuredCaption;
import org.instancecap.core.enhance.EnhancedPrompt;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Prompts written for this test, not taken from Inseval (which the word lists were checked against). */
class OpenNlpEnhancerTest {

    private static OpenNlpEnhancer enhancer;

    @BeforeAll
    static void load() {
        enhancer = new OpenNlpEnhancer(3);
    }

    @Test
    void finds_subjects_objects_and_described_things_but_not_places_parts_or_ideas() {
        assertThat(enhancer.instances("a dog runs after a red ball in a park")).containsExactly("dog", "ball");
        assertThat(enhancer.instances("Two kids fly a yellow kite on the beach at sunset.")).containsExactly("kid", "kite");
        assertThat(enhancer.instances("An old fisherman with a grey beard repairs his net beside a wooden boat."))
                .containsExactly("fisherman", "boat");
        assertThat(enhancer.instances("A teddy bear sits on the shelf.")).containsExactly("teddy bear");
        assertThat(enhancer.instances("A girl holds a cup of tea. Her long hair falls over her shoulders."))
                .containsExactly("girl", "cup of tea");
    }

    @Test
    void plural_subjects_keep_their_verbs_and_owned_animals_are_instances() {
        assertThat(enhancer.instances("two children ride bicycles along a beach at sunset")).containsExactly("children", "bicycle");
        assertThat(enhancer.instances("three dogs chase a ball in the snow")).containsExactly("dog", "ball");
        assertThat(enhancer.instances("two cats sleep on a sofa")).containsExactly("cat", "sofa");
        assertThat(enhancer.instances("a woman and her dog walk along the river")).containsExactly("woman", "dog");
        assertThat(enhancer.instances("A man brushes his hair.")).containsExactly("man");
    }

    @Test
    void fills_the_record_from_the_prompt() {
        EnhancedPrompt p = enhancer.enhance("A small brown rabbit hops from the left to the right across a snowy field.", "r.mp4");
        StructuredCaption c = p.caption();
        assertThat(c.video()).isEqualTo("r.mp4");
        StructuredCaption.InstanceCaption rabbit = c.instances().get(0);
        assertThat(rabbit.label()).isEqualTo("rabbit");
        assertThat(rabbit.appearance()).isEqualTo("The rabbit is small brown.");
        assertThat(rabbit.actions()).isEqualTo("The rabbit hops from the left to the right across a snowy field.");
        assertThat(PositionPhrase.parse(rabbit.position())).isPresent();
        assertThat(rabbit.position()).isEqualTo("rabbit moves from center-left to center-right.");
        assertThat(c.camera()).isEqualTo("The camera stays still in a medium shot.");
        assertThat(p.story()).startsWith(c.globalDescription()).contains(rabbit.appearance());
    }

    @Test
    void camera_words_and_spatial_words_are_read() {
        EnhancedPrompt p = enhancer.enhance("Aerial drone shot: a red car drives along the bottom of the frame as the camera pans left.", "c.mp4");
        assertThat(p.caption().camera()).isEqualTo("The camera pans slowly to the left in a overhead aerial shot.".replace("a overhead", "an overhead"));
    }

    @Test
    void a_prompt_without_things_is_refused() {
        assertThatThrownBy(() -> enhancer.enhance("Quietly, slowly.", "x.mp4")).hasMessageContaining("no person, animal or thing");
    }
}
