package org.instancecap.eval.inseval;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import org.instancecap.core.InstanceCapException;
import org.instancecap.core.io.BadLine;
import org.instancecap.core.json.Json;
import org.instancecap.core.json.JsonLinesReader;

/**
 * The scores of a run, per set and dimension: the share of judged videos that pass, in %. A video
 * that is missing or cannot be decoded is judged and fails; one the judge could not judge (the
 * offline proxy) is "not judged", and one whose judging failed (a server error) or that no run has
 * reached yet is "not scored"; neither counts either way.
 */
public record InsevalTable(String judge, boolean offline, List<Cell> cells, List<String> missing) {

    /** The paper's Table 2 columns, in its order. */
    static final List<String> PAPER = List.of("single/action", "single/color", "single/shape", "single/texture", "single/detail",
            "multiple/action", "multiple/color", "multiple/texture");
    /** The dimensions the paper's table leaves out. */
    static final List<String> EXTRA = List.of("multiple/shape", "multiple/detail");

    /** What happened to one prompt, as the results and errors files say. */
    enum Outcome { PASS, FAIL, MISSING, NOT_JUDGED, NOT_SCORED }

    /**
     * One set and dimension.
     *
     * @param failed    including the missing and unreadable videos
     * @param notScored judging failed, or not reached yet
     * @param judgeable whether the judge judges this dimension at all (the offline proxy: colour only)
     */
    public record Cell(String set, Dimension dimension, int prompts, int passed, int failed, int missing, int notJudged, int notScored,
                       boolean judgeable) {
        public String key() {
            return set + "/" + dimension.id();
        }

        /**
         * The share of judged videos that pass, in %; null when none was judged, or when the judge does
         * not judge the dimension (its missing videos alone would make a score).
         */
        public Double score() {
            int judged = passed + failed;
            return judged == 0 || !judgeable ? null : 100.0 * passed / judged;
        }
    }

    public InsevalTable {
        cells = List.copyOf(cells);
        missing = List.copyOf(missing);
    }

    /**
     * The table of {@code prompts} from a run's results and errors files (either may be absent). A
     * line that cannot be read is told to {@code bad}.
     */
    public static InsevalTable read(List<InsevalPrompt> prompts, Path results, Path errors, String judge, boolean offline,
                                    Consumer<BadLine> bad) {
        Map<String, Outcome> outcomes = new HashMap<>();
        try {
            if (Files.exists(results)) {
                JsonLinesReader.forEach(results, (n, record) -> {
                    String video = record.path("video").asText(null);
                    String verdict = record.path("verdict").asText("");
                    if (video != null) {
                        outcomes.put(video, switch (verdict) {
                            case "pass" -> Outcome.PASS;
                            case "fail" -> Outcome.FAIL;
                            default -> Outcome.NOT_JUDGED;
                        });
                    }
                }, bad);
            }
            if (Files.exists(errors)) {
                JsonLinesReader.forEach(errors, (n, record) -> {
                    String video = record.path("video").asText(null);
                    String stage = record.path("stage").asText("");
                    if (video != null) {
                        outcomes.put(video, stage.equals("missing") ? Outcome.MISSING : stage.equals("decode") ? Outcome.FAIL
                                : Outcome.NOT_SCORED);
                    }
                }, bad);
            }
        } catch (IOException e) {
            throw new InstanceCapException("cannot read " + results + ": " + e.getMessage(), e);
        }
        return of(prompts, outcomes, judge, offline);
    }

    static InsevalTable of(List<InsevalPrompt> prompts, Map<String, Outcome> outcomes, String judge, boolean offline) {
        List<Cell> cells = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (String set : List.of("single", "multiple")) {
            for (Dimension dimension : Dimension.values()) {
                int[] counts = new int[Outcome.values().length];
                int total = 0;
                for (InsevalPrompt prompt : prompts) {
                    if (prompt.set().equals(set) && prompt.dimension() == dimension) {
                        total++;
                        Outcome outcome = outcomes.getOrDefault(prompt.video(), Outcome.NOT_SCORED);
                        counts[outcome.ordinal()]++;
                        if (outcome == Outcome.MISSING) {
                            missing.add(prompt.video());
                        }
                    }
                }
                if (total > 0) {
                    cells.add(new Cell(set, dimension, total, counts[Outcome.PASS.ordinal()],
                            counts[Outcome.FAIL.ordinal()] + counts[Outcome.MISSING.ordinal()], counts[Outcome.MISSING.ordinal()],
                            counts[Outcome.NOT_JUDGED.ordinal()], counts[Outcome.NOT_SCORED.ordinal()],
                            !offline || OfflineProxyJudge.JUDGES.contains(dimension)));
                }
            }
        }
        return new InsevalTable(judge, offline, cells, missing);
    }

