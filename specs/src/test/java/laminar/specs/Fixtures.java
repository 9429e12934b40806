package laminar.specs;

import laminar.model.ExtractionOptions;
import laminar.analysis.LaminarAnalysis;
import laminar.analysis.LaminarResults;
import laminar.kernels.Backends;
import laminar.kernels.KernelBackend;
import laminar.model.Activations;
import laminar.model.Gpt2Extractor;
import laminar.model.Gpt2Tokenizer;
import laminar.model.TokenPosition;
import laminar.model.TokenizedStimuli;
import org.junit.jupiter.api.Assumptions;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the part specs compare with the golden values, computed once per JVM: (a) laminar's analyses on the
 * golden activations (the notebook's own Q/K/V) and (b) end to end, from the bundled checkpoint through
 * laminar's extraction. Each on every kernel backend: specs take the backend name as a parameter, and a backend
 * that is not installed here is skipped with a visible reason.
 */
final class Fixtures {

    /** Backends every spec is run on; see {@link #assumeBackend}. */
    static final String BACKENDS = "laminar.specs.Fixtures#backends";

    private static final Map<String, LaminarResults> ON_GOLDEN = new ConcurrentHashMap<>();
    private static final Map<String, LaminarResults> END_TO_END = new ConcurrentHashMap<>();
    private static volatile Activations extracted;

    private Fixtures() {
    }

    static String[] backends() {
        return new String[] {"java", "tornado"};
    }

    /** Skips (visibly) when the backend is not installed in this build. */
    static KernelBackend assumeBackend(String name) {
        Assumptions.assumeTrue(Backends.available().contains(name),
                () -> "kernel backend '" + name + "' is not installed here (TornadoVM backend: build with"
                        + " TORNADOVM_HOME set, see kernels-tornado/README.md); skipped");
        return Backends.get(name);
    }

    /** (a) laminar's analyses on the notebook's own activations. */
    static LaminarResults onGoldenActivations(String backend) {
        KernelBackend kernels = assumeBackend(backend);
        return ON_GOLDEN.computeIfAbsent(backend, b -> analyse(Golden.notebook34().activations(), kernels));
    }

    /** (b) laminar end to end: extraction from the bundled checkpoint, then the analyses. */
    static LaminarResults endToEnd(String backend) {
        KernelBackend kernels = assumeBackend(backend);
        return END_TO_END.computeIfAbsent(backend, b -> analyse(extracted(), kernels));
    }

    /** laminar's activations for the golden stimuli, from the bundled checkpoint (computed once). */
    static synchronized Activations extracted() {
        if (extracted == null) {
            Golden g = Golden.notebook34();
            try (Gpt2Tokenizer tok = Gpt2Tokenizer.load(Golden.checkpoint());
                 Gpt2Extractor ex = Gpt2Extractor.open(Golden.checkpoint(),
                         ExtractionOptions.defaults().withProgress(false))) {
                TokenizedStimuli stimuli = TokenizedStimuli.of(tok, g.template(), g.words().texts());
                extracted = ex.extract(stimuli);
            }
        }
        return extracted;
    }

    private static LaminarResults analyse(Activations acts, KernelBackend kernels) {
        Golden g = Golden.notebook34();
        int layer = g.json("part2").get("layer").getAsInt();
        int position = g.json("part2").get("position").getAsInt();
        long seed = g.json("part7").get("seed").getAsLong();
        return LaminarAnalysis.run(acts, g.words(), layer, new TokenPosition.FromStart(position), seed, kernels);
    }
}
