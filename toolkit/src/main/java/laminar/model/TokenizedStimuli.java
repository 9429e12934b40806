package laminar.model;

import laminar.LaminarException;

import java.util.ArrayList;
import java.util.List;

/**
 * The sentences of an experiment, tokenized: the template with each word filled in, each sentence's token ids,
 * and which of its tokens belong to the word.
 *
 * <p>The analyses read each sentence's <b>last</b> token. The notebook silently assumes every word is one token
 * at the end of the sentence; {@link #report()} says, before any compute, for which words that is not so and
 * what is analysed for them instead (always the sentence's last token). Sentences may have unequal lengths.
 */
public final class TokenizedStimuli {

    /** The placeholder a template must contain exactly once. */
    public static final String PLACEHOLDER = "{word}";

    private final String template;
    private final List<String> words;
    private final List<String> sentences;
    private final int[][] tokenIds;
    private final String[][] tokens;
    private final int[] wordStart;
    private final int[] wordEnd;

    private TokenizedStimuli(String template, List<String> words, List<String> sentences, int[][] tokenIds,
                             String[][] tokens, int[] wordStart, int[] wordEnd) {
        this.template = template;
        this.words = List.copyOf(words);
        this.sentences = List.copyOf(sentences);
        this.tokenIds = tokenIds;
        this.tokens = tokens;
        this.wordStart = wordStart;
        this.wordEnd = wordEnd;
    }

    /** Fills {@code template} with each word and tokenizes the sentences. */
    public static TokenizedStimuli of(Gpt2Tokenizer tokenizer, String template, List<String> words) {
        checkTemplate(template);
        if (words == null || words.isEmpty()) {
            throw new LaminarException("the word list is empty; give at least one word (one per line, or"
                    + " category<TAB>word)");
        }
        int at = template.indexOf(PLACEHOLDER);
        String before = template.substring(0, at);
        String after = template.substring(at + PLACEHOLDER.length());
        int[] beforeIds = before.isEmpty() ? new int[0] : tokenizer.encode(before).ids();
        int[] afterIds = after.isEmpty() ? new int[0] : tokenizer.encode(after).ids();
        int n = words.size();
        List<String> sentences = new ArrayList<>(n);
        int[][] ids = new int[n][];
        String[][] toks = new String[n][];
        int[] start = new int[n];
        int[] end = new int[n];
        for (int w = 0; w < n; w++) {
            String word = words.get(w);
            if (word == null || word.isBlank()) {
                throw new LaminarException("word " + (w + 1) + " of the word list is empty; remove the blank entry");
            }
            String sentence = before + word + after;
            Gpt2Tokenizer.Encoded e = tokenizer.encode(sentence);
            if (e.length() == 0) {
                throw new LaminarException("the sentence \"" + sentence + "\" has no tokens; check the template and word");
            }
            sentences.add(sentence);
            ids[w] = e.ids();
            toks[w] = e.tokens();
            // The word's tokens: what is left after the template's own tokens on either side. When BPE merges
            // across the boundary the shared part is smaller, and the merged tokens count as the word's.
            start[w] = commonPrefix(beforeIds, ids[w]);
            end[w] = Math.max(start[w], ids[w].length - commonSuffix(afterIds, ids[w], start[w]));
        }
        return new TokenizedStimuli(template, words, sentences, ids, toks, start, end);
    }

    /** Stimuli given directly as token ids (no template); every sentence's last token is taken as its word. */
    public static TokenizedStimuli ofTokenIds(List<String> words, int[][] tokenIds) {
        if (words.isEmpty()) {
            throw new LaminarException("the word list is empty; give at least one word");
        }
        if (words.size() != tokenIds.length) {
            throw new IllegalArgumentException(words.size() + " words but " + tokenIds.length + " token lists");
        }
        int n = words.size();
        int[] start = new int[n];
        int[] end = new int[n];
        String[][] toks = new String[n][];
        List<String> sentences = new ArrayList<>();
        for (int w = 0; w < n; w++) {
            if (tokenIds[w].length == 0) {
                throw new LaminarException("sentence " + (w + 1) + " has no tokens");
            }
            start[w] = tokenIds[w].length - 1;
            end[w] = tokenIds[w].length;
            toks[w] = new String[tokenIds[w].length];
            for (int i = 0; i < toks[w].length; i++) {
                toks[w][i] = "#" + tokenIds[w][i];
            }
            sentences.add(words.get(w));
        }
        return new TokenizedStimuli(null, words, sentences, tokenIds.clone(), toks, start, end);
    }

