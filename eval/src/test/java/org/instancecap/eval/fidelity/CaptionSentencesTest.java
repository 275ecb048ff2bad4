package org.instancecap.eval.fidelity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.instancecap.core.InstanceCapException;
import org.instancecap.core.json.Json;
import org.instancecap.nlp.EnglishParser;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class CaptionSentencesTest {
    private static CaptionSentences sentences;

    @BeforeAll
    static void parser() {
        sentences = new CaptionSentences(new EnglishParser(Set.of())::sentences);
    }

    @Test
    void a_record_reads_global_then_each_instance_then_background_and_camera() throws Exception {
        JsonNode record = Json.mapper().readTree("""
                {"Video":"dog.mp4","Global Description":"A dog runs on a beach. The sun is low.",
                 "Structured Description":{"Main Instance":{
                   "No.0":{"Class":"dog","Appearance":"The dog is brown.","Actions and Motion":"It runs to the left.","Position":"dog moves from center-right to center-left."},
                   "No.1":{"Class":"person","Appearance":"A man in red.","Actions and Motion":"He stands still.","Position":"person stays at bottom-right."}},
                  "Background Detail":"Sand and waves, evenly lit.","Camera Movement":"The camera pans left."}}
                """);
        assertThat(sentences.ofRecord(record)).containsExactly("A dog runs on a beach.", "The sun is low.", "The dog is brown.",
                "It runs to the left.", "dog moves from center-right to center-left.", "A man in red.", "He stands still.",
                "person stays at bottom-right.", "Sand and waves, evenly lit.", "The camera pans left.");
    }

    @Test
    void the_authors_spelling_and_plain_text_records_work_too() throws Exception {
        JsonNode authors = Json.mapper().readTree("""
                {"Video":"a.mp4","Global Description":"One cat.","Structural Description":{"Main Instance":{},"Background Detail":"A wall.","Camera Movement":"Still."}}
                """);
        assertThat(sentences.ofRecord(authors)).containsExactly("One cat.", "A wall.", "Still.");
        assertThat(sentences.ofRecord(Json.mapper().readTree("{\"Video\":\"a.mp4\",\"caption\":\"A cat sleeps. It wakes up.\"}")))
                .containsExactly("A cat sleeps.", "It wakes up.");
        assertThat(sentences.ofText("  A red car drives past.\nThen it stops!  ")).containsExactly("A red car drives past.", "Then it stops!");
        assertThatThrownBy(() -> sentences.ofRecord(Json.mapper().readTree("{\"Video\":\"a.mp4\"}"))).isInstanceOf(InstanceCapException.class)
                .hasMessageContaining("no text");
        assertThatThrownBy(() -> sentences.ofText(" \n")).isInstanceOf(InstanceCapException.class);
    }

    @Test
    void any_splitter_can_stand_in() {
        CaptionSentences byLine = new CaptionSentences(text -> Arrays.asList(text.split("\n")));
        assertThat(byLine.ofText("a\n\nb")).isEqualTo(List.of("a", "b"));
    }
}
