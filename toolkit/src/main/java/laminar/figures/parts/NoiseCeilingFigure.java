package laminar.figures.parts;

import laminar.analysis.MeasureResults;
import laminar.analysis.TemplateResults;
import laminar.figures.Figures;
import laminar.figures.plot.Figure;
import laminar.figures.plot.Panel;
import laminar.figures.plot.Plots;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * {@code noise_ceiling}: the category-model fit of the template-averaged Q, K and V matrices per layer, each with its
 * noise ceiling (lower to upper bound, from the templates' agreement) as a translucent band in the same colour.
 */
public final class NoiseCeilingFigure {

    /** The figure's name. */
    public static final String NAME = "noise_ceiling";

    private NoiseCeilingFigure() {
    }

    /** Writes the figure to {@code dir}; the report says whether it failed and why. */
    public static Figures.Report write(TemplateResults t, Path dir) {
        Map<String, Supplier<laminar.figures.plot.Drawing>> figures = new LinkedHashMap<>();
        figures.put(NAME, () -> figure(t));
        return Figures.write(figures, dir);
    }

    static Figure figure(TemplateResults t) {
        MeasureResults m = t.average().measures();
        String how = m.options().compare().label();
        var plot = Plots.lines("Transformer layer", "Category fit / noise ceiling",
                Plots.qkvSeries(m.categoryFit(), Part6aFigure.KINDS), true, true);
        for (int k = 0; k < 3; k++) {
            InferenceFigures.band(plot, t.noiseCeiling(), k);
        }
        InferenceFigures.fitRange(plot, m.categoryFit(), t.noiseCeiling());
        return new Figure(10, 3, 1, 1, "Category-model fit of the " + m.options().measure().label() + " matrices"
                + " averaged over " + t.templates().size() + " templates (" + how + "), with the noise ceiling from"
                + " the templates' agreement (bands: lower to upper bound)")
                .add(new Panel(plot).title("Category-model fit and noise ceiling (" + how + ")"));
    }

}
