package laminar.model;

import laminar.model.io.ActivationsFile;
import java.io.PrintStream;
import java.util.List;

/**
 * Part 1 in one call: resolve the checkpoint, tokenize, report odd words, extract, summarise. {@link #main} is the
 * extraction benchmark of BENCHMARKS.md:
 * <pre>
 * java --enable-native-access=ALL-UNNAMED -Dai.djl.offline=true -cp 'toolkit/target/laminar-toolkit.jar:toolkit/target/lib/*' \
 *     laminar.model.Extraction --model /tmp/xl-random --words golden/words/notebook-34.tsv [--out acts.safetensors]
 *     [--template 'The next word is {word}'] [--no-share-prefix] [--threads N] [--device cpu|cuda] [--quiet]
 * </pre>
 */
public final class Extraction {

    private Extraction() {
    }

    /** Command line (see class doc); prints the summary, time to first layer and achieved GFLOP/s on stderr. */
    public static void main(String[] args) throws java.io.IOException {
        String model = null;
        java.nio.file.Path wordsFile = null;
        java.nio.file.Path out = null;
        String template = "The next word is {word}";
        ExtractionOptions options = ExtractionOptions.defaults().withProgress(Progress.wanted(false));
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--model" -> model = args[++i];
                case "--words" -> wordsFile = java.nio.file.Path.of(args[++i]);
                case "--out" -> out = java.nio.file.Path.of(args[++i]);
                case "--template" -> template = args[++i];
                case "--no-share-prefix" -> options = options.withSharePrefix(false);
                case "--threads" -> options = options.withThreads(Integer.parseInt(args[++i]));
                case "--device" -> options = options.withDevice(args[++i]);
                case "--quiet" -> options = options.withProgress(false);
                default -> {
                    System.err.println("Extraction: unknown option " + args[i]);
                    System.exit(2);
                }
            }
        }
        if (model == null || wordsFile == null) {
            System.err.println("usage: Extraction --model DIR|NAME --words FILE [--out FILE] [--template T]"
                    + " [--no-share-prefix] [--threads N] [--device cpu|cuda] [--quiet]");
            System.exit(2);
        }
        List<String> words = new java.util.ArrayList<>();
        for (String line : java.nio.file.Files.readAllLines(wordsFile)) {
            if (!line.isBlank() && !line.startsWith("#")) {
                String[] parts = line.split("\t");
                words.add(parts[parts.length - 1].strip());
            }
        }
        long t0 = System.nanoTime();
        try {
            Checkpoint ckpt = Checkpoint.resolve(model, options.progress());
            TokenizedStimuli stimuli;
            try (Gpt2Tokenizer tok = Gpt2Tokenizer.load(ckpt.directory())) {
                stimuli = TokenizedStimuli.of(tok, template, words);
            }
            String report = stimuli.report();
            if (!report.isEmpty()) {
                System.err.println(report);
            }
            try (Gpt2Extractor ex = Gpt2Extractor.open(ckpt, options)) {
                double opened = (System.nanoTime() - t0) / 1e9;
                Activations acts = ex.extract(stimuli);
                ExtractionStats st = ex.lastStats();
                Gpt2Config c = ex.config();
                double perRow = 2.0 * c.nEmbd() * 3 * c.nEmbd();
                double perRowRest = 2.0 * c.nEmbd() * c.nEmbd() + 4.0 * c.nEmbd() * c.nInner();
                double gflop = st.rowsComputed() * (perRow * c.nLayer() + perRowRest * (c.nLayer() - 1)) / 1e9;
                System.err.println(ex.summary(ckpt.name()));
                System.err.printf(java.util.Locale.ROOT, "laminar: open %.2f s, extract %.2f s (first layer %.2f s),"
                        + " %.1f GFLOP in matmuls = %.1f GFLOP/s, prefix %d tokens%n", opened, st.seconds(),
                        st.firstLayerSeconds(), gflop, gflop / st.seconds(), st.prefixTokens());
                if (out != null) {
                    ActivationsFile.write(out, acts, java.util.Map.of("model", ckpt.name(), "template", template));
                }
            }
        } catch (laminar.LaminarException e) {
            System.err.println("laminar: " + e.getMessage());
            System.exit(2);
        }
        System.err.printf(java.util.Locale.ROOT, "laminar: total %.2f s, peak RSS %s%n", (System.nanoTime() - t0) / 1e9,
                ProcessMemory.human(ProcessMemory.peakRssBytes()));
    }

    /**
     * Extracts every layer's Q/K/V of {@code model} (directory or Hub name) for {@code template} filled with
     * {@code words}. Notes (odd words before any compute, the summary after) go to {@code log}.
     */
    public static Activations run(String model, String template, List<String> words, ExtractionOptions options,
                                  PrintStream log) {
        TokenizedStimuli.checkTemplate(template);
        if (words == null || words.isEmpty()) {
            throw new laminar.LaminarException("the word list is empty; give at least one word");
        }
        Checkpoint ckpt = Checkpoint.resolve(model, options.progress());
        TokenizedStimuli stimuli;
        try (Gpt2Tokenizer tok = Gpt2Tokenizer.load(ckpt.directory())) {
            stimuli = TokenizedStimuli.of(tok, template, words);
        }
        stimuli.checkFits(ckpt.config().nPositions());
        String report = stimuli.report();
        if (!report.isEmpty()) {
            log.println(report);
        }
        try (Gpt2Extractor ex = Gpt2Extractor.open(ckpt, options)) {
            Activations acts = ex.extract(stimuli);
            log.println(ex.summary(ckpt.name()));
            return acts;
        }
    }
}
