package org.instancecap.nlp;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import opennlp.tools.chunker.ChunkerME;
import opennlp.tools.chunker.ChunkerModel;
import opennlp.tools.lemmatizer.LemmatizerME;
import opennlp.tools.lemmatizer.LemmatizerModel;
import opennlp.tools.postag.POSModel;
import opennlp.tools.postag.POSTagFormat;
import opennlp.tools.postag.POSTaggerME;
import opennlp.tools.sentdetect.SentenceDetectorME;
import opennlp.tools.sentdetect.SentenceModel;
import opennlp.tools.tokenize.TokenizerME;
import opennlp.tools.tokenize.TokenizerModel;
import org.instancecap.core.InstanceCapException;

/**
 * English sentences into tagged, lemmatised, chunked tokens with OpenNLP's models: the Universal
 * Dependencies sentence, token, part-of-speech and lemma models (1.3) and the 1.5 chunker.
 *
 * <p>The chunker was trained on Penn Treebank tags, and the part-of-speech model's own Penn mapping
 * is coarse (every verb VB, every auxiliary MD, no plural nouns), which breaks chunks. So the tags
 * are taken as UD and made Penn here from the word and its lemma (VBZ, VBG, NNS...). Short prompts
 * also trip the tagger on the commonest pattern of all, "a dog barks" (see {@link #repairClauses}).
 *
 * <p>The models are loaded once and shared; the taggers, which are not thread-safe, are per thread.
 */
public final class EnglishParser {

    /** One token: its place in the sentence, word, UD tag, Penn tag, lemma, and chunk label ({@code B-NP}, {@code I-VP}, {@code O}...). */
    public record Token(int index, String word, String ud, String penn, String lemma, String chunk) {
        public String lower() {
            return word.toLowerCase(Locale.ROOT);
        }

        public boolean noun() {
            return penn.startsWith("NN");
        }

        public boolean verb() {
            return penn.startsWith("VB") || penn.equals("MD");
        }

        public boolean startsChunk(String type) {
            return chunk.equals("B-" + type);
        }

        public boolean inChunk(String type) {
            return chunk.endsWith("-" + type);
        }
    }

    private static final Set<String> POSSESSIVE = Set.of("his", "her", "its", "their", "my", "your", "our");
    private static final Set<String> MODAL = Set.of("can", "could", "will", "would", "may", "might", "shall", "should", "must");

    private final SentenceModel sentenceModel;
    private final TokenizerModel tokenizerModel;
    private final POSModel posModel;
    private final LemmatizerModel lemmaModel;
    private final ChunkerModel chunkerModel;
    private final ThreadLocal<Tools> tools = ThreadLocal.withInitial(this::tools);

    private record Tools(SentenceDetectorME sentences, TokenizerME tokenizer, POSTaggerME tagger, LemmatizerME lemmatizer,
                         ChunkerME chunker) {
    }

    private final Set<String> knownNouns;

    /** @param knownNouns words that always name things, taken as nouns where the tagger says otherwise right after a determiner, adjective or noun */
    public EnglishParser(Set<String> knownNouns) {
        this.knownNouns = Set.copyOf(knownNouns);
        try {
            sentenceModel = new SentenceModel(resource("opennlp-en-ud-ewt-sentence-1.3-2.5.4.bin"));
            tokenizerModel = new TokenizerModel(resource("opennlp-en-ud-ewt-tokens-1.3-2.5.4.bin"));
            posModel = new POSModel(resource("opennlp-en-ud-ewt-pos-1.3-2.5.4.bin"));
            lemmaModel = new LemmatizerModel(resource("opennlp-en-ud-ewt-lemmas-1.3-2.5.4.bin"));
            chunkerModel = new ChunkerModel(resource("en-chunker.bin"));
        } catch (IOException e) {
            throw new InstanceCapException("cannot load the OpenNLP English models: " + e.getMessage(), e);
        }
    }

    private static InputStream resource(String name) {
        InputStream in = EnglishParser.class.getClassLoader().getResourceAsStream(name);
        if (in == null) {
            throw new InstanceCapException("OpenNLP model " + name + " is not on the class path");
        }
        return in;
    }

    private Tools tools() {
        return new Tools(new SentenceDetectorME(sentenceModel), new TokenizerME(tokenizerModel),
                new POSTaggerME(posModel, POSTagFormat.UD), new LemmatizerME(lemmaModel), new ChunkerME(chunkerModel));
    }

    public List<String> sentences(String text) {
        return List.of(tools.get().sentences().sentDetect(text));
    }