    public Cell cell(String key) {
        return cells.stream().filter(c -> c.key().equals(key)).findFirst().orElse(null);
    }

    /** The mean of the paper's eight columns, or null unless each has a score. */
    public Double average() {
        double sum = 0;
        for (String key : PAPER) {
            Cell cell = cell(key);
            if (cell == null || cell.score() == null) {
                return null;
            }
            sum += cell.score();
        }
        return sum / PAPER.size();
    }

    /** Whether every prompt got a verdict or "not judged". */
    public boolean complete() {
        return cells.stream().allMatch(c -> c.notScored() == 0);
    }

    private String judgeLine() {
        return offline ? "**Offline proxy judge** (" + judge + "): NOT the paper's judge. Class presence by the built-in COCO "
                + "detector, colour by naming the colours of the instance's mask; it judges colour only, every other dimension "
                + "is \"not judged\", and so are classes with no COCO counterpart and colours it cannot name."
                : "Judge: " + judge + " (the Inseval chain of questions to a multimodal chat model).";
    }

    /** The table as Markdown, every missing video named. */
    public String markdown() {
        return markdown(Integer.MAX_VALUE);
    }

    /** The table as Markdown, naming at most {@code listed} of the missing videos (for a terminal). */
    public String markdown(int listed) {
        StringBuilder md = new StringBuilder("# Inseval\n\n").append(judgeLine()).append("\n\n")
                .append("Score: the share of judged videos that pass, in %. Missing and unreadable videos count as failures.\n\n");
        md.append("| Single action | Single color | Single shape | Single texture | Single detail | Multiple action | Multiple color "
                + "| Multiple texture | Average |\n|---|---|---|---|---|---|---|---|---|\n|");
        for (String key : PAPER) {
            md.append(' ').append(format(cell(key) == null ? null : cell(key).score())).append(" |");
        }
        md.append(' ').append(format(average())).append(" |\n\nNot in the paper's table:\n\n| Multiple shape | Multiple detail |\n"
                + "|---|---|\n|");
        for (String key : EXTRA) {
            md.append(' ').append(format(cell(key) == null ? null : cell(key).score())).append(" |");
        }
        md.append("\n\n| set | dimension | prompts | passed | failed | of them missing | not judged | not scored | score |\n"
                + "|---|---|---|---|---|---|---|---|---|\n");
        for (Cell c : cells) {
            md.append(String.format(Locale.ROOT, "| %s | %s | %d | %d | %d | %d | %d | %d | %s |%n", c.set(), c.dimension().id(), c.prompts(),
                    c.passed(), c.failed(), c.missing(), c.notJudged(), c.notScored(), c.judgeable() ? format(c.score()) : "not judged"));
        }
        if (!complete()) {
            md.append("\nIncomplete: some prompts are not scored yet (a judging error, or a run that stopped); run again with "
                    + "`--retry-failed`.\n");
        }
        if (!missing.isEmpty()) {
            md.append("\nMissing videos (").append(missing.size()).append("): ")
                    .append(String.join(", ", missing.subList(0, Math.min(listed, missing.size()))))
                    .append(missing.size() > listed ? ", and " + (missing.size() - listed) + " more" : "").append('\n');
        }
        return md.toString();
    }

    public ObjectNode toJson() {
        ObjectNode root = Json.mapper().createObjectNode();
        root.put("judge", judge);
        root.put("offline", offline);
        root.put("complete", complete());
        ObjectNode paper = root.putObject("paper");
        for (String key : PAPER) {
            put(paper, key);
        }
        putScore(paper, "average", average());
        ObjectNode extra = root.putObject("extra");
        for (String key : EXTRA) {
            put(extra, key);
        }
        ArrayNode list = root.putArray("cells");
        for (Cell c : cells) {
            ObjectNode node = list.addObject();
            node.put("set", c.set());
            node.put("dimension", c.dimension().id());
            node.put("prompts", c.prompts());
            node.put("passed", c.passed());
            node.put("failed", c.failed());
            node.put("missing", c.missing());
            node.put("notJudged", c.notJudged());
            node.put("notScored", c.notScored());
            node.put("judged", c.judgeable());
            putScore(node, "score", c.score());
        }
        ArrayNode gone = root.putArray("missing");
        missing.forEach(gone::add);
        return root;
    }

    private void put(ObjectNode node, String key) {
        Cell cell = cell(key);
        putScore(node, key, cell == null ? null : cell.score());
    }

    private static void putScore(ObjectNode node, String field, Double score) {
        if (score == null) {
            node.putNull(field);
        } else {
            node.put(field, Math.round(score * 100) / 100.0);
        }
    }

    private static String format(Double score) {
        return score == null ? "—" : String.format(Locale.ROOT, "%.1f", score);
    }
}
