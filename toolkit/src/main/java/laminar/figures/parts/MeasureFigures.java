package laminar.figures.parts;

import laminar.analysis.MeasureResults;
import laminar.figures.Figures;
import laminar.figures.plot.ColorBar;
import laminar.figures.plot.ColorMap;
import laminar.figures.plot.Drawing;
import laminar.figures.plot.Figure;
import laminar.figures.plot.MatrixImage;
import laminar.figures.plot.Panel;
import laminar.figures.plot.Plots;
import laminar.model.Qkv;
import org.jfree.chart.plot.XYPlot;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The figures of laminar's additions under the chosen measure: {@code category_fit} (the category-model fit of Q,
 * K and V per layer, beside Part 6's t), {@code cka} (linear CKA Q-K, Q-V, K-V per layer) and {@code cka_layers}
 * (the layer × layer CKA maps of Q, K and V, {@code viridis} from 0 to 1).
 */
public final class MeasureFigures {

    /** The figure names, in the order they are written. */
    public static final List<String> NAMES = List.of("category_fit", "cka", "cka_layers");

    private MeasureFigures() {
    }

    /** Writes the three figures to {@code dir}; the report says which failed and why. */
    public static Figures.Report writeAll(MeasureResults m, Path dir) {
        Map<String, Supplier<Drawing>> figures = new LinkedHashMap<>();
        figures.put(NAMES.get(0), () -> categoryFit(m));
        if (m.cka() != null) { // not with --no-cka
            figures.put(NAMES.get(1), () -> cka(m));
            figures.put(NAMES.get(2), () -> ckaLayers(m));
        }
        return Figures.write(figures, dir);
    }

    static Figure categoryFit(MeasureResults m) {
        String how = m.options().compare().label();
        var plot = Plots.lines("Transformer layer", "Category fit",
                Plots.qkvSeries(m.categoryFit(), Part6aFigure.KINDS), true, true);
        return new Figure(10, 3, 1, 1, "Fit of the categorical model (same category 1, different 0) to the Q, K and V "
                + m.options().measure().label() + " matrices in each layer (" + how + " of the upper triangles)")
                .add(new Panel(plot).title("Category-model fit (" + how + ")"));
    }

    static Figure cka(MeasureResults m) {
        var plot = Plots.lines("Transformer layer", "Linear CKA",
                Plots.qkvSeries(m.cka(), LayerLinesFigure.PAIRS), true, true);
        return new Figure(10, 3, 1, 1, "Linear CKA between the Q, K and V activations in each layer")
                .add(new Panel(plot));
    }

    static Figure ckaLayers(MeasureResults m) {
        int layers = m.cka().length;
        Figure f = new Figure(10, 3.6, 1, 3, "Linear CKA between the layers, for Q, K and V");
        String[] letters = {"A", "B", "C"};
        for (Qkv kind : Qkv.values()) {
            double[][] map = m.ckaLayers()[kind.ordinal()];
            float[] flat = new float[layers * layers];
            for (int a = 0; a < layers; a++) {
                for (int b = 0; b < layers; b++) {
                    flat[a * layers + b] = (float) map[a][b];
                }
            }
            MatrixImage image = new MatrixImage(MatrixImage.of(flat, layers, null), ColorMap.VIRIDIS, 0, 1);
            XYPlot plot = Plots.image(layers, image, null, "Layer");
            plot.getDomainAxis().setTickLabelsVisible(false); // the colour bar sits right under the image
            f.add(new Panel(plot).title(letters[kind.ordinal()] + ") " + kind + " layer x layer CKA").square()
                    .colorBar(ColorBar.below(ColorMap.VIRIDIS, 0, 1)));
        }
        return f;
    }
}
