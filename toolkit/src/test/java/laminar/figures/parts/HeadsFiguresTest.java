package laminar.figures.parts;

import laminar.analysis.PerHead;
import laminar.analysis.inference.Alternative;
import laminar.analysis.inference.HeadInference;
import laminar.analysis.inference.Inference;
import laminar.analysis.inference.Statistic;
import laminar.analysis.inference.StatisticInference;
import laminar.figures.FigureFiles;
import laminar.figures.plot.ColorMap;
import laminar.figures.plot.Figure;
import laminar.figures.plot.MatrixImage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The per-head maps: each cell's colour is its value under the row's shared range; files at figsize × 300 dpi. */
class HeadsFiguresTest {

    private static final int LAYERS = 3;
    private static final int HEADS = 5;

    /** Distinct values per layer, head, kind and measure (and one NaN t), so a transposed map would be caught. */
    private static PerHead heads() {
        double[][][][] sel = new double[LAYERS][HEADS][3][3];
        double[][][] rsa = new double[LAYERS][HEADS][3];
        for (int l = 0; l < LAYERS; l++) {
            for (int h = 0; h < HEADS; h++) {
                for (int k = 0; k < 3; k++) {
                    sel[l][h][k][0] = 0.01 * (l * HEADS + h) - 0.05 * k;
                    sel[l][h][k][1] = 2.0 * l - 0.7 * h + 3 * k;
                    sel[l][h][k][2] = 99; // the average is not shown
                    rsa[l][h][k] = 0.9 - 0.04 * (l * HEADS + h) - 0.1 * k;
                }
            }
        }
        sel[1][2][1][1] = Double.NaN;
        return new PerHead(sel, sel, rsa, new int[] {0, 0, 1, 1, 2});
    }

    @Test
    void everyCellShowsItsValueInTheRowsSharedColourRange() {
        PerHead p = heads();
        Figure sel = HeadsFigures.selectivity(p);
        assertThat(sel.panels()).hasSize(6);
        // top row: difference, range over Q, K and V: min -0.10 (layer 0 head 0, V), max 0.14 (layer 2 head 4, Q)
        for (int k = 0; k < 3; k++) {
            assertCells(image(sel, k), p, k, 0, -0.05 * 2, 0.01 * 14);
            // bottom row: t, min -2.8 (layer 0, head 4, Q), max 10 (layer 2, head 0, V)
            assertCells(image(sel, 3 + k), p, k, 1, -0.7 * 4, 2.0 * 2 + 3 * 2);
        }
        Figure rsa = HeadsFigures.rsa(p);
        assertThat(rsa.panels()).hasSize(3);
        for (int k = 0; k < 3; k++) {
            BufferedImage img = image(rsa, k).render(HEADS * 2, LAYERS * 2);
            for (int l = 0; l < LAYERS; l++) {
                for (int h = 0; h < HEADS; h++) {
                    int expected = ColorMap.VIRIDIS.rgb(ColorMap.index(p.rsa()[l][h][k], 0.9 - 0.04 * 14 - 0.2, 0.9));
                    assertThat(img.getRGB(2 * h + 1, 2 * l) & 0xffffff).as("RSA %d layer %d head %d", k, l, h)
                            .isEqualTo(expected);
                }
            }
        }
    }

    @Test
    void aConstantMapStillHasARangeAndNanIsSkipped() {
        double[] r = HeadsFigures.range(new double[][][] {{{2, Double.NaN}, {2, 2}}});
        assertThat(r[0]).isEqualTo(2);
        assertThat(r[1]).isGreaterThan(2);
        assertThat(HeadsFigures.range(new double[][][] {{{Double.NaN}}})).containsExactly(0, 1);
    }

    @Test
    void bothFiguresAreWrittenAtTheirSize(@TempDir Path tmp) throws Exception {
        assertThat(HeadsFigures.writeAll(heads(), tmp).complete()).isTrue();
        // width, height, and 300 dpi as pixels per metre (the PNG's pHYs)
        int[][] sizes = {{3600, 2100, 11811, 11811}, {3600, 1140, 11811, 11811}};
        for (int i = 0; i < HeadsFigures.NAMES.size(); i++) {
            String name = HeadsFigures.NAMES.get(i);
            assertThat(FigureFiles.png(tmp.resolve(name + ".png"))).as(name).containsExactly(sizes[i]);
            assertThat(Files.readString(tmp.resolve(name + ".svg"))).contains("<svg");
        }
    }

