package laminar.figures;

import laminar.analysis.LaminarResults;
import laminar.figures.parts.Laminar3dFigure;
import laminar.figures.parts.LayerLinesFigure;
import laminar.figures.parts.Part1Figure;
import laminar.figures.parts.Part2aFigure;
import laminar.figures.parts.Part3aFigure;
import laminar.figures.parts.Part3bFigure;
import laminar.figures.parts.Part5Figure;
import laminar.figures.parts.Part6aFigure;
import laminar.figures.parts.Part6bFigure;
import laminar.figures.parts.Part7aFigure;
import laminar.figures.plot.Drawing;
import laminar.figures.plot.Export;
import laminar.figures.plot.MatrixImage;
import laminar.figures.plot.ScatterLayer;
import laminar.model.Activations;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The notebook's eleven figures plus the 3D laminar view, each as a 300 dpi PNG and an SVG.
 *
 * <pre>{@code
 * Figures.Report report = Figures.writeAll(results, activations, outDir.resolve("figures"));
 * report.failures().forEach(System.err::println);   // figures never throw: failures are reported
 * }</pre>
 *
 * <p>Names follow the notebook's {@code ch6_proj38_<name>.png}: {@code part1, part2a, part2b, part3a, part3b,
 * part4, part5, part6a, part6b, part7a, part7b} and {@code laminar3d}. Rendering is headless and deterministic
 * (same results → byte-identical files). Large inputs stay practical: scatter clouds over
 * {@link ScatterLayer#VECTOR_LIMIT} points and all heatmaps are raster layers embedded in the SVG, axes and text
 * stay vectors (see {@link ScatterLayer} and {@link MatrixImage}).
 */
public final class Figures {

    static {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    /** Every figure, in the order written. */
    public static final List<String> NAMES = List.of("part1", "part2a", "part2b", "part3a", "part3b", "part4",
            "part5", "part6a", "part6b", "part7a", "part7b", "laminar3d");

    private Figures() {
    }

    /**
     * What {@link #writeAll} did: the files written (PNG and SVG of each figure that rendered, in figure order)
     * and, per figure that did not, why. A failed figure writes no file and never stops the others.
     *
     * @param written the files written
     * @param failed figure name → one-line reason, in figure order
     * @param unwritable the failed figures that were drawn but whose files could not be written (a full disk, no
     *     permission): the environment's fault, where the others are laminar's
     */
    public record Report(List<Path> written, Map<String, String> failed, java.util.Set<String> unwritable) {

        public Report {
            written = List.copyOf(written);
            failed = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(failed));
            unwritable = java.util.Set.copyOf(unwritable);
        }

        /** Whether every figure was written. */
        public boolean complete() {
            return failed.isEmpty();
        }

        /** One line per failed figure, {@code name: reason}; empty when complete. */
        public List<String> failures() {
            return failed.entrySet().stream().map(e -> e.getKey() + ": " + e.getValue()).toList();
        }
    }

    /**
     * Writes every figure to {@code dir} (created if needed) as {@code <name>.png} and {@code <name>.svg}.
     * {@code acts} feeds Part 2a's scatter plots; without it (null) part2a is reported as failed. Never throws for
     * a figure that cannot be drawn: it is reported, and the others are still written.
     */
    public static Report writeAll(LaminarResults results, Activations acts, Path dir) {
        Map<String, Supplier<Drawing>> figures = new LinkedHashMap<>();
        for (String name : NAMES) {
            figures.put(name, () -> build(name, results, acts));
        }
        return write(figures, dir);
    }

    /** One figure, not yet drawn (for a caller that wants a single figure or other formats). */
    public static Drawing build(String name, LaminarResults r, Activations acts) {
        return switch (name) {
            case "part1" -> Part1Figure.build(r);
            case "part2a" -> Part2aFigure.build(r, acts);
            case "part2b" -> LayerLinesFigure.part2b(r.part2().byLayer());
            case "part3a" -> Part3aFigure.build(r);
            case "part3b" -> Part3bFigure.build(r);
            case "part4" -> LayerLinesFigure.part4(r.part4().rsa());
            case "part5" -> Part5Figure.build(r);
            case "part6a" -> Part6aFigure.build(r.part6());
            case "part6b" -> Part6bFigure.build(r.part6(), false);
            case "part7a" -> Part7aFigure.build(r.part7().illustration());
            case "part7b" -> Part6bFigure.build(r.part7().selectivity(), true);
            case "laminar3d" -> Laminar3dFigure.build(r.part6());
            default -> throw new IllegalArgumentException("no figure '" + name + "' (one of " + NAMES + ")");
        };
    }

    /**
     * Renders and writes each figure (name → drawing) as PNG and SVG into {@code dir}; a failure is recorded and
     * the next figure goes on. {@code laminar compare} writes its figures through it.
     */
    public static Report write(Map<String, Supplier<Drawing>> figures, Path dir) {
        List<Path> written = new ArrayList<>();
        Map<String, String> failed = new LinkedHashMap<>();
        java.util.Set<String> unwritable = new java.util.HashSet<>();
        try {
            Files.createDirectories(dir);
        } catch (IOException | RuntimeException e) {
            for (String name : figures.keySet()) {
                failed.put(name, "cannot create " + dir + ": " + e.getMessage());
            }
            return new Report(written, failed, figures.keySet());
        }
        // Figures are independent: render them on all cores (each into its own image and SVG document), then
        // write and report in the fixed order. Output bytes do not depend on the schedule.
        List<String> names = List.copyOf(figures.keySet());
        Object[] outcome = new Object[names.size()];
        java.util.stream.IntStream.range(0, names.size()).parallel().forEach(i -> {
            try {
                Drawing d = figures.get(names.get(i)).get();
                outcome[i] = new byte[][] {Export.png(d), Export.svg(d, names.get(i))};
            } catch (Exception | OutOfMemoryError | StackOverflowError e) {
                outcome[i] = e;
            }
        });
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i);
            Path png = dir.resolve(name + ".png");
            Path svg = dir.resolve(name + ".svg");
            try {
                if (outcome[i] instanceof Throwable t) {
                    throw t;
                }
                byte[][] bytes = (byte[][]) outcome[i];
                writeAtomically(png, bytes[0]);
                writeAtomically(svg, bytes[1]);
                written.add(png);
                written.add(svg);
            } catch (Throwable e) {
                failed.put(name, reason(e));
                if (e instanceof IOException) {
                    unwritable.add(name);
                }
                try {
                    Files.deleteIfExists(png);
                    Files.deleteIfExists(svg);
                } catch (IOException ignored) {
                    // the failure above is what gets reported
                }
            }
        }
        return new Report(written, failed, unwritable);
    }

    private static String reason(Throwable e) {
        String msg = e.getMessage();
        String what = e.getClass().getSimpleName();
        return msg == null || msg.isBlank() ? what : what + ": " + msg.replace('\n', ' ');
    }

    private static void writeAtomically(Path target, byte[] bytes) throws IOException {
        Path tmp = target.resolveSibling("." + target.getFileName() + ".tmp");
        try {
            Files.write(tmp, bytes);
            try {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