    /** Tokens, with words joined by hyphens ("cube-shaped", "leather-bound") kept as one. */
    private static String[] joinHyphens(String sentence, opennlp.tools.util.Span[] spans) {
        List<String> words = new ArrayList<>();
        int i = 0;
        while (i < spans.length) {
            int start = spans[i].getStart();
            int end = spans[i].getEnd();
            while (i + 1 < spans.length && spans[i + 1].getStart() == end
                    && (sentence.charAt(end - 1) == '-' || sentence.charAt(end) == '-')) {
                end = spans[i + 1].getEnd();
                i++;
            }
            words.add(sentence.substring(start, end));
            i++;
        }
        return words.toArray(String[]::new);
    }

    /** The tokens of one sentence. */
    public List<Token> parse(String sentence) {
        Tools t = tools.get();
        String[] words = joinHyphens(sentence, t.tokenizer().tokenizePos(sentence));
        if (words.length == 0) {
            return List.of();
        }
        String[] ud = t.tagger().tag(words);
        repairClauses(words, ud);
        for (int i = 1; i < words.length; i++) {
            // "a white coffee cup" with cup tagged an adverb: a word that names a thing, right after a noun phrase's start
            String w = words[i].toLowerCase(Locale.ROOT);
            boolean ends = i + 1 == words.length || ud[i + 1].equals("PUNCT");
            if (knownNouns.contains(w) && !ud[i].equals("NOUN") && (Set.of("DET", "ADJ").contains(ud[i - 1]) || (ud[i - 1].equals("NOUN") && ends))
                    && (i + 1 == words.length || !ud[i + 1].equals("NOUN"))) {
                ud[i] = "NOUN";
            }
            if (ud[i - 1].equals("ADJ") && w.equals("of")) {
                ud[i - 1] = "NOUN"; // "a crystal clear glass of water"
            }
        }
        String[] lemmas = t.lemmatizer().lemmatize(words, ud);
        String[] penn = new String[words.length];
        for (int i = 0; i < words.length; i++) {
            penn[i] = penn(words[i], ud[i], lemmas[i]);
        }
        String[] chunks = t.chunker().chunk(words, penn);
        if (repairVerbPhrases(words, penn, chunks)) {
            chunks = t.chunker().chunk(words, penn);
        }
        List<Token> tokens = new ArrayList<>();
        for (int i = 0; i < words.length; i++) {
            String lemma = lemmas[i].equals("O") || lemmas[i].isBlank() ? words[i] : lemmas[i];
            tokens.add(new Token(i, words[i], ud[i], penn[i], lemma.toLowerCase(Locale.ROOT), chunks[i]));
        }
        return tokens;
    }

    static String penn(String word, String ud, String lemma) {
        String w = word.toLowerCase(Locale.ROOT);
        String l = lemma.toLowerCase(Locale.ROOT);
        switch (ud) {
            case "NOUN":
                return w.endsWith("s") && !w.equals(l) ? "NNS" : "NN";
            case "PROPN":
                return "NNP";
            case "VERB":
            case "AUX":
                if (MODAL.contains(w)) {
                    return "MD";
                }
                if (w.endsWith("ing")) {
                    return "VBG";
                }
                return switch (w) {
                    case "is", "has", "does" -> "VBZ";
                    case "are", "am" -> "VBP";
                    case "was", "were", "had", "did" -> "VBD";
                    default -> w.equals(l) ? "VBP" : w.endsWith("s") ? "VBZ" : "VBN";
                };
            case "ADJ":
                return w.endsWith("est") && w.length() > 5 ? "JJS" : "JJ";
            case "ADP":
            case "SCONJ":
                return "IN";
            case "CCONJ":
                return "CC";
            case "DET":
                return "DT";
            case "PRON":
                return POSSESSIVE.contains(w) ? "PRP$" : "PRP";
            case "ADV":
                return "RB";
            case "NUM":
                return "CD";
            case "PART":
                return w.equals("to") ? "TO" : w.equals("'s") || w.equals("’s") ? "POS" : "RB";
            case "PUNCT":
                return w.equals(",") ? "," : w.matches("[.!?]") ? "." : ":";
            case "INTJ":
                return "UH";
            default:
                return "SYM";
        }
    }

