package laminar.figures.parts;

import laminar.analysis.LaminarResults;
import laminar.analysis.Part1Masks;
import laminar.figures.plot.ColorMap;
import laminar.figures.plot.Figure;
import laminar.figures.plot.MatrixImage;
import laminar.figures.plot.Panel;
import laminar.figures.plot.Plots;

/**
 * {@code ch6_proj38_part1}: the four masks over word pairs ({@code imshow} with the default viridis map:
 * false dark purple, true yellow), 2 × 2 panels at 10 × 6 inches. The masks are shown in the word list's own order
 * (they are what the analysis uses).
 */
public final class Part1Figure {

    private Part1Figure() {
    }

    public static Figure build(LaminarResults r) {
        Part1Masks m = r.part1();
        int n = m.n();
        return new Figure(10, 6, 2, 2, "Part 1: category masks over " + n + " words")
                .add(mask(m.sameCategory(), n, "A) Same-category mask"))
                .add(mask(m.upperTriangle(), n, "B) Upper-triangular mask"))
                .add(mask(m.within(), n, "C) Within-category mask"))
                .add(mask(m.across(), n, "D) Across-category mask"));
    }

    private static Panel mask(boolean[] mask, int n, String title) {
        MatrixImage image = new MatrixImage(MatrixImage.of(mask, n), ColorMap.VIRIDIS, 0, 1);
        return new Panel(Plots.image(n, image, "Words", "Words")).title(title).square();
    }
}
