package org.instancecap.core.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.instancecap.core.caption.StructuredCaption;
import org.instancecap.core.json.Json;
import org.junit.jupiter.api.Test;

class RendererTest {

    private final Renderer renderer = new Renderer(new ApproximateT5TokenCounter());

    static StructuredCaption longRecord() {
        String detail = " Its surface shows many small scratches and faded patches of paint from years of use.";
        return new StructuredCaption("clip.mp4", "A woman walks a brown dog past a parked red car on a quiet street.",
                List.of(new StructuredCaption.InstanceCaption("person", "The woman wears a long beige coat and black boots." + detail.repeat(3),
                                "The woman walks steadily to the right, holding a leash." + detail.repeat(2),
                                "person moves from center-left to center-middle."),
                        new StructuredCaption.InstanceCaption("dog", "The dog is a brown terrier with a red collar." + detail.repeat(3),
                                "The dog trots beside the woman, sniffing the ground." + detail.repeat(2),
                                "dog moves from bottom-left to bottom-middle."),
                        new StructuredCaption.InstanceCaption("car", "The car is a glossy red hatchback." + detail.repeat(3),
                                "The car stays parked.", "car stays at center-right and out of frame in the end.")),
                "A quiet street of brick houses with bare trees, in grey overcast light." + detail.repeat(3),
                "The camera pans slowly to the right in a medium long shot." + detail);
    }

    @Test
    void keeps_each_instance_s_class_appearance_action_and_position_before_other_detail() {
        RenderedParagraph p = renderer.render(longRecord(), 150);
        assertThat(p.tokens()).isLessThanOrEqualTo(150).isEqualTo(new ApproximateT5TokenCounter().count(p.text()));
        assertThat(p.text()).contains("The woman wears a long beige coat and black boots.",
                "The woman walks steadily to the right, holding a leash.",
                "The person moves from the left side to the center of the frame.",
                "The dog is a brown terrier with a red collar.", "The dog trots beside the woman, sniffing the ground.",
                "The dog moves from the bottom left to the bottom of the frame.",
                "The car is a glossy red hatchback.", "The car stays parked.",
                "The car stays at the right side of the frame and leaves the frame at the end.");
        assertThat(p.text()).doesNotContain("scratches");
        assertThat(p.dropped()).isGreaterThan(0);
        assertThat(p.text().indexOf("woman wears")).as("paragraph order: instances in turn").isLessThan(p.text().indexOf("dog is a"));
    }

    @Test
    void fills_the_budget_with_global_background_and_camera_next_and_is_deterministic() {
        RenderedParagraph p = renderer.render(longRecord(), 226);
        assertThat(p.tokens()).isLessThanOrEqualTo(226).isGreaterThan(180);
        assertThat(p.text()).startsWith("A woman walks a brown dog past a parked red car on a quiet street.")
                .contains("A quiet street of brick houses").contains("The camera pans slowly to the right");
        assertThat(renderer.render(longRecord(), 226)).isEqualTo(p);
    }

    @Test
    void without_a_budget_keeps_everything() {
        RenderedParagraph p = renderer.render(longRecord(), RenderTarget.PLAIN.budget());
        assertThat(p.dropped()).isZero();
        assertThat(p.text()).contains("scratches").endsWith("from years of use.");
    }

    @Test
    void a_tiny_budget_still_fits() {
        RenderedParagraph p = renderer.render(longRecord(), 8);
        assertThat(p.tokens()).isLessThanOrEqualTo(8);
        assertThat(p.text()).isNotBlank();
        assertThat(renderer.render(longRecord(), 2).tokens()).isLessThanOrEqualTo(2);
    }

    @Test
    void a_record_missing_a_field_is_refused_with_its_name() {
        var record = Json.mapper().valueToTree(Map.of("Video", "a.mp4", "Global Description", "A dog.",
                "Structured Description", Map.of("Main Instance", Map.of("No.0", Map.of("Class", "dog", "Appearance", "Brown.",
                        "Actions and Motion", "Runs.")), "Background Detail", "Grass.", "Camera Movement", "Still.")));
        assertThatThrownBy(() -> StructuredCaption.fromJson(record)).hasMessage("Position must not be empty");
    }

    @Test
    void target_budgets() {
        assertThat(RenderTarget.COGVIDEOX.budget()).isEqualTo(226);
        assertThat(RenderTarget.OPENSORA.budget()).isEqualTo(300);
    }
}