    static void checkTemplate(String template) {
        new laminar.stimuli.Template(template); // the one template rule, with its message
    }

    private static int commonPrefix(int[] a, int[] b) {
        int n = Math.min(a.length, b.length);
        int i = 0;
        while (i < n && a[i] == b[i]) {
            i++;
        }
        return i;
    }

    private static int commonSuffix(int[] a, int[] b, int floor) {
        int i = 0;
        while (i < a.length && b.length - 1 - i >= floor && a[a.length - 1 - i] == b[b.length - 1 - i]) {
            i++;
        }
        return i;
    }

    /** The template, or {@code null} when built from token ids. */
    public String template() {
        return template;
    }

    public List<String> words() {
        return words;
    }

    public List<String> sentences() {
        return sentences;
    }

    public int size() {
        return words.size();
    }

    /** Token ids of every sentence (a view; do not modify). */
    public int[][] tokenIds() {
        return tokenIds;
    }

    /** Token strings of sentence {@code w} as byte-level symbols. */
    public String[] tokens(int w) {
        return tokens[w].clone();
    }

    /** Number of tokens of the word in sentence {@code w} (0 when BPE merged it into the template's tokens). */
    public int wordTokens(int w) {
        return wordEnd[w] - wordStart[w];
    }

    /** The longest sentence, in tokens. */
    public int maxLength() {
        int m = 0;
        for (int[] t : tokenIds) {
            m = Math.max(m, t.length);
        }
        return m;
    }

    /** Whether sentence {@code w}'s last token is exactly its word (one token, nothing after it). */
    public boolean regular(int w) {
        return wordEnd[w] - wordStart[w] == 1 && wordEnd[w] == tokenIds[w].length;
    }

    /** Indices of the sentences that are not {@link #regular}. */
    public List<Integer> irregular() {
        List<Integer> out = new ArrayList<>();
        for (int w = 0; w < size(); w++) {
            if (!regular(w)) {
                out.add(w);
            }
        }
        return out;
    }

    /** Refuses a sentence longer than the model's context. */
    public void checkFits(int nPositions) {
        for (int w = 0; w < size(); w++) {
            if (tokenIds[w].length > nPositions) {
                throw new LaminarException("the sentence \"" + sentences.get(w) + "\" has " + tokenIds[w].length
                        + " tokens, more than the model's n_positions " + nPositions + "; shorten the template or word");
            }
        }
    }

    /** Refuses a fixed token position (counted from the sentence start) beyond a sentence's end. */
    public void checkPosition(int index) {
        for (int w = 0; w < size(); w++) {
            if (index >= tokenIds[w].length) {
                throw new LaminarException("token position " + index + " is beyond the sentence \"" + sentences.get(w)
                        + "\" (" + tokenIds[w].length + " tokens); choose a position below " + tokenIds[w].length);
            }
        }
    }

    /**
     * A human-readable note on the words that are not a single token at the end of their sentence and what is
     * analysed for them; the empty string when every word is.
     */
    public String report() {
        List<Integer> odd = irregular();
        if (odd.isEmpty()) {
            return "";
        }
        StringBuilder sb = new StringBuilder();
        sb.append("laminar: ").append(odd.size()).append(" of ").append(size()).append(" words ")
                .append(odd.size() == 1 ? "is" : "are").append(" not a single token at the end of ")
                .append(template == null ? "its sentence" : "\"" + template + "\"")
                .append("; for ").append(odd.size() == 1 ? "it" : "them")
                .append(" the sentence's last token is analysed:");
        for (int w : odd) {
            sb.append("\n  ").append(words.get(w)).append(": ");
            int k = wordTokens(w);
            if (k == 0) {
                sb.append("merged into the template's tokens");
            } else {
                for (int i = wordStart[w]; i < wordEnd[w]; i++) {
                    sb.append(i > wordStart[w] ? " + " : "").append(quote(tokens[w][i]));
                }
                sb.append(" (").append(k).append(k == 1 ? " token" : " tokens").append(")");
            }
            sb.append(" -> analysed ").append(quote(tokens[w][tokens[w].length - 1]));
            if (wordEnd[w] < tokenIds[w].length) {
                sb.append(" (after the word, from the template)");
            }
        }
        return sb.toString();
    }

    private static String quote(String symbols) {
        return symbols.startsWith("#") ? symbols : "'" + ByteLevel.decode(symbols) + "'";
    }
}
