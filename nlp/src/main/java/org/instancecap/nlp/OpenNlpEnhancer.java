package org.instancecap.nlp;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.instancecap.core.InstanceCapException;
import org.instancecap.core.amc.PositionPhrase;
import org.instancecap.core.caption.StructuredCaption;
import org.instancecap.core.enhance.EnhancedPrompt;
import org.instancecap.core.enhance.Enhancer;
import org.instancecap.core.enhance.Sentences;
import org.instancecap.nlp.EnglishParser.Token;

/**
 * Prompt enhancement without a model server (DESIGN §2.5, offline): OpenNLP finds the sentences,
 * tokens, parts of speech and chunks of the prompt, and the structured prompt is filled from them.
 * Instances are the concrete noun phrases — subjects first, then objects of verbs, then salient
 * things after prepositions — with COCO names and their everyday words recognised and possessed
 * things ("her long hair"), body parts, clothing and ideas kept out; their adjectives and "with"
 * phrases make the appearance; the verb phrase of their clause the action; spatial words of the
 * clause the position, in the grammar of DESIGN §2.2.4; place phrases the background; camera words
 * the camera. Nothing is invented beyond neutral defaults where the prompt says nothing.
 */
public final class OpenNlpEnhancer implements Enhancer {

    private final EnglishParser parser;
    private final int maxInstances;

    public OpenNlpEnhancer(int maxInstances) {
        this(new EnglishParser(Vocabulary.thingWords()), maxInstances);
    }

    public OpenNlpEnhancer(EnglishParser parser, int maxInstances) {
        if (maxInstances < 1) {
            throw new IllegalArgumentException("maxInstances must be >= 1, got " + maxInstances);
        }
        this.parser = parser;
        this.maxInstances = maxInstances;
    }

    @Override
    public String name() {
        return "offline:opennlp";
    }

    /** A thing the prompt names, as it is being read. */
    private static final class Mention {
        final String label;
        final int role; // 0 subject, 1 object of a verb, 2 after a preposition
        final int order;
        final List<String> modifiers = new ArrayList<>();
        final List<String> details = new ArrayList<>();
        String action;
        List<Token> clause = List.of();

        Mention(String label, int role, int order) {
            this.label = label;
            this.role = role;
            this.order = order;
        }
    }

    private record Chunk(String type, int from, int to) {
    }

    /** The instance names found in a prompt, the most important first. */
    public List<String> instances(String prompt) {
        return read(prompt).mentions().stream().map(m -> m.label).toList();
    }

    private record Reading(List<Mention> mentions, List<String> places, List<List<Token>> sentences) {
    }

