package laminar.cli;

import laminar.LaminarException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code laminar demo}: {@code run} on the bundled random checkpoint with the notebook's stimuli, into
 * {@code results/}. Like {@code run}, it never replaces an existing output folder without {@code --force}, and
 * with it only one laminar wrote.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Run the notebook's experiment on the bundled random checkpoint into results/.")
final class DemoCommand implements Callable<Integer> {

    /** Where the bundled checkpoint lives, relative to laminar's home (the repository root). */
    static final String BUNDLED = "golden/models/tiny-gpt2";

    @Option(names = "--out", defaultValue = "results", paramLabel = "DIR", description = "Output directory (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--no-figures", description = "Write numbers only.")
    boolean noFigures;

    @Option(names = "--no-report", description = "Do not write report.html.")
    boolean noReport;

    @Option(names = "--backend", paramLabel = "NAME", description = "Kernel backend: java or tornado.")
    String backend;

    @Option(names = "--per-head", description = "Also every head: selectivity, Fisher-z and RSA per layer and head"
            + " into results.json 'heads' and the per-head figures.")
    boolean perHead;

    @Option(names = "--force", description = "Replace an existing output directory written by laminar.")
    boolean force;

    @Override
    public Integer call() {
        Path home = Path.of(System.getProperty("laminar.home", "."));
        Path checkpoint = home.resolve(BUNDLED);
        if (!Files.isDirectory(checkpoint)) {
            throw new LaminarException("the bundled checkpoint is missing at " + checkpoint
                    + " (run the demo from a laminar checkout, or set -Dlaminar.home)");
        }
        System.err.println("laminar demo: the bundled checkpoint has RANDOM weights; its numbers check the pipeline,"
                + " they are not science.");
        RunCommand run = new RunCommand(); // run's own defaults (its fields' initial values), the notebook's template
        run.analysis.noFigures = noFigures;
        run.analysis.noReport = noReport;
        run.analysis.backend = backend;
        run.perHead = perHead;
        return run.execute(checkpoint.toString(), laminar.stimuli.Template.NOTEBOOK.text(), out, force);
    }
}
