package laminar.cli;

import laminar.LaminarException;
import laminar.figures.Figures;
import laminar.report.OutputDirectory;
import laminar.report.html.CompareReport;
import laminar.report.html.ComparedRun;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code laminar compare}: the profiles of several runs overlaid in one set of figures and one report. */
@Command(name = "compare", mixinStandardHelpOptions = true,
        description = "Overlay the laminar profiles of several run directories: figures (PNG 300 dpi + SVG) and report.html.")
final class CompareCommand implements Callable<Integer> {

    @Parameters(paramLabel = "RUN_DIR", arity = "1..*", description = "Directories written by laminar run, analyze or demo.")
    List<Path> runs = new ArrayList<>();

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output directory.")
    Path out;

    @Option(names = "--labels", split = ",", paramLabel = "LABEL",
            description = "One name per run, comma-separated (default: the directories' names).")
    List<String> labels = new ArrayList<>();

    @Option(names = "--depth", defaultValue = "index", paramLabel = "index|relative",
            description = "Layer axis: layer index, or relative depth 0-1 for models of different depth (default: ${DEFAULT-VALUE}).")
    String depth;

    @Option(names = "--force", description = "Replace an existing output directory.")
    boolean force;

    @Override
    public Integer call() {
        if (!depth.equals("index") && !depth.equals("relative")) {
            throw new LaminarException("--depth must be 'index' or 'relative', got '" + depth + "'");
        }
        List<ComparedRun> read = CompareReport.read(runs, labels);
        try (OutputDirectory output = OutputDirectory.open(out, force)) {
            Figures.Report figures = CompareReport.write(output.path(), read, depth.equals("relative"),
                    Main.arguments());
            figures.failures().forEach(f -> System.err.println("laminar: figure not written: " + f));
            output.commit();
        }
        System.err.printf("laminar: wrote %s (report.html, figures for %d runs)%n", out, read.size());
        return Main.OK;
    }
}
