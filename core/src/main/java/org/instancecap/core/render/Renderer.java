package org.instancecap.core.render;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.instancecap.core.amc.PositionPhrase;
import org.instancecap.core.caption.StructuredCaption;
import org.instancecap.core.enhance.Sentences;

/**
 * Turns a structured record into one paragraph within a token budget (the paper's alignment step,
 * DESIGN §2.5), deterministically. The paragraph reads global description, each instance's
 * appearance, action and position, background, camera; sentences are admitted by importance: first
 * every instance's position (which names its class), then the first sentence of each one's appearance,
 * then of each one's action; then the first sentence of the global description, the background and the camera; then the
 * instances' further sentences, taken in turn across instances; then the rest. A sentence that does
 * not fit is shortened to its first clause or left out, and a sentence is only taken after the one
 * before it in the same field.
 */
public final class Renderer {

    private final TokenCounter counter;

    public Renderer(TokenCounter counter) {
        this.counter = counter;
    }

    public TokenCounter counter() {
        return counter;
    }

    /** One sentence of the record: where it stands in the paragraph, and the one before it in its field. */
    private record Unit(int order, String text, Unit previous) {
    }

    public RenderedParagraph render(StructuredCaption caption, int budget) {
        if (budget < 2) {
            throw new IllegalArgumentException("budget must be at least 2 tokens, got " + budget);
        }
        List<Unit> priority = new ArrayList<>();
        int[] order = {0};
        List<Unit> global = field(Sentences.split(caption.globalDescription()), order);
        List<List<Unit>> appearance = new ArrayList<>();
        List<List<Unit>> actions = new ArrayList<>();
        List<Unit> positions = new ArrayList<>();
        for (StructuredCaption.InstanceCaption instance : caption.instances()) {
            appearance.add(field(Sentences.split(instance.appearance()), order));
            actions.add(field(Sentences.split(instance.actions()), order));
            positions.add(new Unit(order[0]++, position(instance.position()), null));
        }
        List<Unit> background = field(Sentences.split(caption.background()), order);
        List<Unit> camera = field(Sentences.split(caption.camera()), order);

        priority.addAll(positions);
        for (List<List<Unit>> fields : List.of(appearance, actions)) {
            for (List<Unit> field : fields) {
                priority.addAll(field.subList(0, Math.min(1, field.size())));
            }
        }
        for (List<Unit> field : List.of(global, background, camera)) {
            priority.addAll(field.subList(0, Math.min(1, field.size())));
        }
        int longest = appearance.stream().mapToInt(List::size).max().orElse(0);
        longest = Math.max(longest, actions.stream().mapToInt(List::size).max().orElse(0));
        for (int k = 1; k < longest; k++) {
            for (int i = 0; i < positions.size(); i++) {
                if (k < appearance.get(i).size()) {
                    priority.add(appearance.get(i).get(k));
                }
                if (k < actions.get(i).size()) {
                    priority.add(actions.get(i).get(k));
                }
            }
        }
        for (List<Unit> field : List.of(background, camera, global)) {
            priority.addAll(field.subList(Math.min(1, field.size()), field.size()));
        }

        List<Unit> taken = new ArrayList<>();
        List<Unit> admitted = new ArrayList<>(); // the units as taken, some shortened
        int dropped = 0;
        for (Unit unit : priority) {
            if (unit.previous() != null && !taken.contains(unit.previous())) {
                dropped++;
                continue;
            }
            Optional<Unit> fitting = fit(admitted, unit, budget);
            if (fitting.isPresent()) {
                taken.add(unit);
                admitted.add(fitting.get());
                if (!fitting.get().text().equals(unit.text())) {
                    dropped++; // shortened counts as losing detail
                }
            } else {
                dropped++;
            }
        }
        String text = paragraph(admitted);
        if (admitted.isEmpty() && !priority.isEmpty()) {
            text = truncate(priority.get(0).text(), budget); // not even one position fits: as many words as do
        }
        return new RenderedParagraph(caption.video(), text, counter.count(text), budget, counter.name(), dropped, "rules");
    }

    /** The unit as it is, or cut to its first clause, if the paragraph still fits with it. */
    private Optional<Unit> fit(List<Unit> admitted, Unit unit, int budget) {
        for (String text : List.of(unit.text(), firstClause(unit.text()))) {
            List<Unit> trial = new ArrayList<>(admitted);
            Unit candidate = new Unit(unit.order(), text, unit.previous());
            trial.add(candidate);
            if (counter.count(paragraph(trial)) <= budget) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    private static List<Unit> field(List<String> sentences, int[] order) {
        List<Unit> units = new ArrayList<>();
        Unit previous = null;
        for (String sentence : sentences) {
            Unit unit = new Unit(order[0]++, Sentences.asSentence(sentence), previous);
            units.add(unit);
            previous = unit;
        }
        return units;
    }

    private static String paragraph(List<Unit> units) {
        return String.join(" ", units.stream().sorted(Comparator.comparingInt(Unit::order)).map(Unit::text).toList());
    }

    /** The sentence up to its first comma, semicolon or joining word, when at least three words come before it. */
    static String firstClause(String sentence) {
        int cut = -1;
        for (String mark : List.of(", ", "; ", " while ", " as ", " and ")) {
            int at = sentence.indexOf(mark);
            if (at > 0 && sentence.substring(0, at).split(" ").length >= 3 && (cut < 0 || at < cut)) {
                cut = at;
            }
        }
        return cut < 0 ? sentence : sentence.substring(0, cut) + ".";
    }

    private String truncate(String sentence, int budget) {
        String[] words = sentence.split(" ");
        StringBuilder text = new StringBuilder();
        for (String word : words) {
            String next = text.isEmpty() ? word : text + " " + word;
            if (counter.count(next) > budget) {
                break;
            }
            text = new StringBuilder(next);
        }
        return text.toString();
    }

    /** The position sentence in plain words: "dog moves from bottom-left to center-middle." → "The dog moves from the bottom left to the center of the frame." */
    static String position(String phrase) {
        Optional<PositionPhrase> parsed = PositionPhrase.parse(phrase);
        if (parsed.isEmpty()) {
            return Sentences.asSentence(phrase);
        }
        PositionPhrase p = parsed.get();
        String path = p.moves() ? "moves from " + place(p.from()) + " to " + place(p.to()) : "stays at " + place(p.from());
        return "The " + p.label() + " " + path + " of the frame" + (p.leaves() ? " and leaves the frame at the end." : ".");
    }

    private static String place(String region) {
        String[] rowColumn = region.split("-");
        String row = rowColumn[0];
        String column = rowColumn[1];
        if (row.equals("center")) {
            return column.equals("middle") ? "the center" : "the " + column + " side";
        }
        return column.equals("middle") ? "the " + row : "the " + row + " " + column;
    }
}
