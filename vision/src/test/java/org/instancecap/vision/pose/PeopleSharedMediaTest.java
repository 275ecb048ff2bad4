package org.instancecap.vision.pose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.abort;

import java.util.List;
import org.instancecap.core.InstanceCapException;
import org.instancecap.core.amc.VideoAnalysis;
import org.instancecap.core.llm.TokenTally;
import org.instancecap.core.pose.ClothingColours;
import org.instancecap.core.pose.PersonFacts;
import org.instancecap.core.pose.PersonAnalysis;
import org.instancecap.core.spec.RunSpec;
import org.instancecap.core.stage.Stages;
import org.instancecap.vision.model.MoveNetModels;
import org.instancecap.vision.video.SharedMedia;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The people analysis of the default run on the shared clips, against what MANIFEST.md says the
 * people do: the actions named, the clothes' colours where a person looking at the frames agrees.
 */
class PeopleSharedMediaTest {

    private static Stages stages;

    @BeforeAll
    static void load() {
        SharedMedia.dir();
        try {
            MoveNetModels.atDefaultLocation().ensure();
        } catch (InstanceCapException e) {
            abort("models unavailable, skipping: " + e.getMessage());
        }
        stages = new Stages(RunSpec.DEFAULT, new TokenTally()).load();
    }

    @AfterAll
    static void close() {
        if (stages != null) {
            stages.close();
        }
    }

    private static VideoAnalysis analyse(String clip) {
        return stages.cluster().analyse(SharedMedia.file(clip));
    }

    private static List<List<String>> actions(VideoAnalysis analysis) {
        return analysis.people().facts().stream().map(p -> p.actions().names()).toList();
    }

    @Test
    void both_children_on_the_bed_are_jumping() {
        VideoAnalysis analysis = analyse("videos/sam2_bedroom.mp4");
        assertThat(actions(analysis)).hasSize(2).allSatisfy(names -> assertThat(names).contains("jumping"));
        // frames between the sampled ones, from the same decode, small
        assertThat(analysis.between().frames()).hasSize(7 * PersonAnalysis.FRAMES_BETWEEN);
        assertThat(analysis.between().frames()).allSatisfy(f -> assertThat(f.image().width()).isLessThanOrEqualTo(640));
        assertThat(analysis.people().analyses()).contains("pose", "clothing", "actions");
    }

    @Test
    void the_woman_with_the_dog_walks_and_wears_denim_blue_on_her_legs() {
        VideoAnalysis analysis = analyse("videos/sam2_01_dog.mp4");
        assertThat(actions(analysis)).singleElement().satisfies(names -> assertThat(names).contains("walking"));
        PersonFacts woman = analysis.people().facts().get(0);
        // checked on the frames: a white T-shirt in the shade, blue jeans
        assertThat(names(woman, ClothingColours.Part.LOWER_BODY)).contains("denim blue");
        assertThat(names(woman, ClothingColours.Part.UPPER_BODY).get(0)).isIn("light grey", "white");
    }

    @Test
    void the_footballer_juggles_the_ball_in_white_shoes() {
        VideoAnalysis analysis = analyse("videos/sam2_05_default_juggle.mp4");
        assertThat(actions(analysis)).singleElement().satisfies(names -> assertThat(names).contains("juggling a ball")
                .noneMatch(n -> n.startsWith("walking") || n.startsWith("running")));
        PersonFacts player = analysis.people().facts().get(0);
        assertThat(names(player, ClothingColours.Part.FOOTWEAR).get(0)).isIn("white", "light grey");
        assertThat(names(player, ClothingColours.Part.LOWER_BODY).get(0)).isIn("black", "dark grey", "navy");
    }

    @Test
    void the_students_behind_their_desks_are_sitting() {
        VideoAnalysis analysis = analyse("videos/intel_classroom.gif");
        assertThat(actions(analysis)).isNotEmpty().allSatisfy(names -> assertThat(names).containsExactly("sitting"));
    }

    @Test
    void a_one_frame_clip_and_a_person_cut_by_the_frame_say_no_action() {
        assertThat(actions(analyse("edge/derived/frames_1_dog.mp4"))).allSatisfy(names -> assertThat(names).isEmpty());
        // head and shoulders only, cut by the bottom edge: nothing measured about legs or actions
        VideoAnalysis cut = analyse("edge/androidx_media/mp4_sample.mp4");
        assertThat(cut.people().facts()).singleElement().satisfies(p -> {
            assertThat(p.actions().names()).isEmpty();
            assertThat(p.clothing().of(ClothingColours.Part.LOWER_BODY)).isEmpty();
            assertThat(p.clothing().of(ClothingColours.Part.FOOTWEAR)).isEmpty();
        });
    }

    @Test
    void clips_without_people_keep_no_frames_between_and_get_no_people() {
        VideoAnalysis sky = analyse("videos/llava_demo_xU25MMA2N4aVtYay.mp4");
        assertThat(sky.people().facts()).isEmpty();
        assertThat(sky.between().frames()).isEmpty();
    }

    private static List<String> names(PersonFacts person, ClothingColours.Part part) {
        return person.clothing().of(part).orElseThrow().stream().map(s -> s.name()).toList();
    }
}