    private Reading read(String prompt) {
        List<Mention> mentions = new ArrayList<>();
        Set<String> places = new LinkedHashSet<>();
        List<List<Token>> parsed = new ArrayList<>();
        int order = 0;
        for (String sentence : parser.sentences(prompt)) {
            List<Token> tokens = parser.parse(sentence);
            parsed.add(tokens);
            List<Chunk> chunks = chunks(tokens);
            List<List<Token>> clauses = clauses(tokens);
            Mention last = mentions.isEmpty() ? null : mentions.get(mentions.size() - 1);
            for (int c = 0; c < chunks.size(); c++) {
                Chunk chunk = chunks.get(c);
                if (!chunk.type().equals("NP")) {
                    continue;
                }
                List<Token> np = tokens.subList(chunk.from(), chunk.to());
                int head = lastNoun(np);
                if (head < 0) {
                    continue;
                }
                String preposition = preposition(tokens, chunks, c);
                boolean afterVerb = c > 0 && chunks.get(c - 1).type().equals("VP") && preposition == null;
                String verb = afterVerb ? tokens.get(chunks.get(c - 1).to() - 1).lemma() : null;
                boolean possessed = np.stream().anyMatch(t -> t.penn().equals("PRP$") || t.penn().equals("POS"));
                List<Token> nameTokens = nameTokens(np, head);
                String label = label(nameTokens);
                int consumed = 0;
                // "a glass of water", "a pair of binoculars"
                if (c + 2 < chunks.size() && chunks.get(c + 1).type().equals("PP")
                        && tokens.get(chunks.get(c + 1).from()).lower().equals("of") && chunks.get(c + 2).type().equals("NP")) {
                    List<Token> of = tokens.subList(chunks.get(c + 2).from(), chunks.get(c + 2).to());
                    int ofHead = lastNoun(of);
                    if (ofHead >= 0 && Vocabulary.CONTAINERS.contains(np.get(head).lemma())) {
                        label = label + " of " + label(nameTokens(of, ofHead));
                        consumed = 2;
                    } else if (ofHead >= 0 && Vocabulary.COLLECTIVES.contains(np.get(head).lemma())) {
                        np = of;
                        head = ofHead;
                        nameTokens = nameTokens(of, ofHead);
                        label = label(nameTokens);
                        consumed = 2;
                    }
                }
                String text = phrase(np);
                boolean single = nameTokens.size() == 1 && !label.contains(" of ");
                String headLemma = np.get(head).lemma();
                if (possessed && preposition != null && Vocabulary.LOCATIVE.contains(preposition)) {
                    c += consumed; // "down its belly": a place on its owner
                    continue;
                }
                if (single && (Vocabulary.BODY_PARTS.contains(headLemma) || Vocabulary.BODY_PARTS.contains(np.get(head).lower()))
                        || (possessed && !owned(headLemma))
                        || (Vocabulary.CLOTHING.contains(headLemma) && (possessed || (verb != null && Vocabulary.WEARING_VERBS.contains(verb))
                        || "with".equals(preposition)))) {
                    if (last != null && last.details.size() < 3 && !Vocabulary.ABSTRACT.contains(headLemma)) {
                        String article = np.get(head).penn().equals("NNS") ? "" : article(text) + " ";
                        last.details.add(text.replaceFirst("(?i)^(its|his|her|their|my|your|our)\\s+", article));
                    }
                    c += consumed;
                    continue;
                }
                boolean indefinite = np.get(0).lower().matches("a|an");
                boolean introduced = indefinite && preposition == null && !afterVerb; // "A camera lies...": a thing after all
                boolean ambiguous = Vocabulary.AMBIGUOUS.contains(headLemma) && (introduced || !single);
                if ((Vocabulary.ABSTRACT.contains(headLemma) || (single && Vocabulary.FRAME_PLACES.contains(headLemma)))
                        && !ambiguous && !known(label)) {
                    c += consumed;
                    continue;
                }
                // a thing after a preposition is a main instance when it is described, named by a compound, or
                // brought in with "a" and not a kind of place: "beside a cork coaster", not "in the park"
                boolean salient = known(label) || modifiers(np, nameTokens).stream().anyMatch(m -> !m.isEmpty())
                        || nameTokens.size() > 1 || (np.get(0).lower().matches("a|an") && !Vocabulary.PLACES.contains(headLemma));
                int role;
                if (preposition == null) {
                    role = afterVerb ? 1 : 0;
                } else if (preposition.equals("with")) {
                    if (!known(label)) {
                        if (last != null && last.details.size() < 3) {
                            last.details.add(text);
                        }
                        c += consumed;
                        continue;
                    }
                    role = 2;
                } else if (preposition.equals("of") || preposition.equals("like") || preposition.equals("for")) {
                    c += consumed;
                    continue;
                } else if (Vocabulary.LOCATIVE.contains(preposition)) {
                    if (!salient) {
                        if (Vocabulary.SETTING.contains(preposition)) {
                            places.add(preposition + " " + text.toLowerCase(Locale.ROOT));
                        }
                        c += consumed;
                        continue;
                    }
                    role = 2;
                } else {
                    role = 1; // "runs after a red ball"
                }
                Mention mention = find(mentions, label);
                if (mention == null) {
                    mention = new Mention(label, role, order++);
                    mentions.add(mention);
                }
                if (mention.modifiers.isEmpty()) {
                    mention.modifiers.addAll(modifiers(np, nameTokens));
                }
                List<Token> clause = clauseOf(clauses, np.get(head));
                if (mention.action == null) {
                    String verbPhrase = action(tokens, chunks, c + consumed, clause);
                    mention.action = verbPhrase == null ? null : subjectAction(label, verbPhrase);
                    mention.clause = clause;
                }
                last = mention;
                c += consumed;
            }
        }
        List<Mention> ranked = mentions.stream()
                .sorted(Comparator.comparingInt((Mention m) -> m.role).thenComparingInt(m -> m.order))
                .limit(maxInstances).sorted(Comparator.comparingInt(m -> m.order)).toList();
        return new Reading(ranked, List.copyOf(places), parsed);
    }

