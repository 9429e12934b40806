package laminar.stimuli;

import laminar.LaminarException;
import laminar.json.StrictJson;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * The stimulus words and their categories, in the user's order.
 *
 * <p>File format: UTF-8 text, one {@code category<TAB>word} per line; {@code #} comments and blank lines are
 * ignored; a category is any label. Categories are numbered in order of first appearance; the words need not be
 * sorted by category.
 *
 * <pre>{@code
 * WordList words = WordList.read(Path.of("words.tsv"));
 * int[] codes = words.categoryCodes();   // 0, 0, 1, 2, 1, ...
 * }</pre>
 */
public record WordList(List<Word> words) {

    /** The notebook's 34 words in three categories, bundled as a resource. */
    public static final String NOTEBOOK_RESOURCE = "/laminar/stimuli/notebook-34.tsv";

    public WordList {
        words = List.copyOf(words);
        validate(words);
    }

    /** Reads and validates a words file. */
    public static WordList read(Path file) {
        try {
            return parse(Files.readAllBytes(file), file.toString());
        } catch (NoSuchFileException e) {
            throw new LaminarException("words file not found: " + file
                    + " (give a UTF-8 file with one 'category<TAB>word' per line)");
        } catch (IOException e) {
            throw new LaminarException("cannot read words file " + file + ": " + e.getMessage());
        }
    }

    /** Parses the bytes of a words file (UTF-8); {@code source} names it in messages. */
    static WordList parse(byte[] bytes, String source) {
        return parse(decode(bytes, source), source);
    }

    /** The notebook's own stimuli (astronomy, household, fruit). */
    public static WordList notebook() {
        try (InputStream in = WordList.class.getResourceAsStream(NOTEBOOK_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + NOTEBOOK_RESOURCE);
            }
            return parse(decode(in.readAllBytes(), NOTEBOOK_RESOURCE), NOTEBOOK_RESOURCE);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Parses the text of a words file; {@code source} names it in messages. */
    public static WordList parse(String text, String source) {
        List<Word> list = new ArrayList<>();
        String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] parts = lines[i].split("\t", -1);
            if (parts.length != 2 || parts[0].isBlank() || parts[1].isBlank()) {
                throw new LaminarException(source + ":" + (i + 1) + ": expected 'category<TAB>word', got '"
                        + StrictJson.printable(lines[i]) + "' (separate the category and the word with one tab)");
            }
            list.add(new Word(parts[1].strip(), parts[0].strip()));
        }
        if (list.isEmpty()) {
            throw new LaminarException(source + " has no words (one 'category<TAB>word' per line)");
        }
        return new WordList(list);
    }

    private static String decode(byte[] bytes, String source) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(bytes)).toString()
                    .replace("\uFEFF", "");
        } catch (CharacterCodingException e) {
            throw new LaminarException(source + " is not valid UTF-8 (save it as UTF-8)");
        }
    }

    private static void validate(List<Word> words) {
        if (words.isEmpty()) {
            throw new LaminarException("the word list is empty (give at least two categories with words)");
        }
        Map<String, Integer> seen = new HashMap<>();
        for (Word w : words) {
            if (seen.put(w.word(), 1) != null) {
                throw new LaminarException("duplicate word '" + StrictJson.printable(w.word()) + "' in the word list (each word once)");
            }
        }
        Map<String, Integer> perCategory = countPerCategory(words);
        if (perCategory.size() < 2) {
            throw new LaminarException("the word list has " + perCategory.size()
                    + " category; within- vs across-category selectivity needs at least 2");
        }
        if (perCategory.values().stream().allMatch(c -> c < 2)) {
            throw new LaminarException("every category has a single word, so there are no within-category pairs;"
                    + " give at least one category two or more words");
        }
    }

    private static Map<String, Integer> countPerCategory(List<Word> words) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (Word w : words) {
            counts.merge(w.category(), 1, Integer::sum);
        }
        return counts;
    }

    public int size() {
        return words.size();
    }

    /** The words, in order. */
    public List<String> texts() {
        return words.stream().map(Word::word).toList();
    }

    /** Category labels in order of first appearance. */
    public List<String> categories() {
        return List.copyOf(new LinkedHashSet<>(words.stream().map(Word::category).toList()));
    }

    /** Category code of each word: index of its label in {@link #categories()}. */
    public int[] categoryCodes() {
        List<String> cats = categories();
        return words.stream().mapToInt(w -> cats.indexOf(w.category())).toArray();
    }

    /** Number of words per category, in {@link #categories()} order. */
    public Map<String, Integer> counts() {
        return countPerCategory(words);
    }
}