    /**
     * p_FWER per statistic: where (statistic + row + k) % 4 == 0 0.01, or 0.05 itself every other time (outlined:
     * p ≤ 0.05), NaN at one cell, 0.5 elsewhere.
     */
    private static HeadInference inference() {
        java.util.Map<Statistic, StatisticInference> stats = new java.util.EnumMap<>(Statistic.class);
        int rows = LAYERS * HEADS;
        for (Statistic s : Statistic.values()) {
            double[][] fwer = new double[rows][3];
            for (int r = 0; r < rows; r++) {
                for (int k = 0; k < 3; k++) {
                    int c = s.ordinal() + r + k;
                    fwer[r][k] = c % 4 != 0 ? 0.5 : c % 8 == 0 ? 0.05 : 0.01;
                }
            }
            fwer[4][0] = Double.NaN;
            double[][] any = new double[rows][3];
            stats.put(s, new StatisticInference(s, any, null, any, fwer, any, new double[rows][3][2], any));
        }
        return new HeadInference(LAYERS, HEADS, new Inference(99, 0, 0, Alternative.GREATER, stats));
    }

    @Test
    void cellsSignificantAfterCorrectionAreOutlinedOnTheirOwnStatisticsMaps() {
        HeadInference inf = inference();
        Figure sel = HeadsFigures.selectivity(heads(), inf);
        Figure rsa = HeadsFigures.rsa(heads(), inf);
        Statistic[] rows = {Statistic.SELECTIVITY_DIFF, Statistic.SELECTIVITY_T};
        for (int panel = 0; panel < 6; panel++) {
            assertOutlined(sel, panel, rows[panel / 3], panel % 3);
        }
        for (int panel = 0; panel < 3; panel++) {
            assertOutlined(rsa, panel, Statistic.RSA, panel);
        }
        assertThat(sel.caption()).contains("p_FWER <= 0.05").contains("99 permutations");
        assertThat(rsa.caption()).contains("p_FWER <= 0.05");
        // without an inference, nothing is outlined and there is nothing to explain
        assertThat(outlines(HeadsFigures.rsa(heads()), 0)).isEmpty();
        assertThat(HeadsFigures.rsa(heads()).caption()).isNull();
    }

    private static void assertOutlined(Figure f, int panel, Statistic s, int k) {
        java.util.Set<String> expected = new java.util.TreeSet<>();
        for (int l = 0; l < LAYERS; l++) {
            for (int h = 0; h < HEADS; h++) {
                int r = l * HEADS + h;
                if ((s.ordinal() + r + k) % 4 == 0 && !(r == 4 && k == 0)) {
                    expected.add(l + "," + h);
                }
            }
        }
        assertThat(expected).as("the pattern marks some cells").isNotEmpty();
        assertThat(outlines(f, panel)).as(s + " panel " + panel).isEqualTo(expected);
    }

    /** "layer,head" of each outline's centre. */
    private static java.util.Set<String> outlines(Figure f, int panel) {
        java.util.Set<String> out = new java.util.TreeSet<>();
        for (Object a : f.panels().get(panel).plot().getAnnotations()) {
            if (a instanceof HeadsFigures.CellOutline cell) {
                out.add(cell.layer + "," + cell.head);
            }
        }
        return out;
    }

    private static MatrixImage image(Figure f, int panel) {
        List<?> annotations = f.panels().get(panel).plot().getAnnotations();
        return annotations.stream().filter(MatrixImage.class::isInstance).map(MatrixImage.class::cast)
                .findFirst().orElseThrow();
    }

    /** Renders at 2 × 2 pixels per cell: pixel (2h+1, 2l) is cell (layer l, head h); a NaN cell is transparent. */
    private static void assertCells(MatrixImage image, PerHead p, int kind, int measure, double lo, double hi) {
        BufferedImage img = image.render(HEADS * 2, LAYERS * 2);
        for (int l = 0; l < LAYERS; l++) {
            for (int h = 0; h < HEADS; h++) {
                double v = p.selectivity()[l][h][kind][measure];
                int argb = img.getRGB(2 * h + 1, 2 * l);
                if (Double.isNaN(v)) {
                    assertThat(argb >>> 24).as("NaN cell is transparent").isZero();
                } else {
                    assertThat(argb & 0xffffff).as("kind %d measure %d layer %d head %d", kind, measure, l, h)
                            .isEqualTo(ColorMap.VIRIDIS.rgb(ColorMap.index(v, lo, hi)));
                    assertThat(argb >>> 24).isEqualTo(255);
                }
            }
        }
    }
}