    @Override
    public EnhancedPrompt enhance(String prompt, String video) {
        if (prompt == null || prompt.isBlank()) {
            throw new InstanceCapException("the prompt is empty");
        }
        Reading reading = read(prompt);
        if (reading.mentions().isEmpty()) {
            throw new InstanceCapException("no person, animal or thing found in the prompt: " + shorten(prompt));
        }
        List<StructuredCaption.InstanceCaption> instances = new ArrayList<>();
        List<String> defaults = defaultColumns(reading.mentions());
        for (int i = 0; i < reading.mentions().size(); i++) {
            Mention m = reading.mentions().get(i);
            String action = m.action == null ? "The " + m.label + " stays still." : m.action;
            instances.add(new StructuredCaption.InstanceCaption(m.label, appearance(m), action,
                    Spatial.position(m.label, m.clause, defaults.get(i)).text()));
        }
        String background = reading.places().isEmpty() ? "The background is plain and evenly lit."
                : "The scene is set " + String.join(", ", reading.places().subList(0, Math.min(3, reading.places().size()))) + ".";
        String camera = Spatial.camera(prompt);
        String global = Sentences.asSentence(prompt);
        StringBuilder story = new StringBuilder(global);
        instances.forEach(c -> story.append(' ').append(c.appearance()).append(' ').append(c.actions()));
        story.append(' ').append(background).append(' ').append(camera);
        return new EnhancedPrompt(prompt.strip(), story.toString(),
                new StructuredCaption(video, global, instances, background, camera));
    }

