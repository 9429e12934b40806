package laminar.figures.plot;

import org.jfree.chart.annotations.AbstractXYAnnotation;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.PlotRenderingInfo;
import org.jfree.chart.plot.XYPlot;

import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.awt.image.DataBufferInt;

/**
 * A matrix as {@code plt.imshow} shows it (row 0 at the top, cell {@code (i, j)} centred on {@code (j, i)}),
 * filling the data area of a plot whose axes run from -0.5 to cols - 0.5 and -0.5 to rows - 0.5: square
 * {@code n × n} similarity matrices, or rectangular grids such as layers × heads.
 *
 * <p>Always a raster layer, as matplotlib's own SVG backend does for {@code imshow}: the image is computed at
 * {@link Style#DPI} for the data area. Where cells are larger than pixels (the notebook's 34 words) each pixel
 * takes its cell's colour, so cell edges stay sharp in any viewer; where there are more cells than pixels (2,000
 * words in a 2-inch panel) each pixel shows the mean of the cells it covers, the counterpart of matplotlib's
 * anti-aliased image resampling. Pixels are stored as 8-bit colour-map indices (matplotlib also quantises to its
 * 256-entry LUT), which keeps an embedded 4-million-cell heatmap to a few hundred kilobytes. {@code NaN} cells are
 * transparent (matplotlib's "bad" colour).
 */
public final class MatrixImage extends AbstractXYAnnotation {

    private static final long serialVersionUID = 1L;

    /**
     * The {@code rows × cols} cell values of a matrix, in display order ({@code n × n} for the similarity
     * matrices; layers × heads for the per-head maps).
     */
    public record Cells(int rows, int cols, Value value) {

        /** Cell {@code (row, col)}. */
        interface Value {
            double at(int row, int col);
        }

        double value(int row, int col) {
            return value.at(row, col);
        }

        static Cells checked(int n, int length, Value value) {
            if (length != (long) n * n) {
                throw new IllegalArgumentException("a " + n + " x " + n + " matrix needs " + (long) n * n
                        + " values, got " + length);
            }
            return new Cells(n, n, value);
        }
    }

    private final Cells cells;
    private final ColorMap map;
    private final double vmin;
    private final double vmax;
    private transient BufferedImage cache;
    private transient long cacheKey = -1;

    public MatrixImage(Cells cells, ColorMap map, double vmin, double vmax) {
        this.cells = cells;
        this.map = map;
        this.vmin = vmin;
        this.vmax = vmax;
    }

    /** A row-major float matrix shown with rows and columns in {@code order} (null: as stored). */
    public static Cells of(float[] values, int n, int[] order) {
        return Cells.checked(n, values.length, order == null
                ? (r, c) -> values[r * n + c]
                : (r, c) -> values[order[r] * n + order[c]]);
    }

    /** A row-major boolean mask as 0/1 (as {@code imshow} shows a bool array). */
    public static Cells of(boolean[] values, int n) {
        return Cells.checked(n, values.length, (r, c) -> values[r * n + c] ? 1 : 0);
    }

    /**
     * A rectangular grid, {@code grid[row][col]} (every row as long as the first), e.g. layers × heads.
     */
    public static Cells of(double[][] grid) {
        int cols = grid.length == 0 ? 0 : grid[0].length;
        for (double[] row : grid) {
            if (row.length != cols) {
                throw new IllegalArgumentException("a grid's rows need " + cols + " values each, got " + row.length);
            }
        }
        return new Cells(grid.length, cols, (r, c) -> grid[r][c]);
    }

    @Override
    public void draw(Graphics2D g2, XYPlot plot, Rectangle2D dataArea, ValueAxis domainAxis, ValueAxis rangeAxis,
                     int rendererIndex, PlotRenderingInfo info) {
        if (Raster.measuring(g2) || cells.rows() == 0 || cells.cols() == 0) {
            return;
        }
        int w = Raster.pixels(dataArea.getWidth());
        int h = Raster.pixels(dataArea.getHeight());
        long key = ((long) w << 32) | h;
        if (cache == null || key != cacheKey) {
            cache = render(w, h);
            cacheKey = key;
        }
        Raster.drawInto(g2, cache, dataArea);
    }

    /** The matrix as a {@code w × h} image: each pixel the mean of the cells it covers (at least one). */
    public BufferedImage render(int w, int h) {
        int n = cells.cols();
        int[] c0 = new int[w];
        int[] c1 = new int[w];
        span(n, w, c0, c1);
        int[] r0 = new int[h];
        int[] r1 = new int[h];
        span(cells.rows(), h, r0, r1);
        byte[] idx = new byte[w * h];
        boolean anyNaN = false;
        double[] rowSum = new double[n];
        int[] rowCount = new int[n];
        for (int py = 0; py < h; py++) {
            // sum the covered rows once per pixel row, then average blocks of columns
            java.util.Arrays.fill(rowSum, 0);
            java.util.Arrays.fill(rowCount, 0);
            for (int r = r0[py]; r < r1[py]; r++) {
                for (int c = 0; c < n; c++) {
                    double v = cells.value(r, c);
                    if (!Double.isNaN(v)) {
                        rowSum[c] += v;
                        rowCount[c]++;
                    }
                }
            }
            for (int px = 0; px < w; px++) {
                double sum = 0;
                int count = 0;
                for (int c = c0[px]; c < c1[px]; c++) {
                    sum += rowSum[c];
                    count += rowCount[c];
                }
                int i = count == 0 ? -1 : ColorMap.index(sum / count, vmin, vmax);
                if (i < 0) {
                    anyNaN = true;
                    i = 0;
                }
                idx[py * w + px] = (byte) i;
            }
            if (anyNaN) {
                return renderArgb(w, h, c0, c1, r0, r1);
            }
        }
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_INDEXED, map.indexModel());
        byte[] data = ((DataBufferByte) img.getRaster().getDataBuffer()).getData();
        System.arraycopy(idx, 0, data, 0, idx.length);
        return img;
    }

    private BufferedImage renderArgb(int w, int h, int[] c0, int[] c1, int[] r0, int[] r1) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
        int[] data = ((DataBufferInt) img.getRaster().getDataBuffer()).getData();
        for (int py = 0; py < h; py++) {
            for (int px = 0; px < w; px++) {
                double sum = 0;
                int count = 0;
                for (int r = r0[py]; r < r1[py]; r++) {
                    for (int c = c0[px]; c < c1[px]; c++) {
                        double v = cells.value(r, c);
                        if (!Double.isNaN(v)) {
                            sum += v;
                            count++;
                        }
                    }
                }
                data[py * w + px] = count == 0 ? 0 : 0xff000000 | map.rgb(ColorMap.index(sum / count, vmin, vmax));
            }
        }
        return img;
    }

    /** Cells {@code [from[p], to[p])} covered by pixel {@code p} of {@code pixels} over {@code n} cells. */
    static void span(int n, int pixels, int[] from, int[] to) {
        for (int p = 0; p < pixels; p++) {
            int a = (int) ((long) p * n / pixels);
            int b = (int) ((long) (p + 1) * n / pixels);
            if (n <= pixels) {
                // cell under the pixel's centre: nearest neighbour, sharp cell edges
                a = (int) Math.min(n - 1, (long) Math.floor((p + 0.5) * n / pixels));
                b = a + 1;
            }
            from[p] = a;
            to[p] = Math.max(a + 1, b);
        }
    }
}