    /**
     * Gives clauses back the verbs the tagger took for nouns. The tagger reads the commonest prompt
     * pattern, "a [adjectives] noun verb-s ...", as one noun phrase ("a swift lion sprints" tagged
     * determiner, noun, preposition, noun). In a clause that opens with a determiner and has no finite
     * verb after its subject, the first word in -s after at least one word, followed by a preposition,
     * adverb, determiner or the clause's end, becomes the verb, the word before it the subject's noun,
     * and verbs or adverbs before that adjectives. An -ing noun right after a noun becomes a verb
     * too ("a horse running").
     */
    static void repairClauses(String[] words, String[] ud) {
        int start = 0;
        for (int i = 0; i <= words.length; i++) {
            boolean boundary = i == words.length || (ud[i].equals("PUNCT") && !words[i].equals("-"))
                    || (i > start && Set.of("while", "as", "when", "whereas", "because", "until").contains(words[i].toLowerCase(Locale.ROOT)))
                    || (i > start && ud[i].equals("CCONJ") && i + 1 < words.length && Set.of("DET", "PRON", "NUM", "PROPN").contains(ud[i + 1]));
            if (boundary) {
                repairClause(words, ud, start, i);
                start = i + 1;
            }
        }
    }

    private static final Set<String> AFTER_VERB = Set.of("ADP", "ADV", "DET", "PUNCT", "CCONJ", "SCONJ", "PART", "PRON", "NUM", "ADJ");
    private static final Set<String> IRREGULAR_PAST = Set.of("sat", "stood", "ran", "lay", "hung", "flew", "swam", "rode",
            "drove", "fell", "held", "took", "went", "came", "saw", "ate", "threw", "caught", "sang", "wore", "led", "leapt");

    /** "dogs", "horses", not "glass", "bus" or "iris". */
    private static boolean plural(String word) {
        return word.length() > 3 && word.endsWith("s") && !word.endsWith("ss") && !word.endsWith("us") && !word.endsWith("is");
    }

    private static final Set<String> IRREGULAR_PLURAL = Set.of("children", "men", "women", "people", "mice", "geese", "feet",
            "teeth", "oxen", "sheep", "deer", "fish", "police");

    private static void repairClause(String[] words, String[] ud, int from, int to) {
        if (to - from >= 3 && words[from].toLowerCase(Locale.ROOT).matches("a|an|the")) {
            ud[from] = "DET";
        }
        if (to - from < 3 || !(ud[from].equals("DET") || ud[from].equals("NUM"))) {
            return;
        }
        for (int k = from + 2; k < to; k++) {
            String w = words[k].toLowerCase(Locale.ROOT);
            boolean afterNoun = ud[k - 1].equals("NOUN") || ud[k - 1].equals("PROPN");
            String before = words[k - 1].toLowerCase(Locale.ROOT);
            boolean pluralBefore = afterNoun && k - 1 > from && (plural(before) || IRREGULAR_PLURAL.contains(before));
            if (ud[k].equals("AUX") || ((ud[k].equals("VERB") && afterNoun)
                    && (w.endsWith("s") || w.endsWith("ed") || IRREGULAR_PAST.contains(w) || pluralBefore))) {
                return; // the clause has its verb
            }
            if (ud[k].equals("NOUN") && afterNoun && w.endsWith("ing")) {
                ud[k] = "VERB";
                return;
            }
            // "two children ride bicycles": after a plural subject the verb has no -s
            if (ud[k].equals("NOUN") && pluralBefore && !w.endsWith("s")
                    && (k + 1 == to || AFTER_VERB.contains(ud[k + 1]) || ud[k + 1].equals("NOUN") || ud[k + 1].equals("VERB"))) {
                ud[k] = "VERB";
                if (k + 1 < to && ud[k + 1].equals("VERB")) {
                    ud[k + 1] = "NOUN";
                }
                return;
            }
            boolean verbLike = w.length() > 3 && w.endsWith("s") && !w.endsWith("ss") && !w.endsWith("us") && !w.endsWith("is");
            // "a boat sails beneath." (beneath tagged a noun), "a vase holds flowers"
            boolean followed = k + 1 == to || AFTER_VERB.contains(ud[k + 1])
                    || (ud[k + 1].equals("NOUN") && (k + 2 == to || words[k + 1].endsWith("s")
                    || Set.of("ADP", "PUNCT", "ADV").contains(ud[k + 2])));
            if (verbLike && followed && !ud[k].equals("DET")) {
                ud[k] = "VERB";
                ud[k - 1] = "NOUN";
                for (int j = from + 1; j < k - 1; j++) {
                    if (Set.of("VERB", "ADV", "AUX").contains(ud[j])) {
                        ud[j] = "ADJ";
                    }
                }
                return;
            }
        }
    }

    /** A noun the chunker put in a verb phrase is the verb it saw. */
    static boolean repairVerbPhrases(String[] words, String[] penn, String[] chunks) {
        boolean changed = false;
        for (int i = 0; i < words.length; i++) {
            if (penn[i].startsWith("NN") && chunks[i].endsWith("-VP")) {
                penn[i] = words[i].endsWith("ing") ? "VBG" : "VBZ";
                changed = true;
            }
        }
        return changed;
    }
}