    /** Where instances stand when the prompt does not say: one in the middle, two apart, three across. */
    private static List<String> defaultColumns(List<Mention> mentions) {
        int n = mentions.size();
        List<String> columns = n == 1 ? List.of("middle") : n == 2 ? List.of("left", "right") : List.of("left", "middle", "right");
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(columns.get(Math.min(i, columns.size() - 1)));
        }
        return out;
    }

    private static String appearance(Mention m) {
        List<String> modifiers = m.modifiers.stream().filter(s -> !s.isBlank()).toList();
        String details = m.details.isEmpty() ? "" : joinAnd(m.details.stream().map(d -> d.toLowerCase(Locale.ROOT)).toList());
        if (modifiers.isEmpty()) {
            return details.isEmpty() ? "The " + m.label + " is seen whole and in clear view."
                    : "The " + m.label + " has " + details + ".";
        }
        return "The " + m.label + " is " + joinAnd(modifiers) + (details.isEmpty() ? "." : ", with " + details + ".");
    }

    private static String joinAnd(List<String> parts) {
        if (parts.size() == 1) {
            return parts.get(0);
        }
        return String.join(", ", parts.subList(0, parts.size() - 1)) + " and " + parts.get(parts.size() - 1);
    }

    /** The verb phrase after a subject, to the end of its clause: "The dog runs after the red ball in the park." */
    private static String action(List<Token> tokens, List<Chunk> chunks, int c, List<Token> clause) {
        for (int k = c + 1; k < chunks.size(); k++) {
            Chunk next = chunks.get(k);
            Token first = tokens.get(next.from());
            if (!clause.contains(first)) {
                return null;
            }
            if (next.type().equals("VP")) {
                List<Token> rest = clause.subList(clause.indexOf(first), clause.size());
                return rest.isEmpty() ? null : phrase(rest);
            }
            boolean afterPreposition = chunks.get(k - 1).type().equals("PP");
            if (next.type().equals("NP") && !afterPreposition) {
                return null; // an object, not a subject
            }
        }
        return null;
    }

    static String subjectAction(String label, String verbPhrase) {
        return Sentences.asSentence("the " + label + " " + verbPhrase);
    }

    private static Mention find(List<Mention> mentions, String label) {
        return mentions.stream().filter(m -> m.label.equals(label)).findFirst().orElse(null);
    }

    /** Someone's animal, vehicle or companion is an instance of its own ("her dog"), unlike their hair or coat. */
    private static boolean owned(String lemma) {
        return Vocabulary.OWNED.contains(lemma) || Vocabulary.ANIMATE.contains(lemma);
    }

    private static boolean known(String label) {
        String head = label.contains(" of ") ? label.substring(0, label.indexOf(" of ")) : label;
        String last = head.substring(head.lastIndexOf(' ') + 1);
        return Vocabulary.COCO_SYNONYMS.containsKey(head) || Vocabulary.COCO_SYNONYMS.containsKey(last)
                || Vocabulary.ANIMATE.contains(last);
    }

    private static int lastNoun(List<Token> np) {
        for (int i = np.size() - 1; i >= 0; i--) {
            if (np.get(i).noun()) {
                return i;
            }
        }
        return -1;
    }

    /** The head noun and the nouns just before it that name the kind ("coffee cup", "teddy bear"), not colours or materials. */
    private static List<Token> nameTokens(List<Token> np, int head) {
        int from = head;
        while (from > 0 && head - from < 2) {
            Token before = np.get(from - 1);
            String w = before.lower();
            boolean compound = before.noun() && !Vocabulary.COLOURS.contains(w) && !Vocabulary.MATERIALS.contains(w)
                    && !Vocabulary.looksAdjective(w);
            String joined = w + " " + label(np.subList(from, head + 1));
            if (compound || Vocabulary.COCO_SYNONYMS.containsKey(joined)) {
                from--;
            } else {
                break;
            }
        }
        return np.subList(from, head + 1);
    }

    /** Lower case, the head noun in its singular form. */
    private static String label(List<Token> name) {
        List<String> words = new ArrayList<>();
        for (int i = 0; i < name.size(); i++) {
            Token t = name.get(i);
            words.add(i == name.size() - 1 && t.penn().equals("NNS") ? t.lemma() : t.lower());
        }
        return String.join(" ", words);
    }

    /** The words before the name that describe it: adjectives, colours, materials, participles ("well-loved"). */
    private static List<String> modifiers(List<Token> np, List<Token> name) {
        List<String> words = new ArrayList<>();
        for (Token t : np) {
            if (name.contains(t)) {
                break;
            }
            if (t.penn().matches("JJ.*|NN.*|VBN|VBG|RB|HYPH") || t.word().equals("-")) {
                words.add(t.lower());
            }
        }
        return words.isEmpty() ? List.of() : List.of(String.join(" ", words).replace(" - ", "-"));
    }

    private static String preposition(List<Token> tokens, List<Chunk> chunks, int c) {
        Chunk np = chunks.get(c);
        if (np.from() == 0) {
            return null;
        }
        Token before = tokens.get(np.from() - 1);
        if (before.penn().equals("IN") || before.penn().equals("TO") || before.inChunk("PP")) {
            return before.lower();
        }
        return null;
    }

    private static List<Chunk> chunks(List<Token> tokens) {
        List<Chunk> chunks = new ArrayList<>();
        int i = 0;
        while (i < tokens.size()) {
            String label = tokens.get(i).chunk();
            String type = label.length() > 2 ? label.substring(2) : "O";
            int end = i + 1;
            if (!type.equals("O")) {
                while (end < tokens.size() && tokens.get(end).chunk().equals("I-" + type)) {
                    end++;
                }
            }
            chunks.add(new Chunk(type, i, end));
            i = end;
        }
        return chunks;
    }

    /** Clauses end at punctuation and at words that join clauses ("and a dog barks", "while a fish swims"). */
    private static List<List<Token>> clauses(List<Token> tokens) {
        List<List<Token>> clauses = new ArrayList<>();
        int start = 0;
        for (int i = 0; i <= tokens.size(); i++) {
            boolean end = i == tokens.size() || tokens.get(i).penn().matches("[,.:]");
            if (!end && i > start) {
                String w = tokens.get(i).lower();
                boolean joiner = Set.of("while", "as", "when", "whereas", "but").contains(w)
                        || (w.equals("and") && i + 1 < tokens.size() && tokens.get(i + 1).penn().matches("DT|PRP|PRP\\$|NNP|CD"));
                end = joiner;
            }
            if (end) {
                if (i > start) {
                    clauses.add(tokens.subList(start, i));
                }
                start = i + 1;
            }
        }
        return clauses;
    }

    private static List<Token> clauseOf(List<List<Token>> clauses, Token token) {
        return clauses.stream().filter(c -> c.contains(token)).findFirst().orElse(List.of());
    }

    /** Tokens back into text: no space before punctuation or "'s". */
    static String phrase(List<Token> tokens) {
        StringBuilder text = new StringBuilder();
        for (Token t : tokens) {
            boolean attach = t.penn().matches("[,.:]|POS") || t.word().matches("[’')\\]]|n't|'s|’s|-") || text.toString().endsWith("-")
                    || text.toString().endsWith("(");
            if (!text.isEmpty() && !attach) {
                text.append(' ');
            }
            text.append(t.word());
        }
        return text.toString().strip();
    }

    private static String article(String text) {
        String rest = text.replaceFirst("(?i)^(its|his|her|their|my|your|our)\\s+", "");
        return rest.matches("(?i)^[aeiou].*") ? "an" : "a";
    }

    private static String shorten(String text) {
        return text.length() > 60 ? text.substring(0, 60) + "..." : text;
    }

    static String labels(List<String> labels) {
        return labels.stream().collect(Collectors.joining(", "));
    }
}
