package laminar.figures.plot;

import org.jfree.chart.annotations.AbstractXYAnnotation;
import org.jfree.chart.annotations.XYAnnotationBoundsInfo;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.PlotRenderingInfo;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.data.Range;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.util.HashMap;
import java.util.Map;

/**
 * A scatter cloud ({@code plt.plot(x, y, 'k.')} and friends): markers drawn in data order, as vectors or, when
 * there are many, as one raster image.
 *
 * <h2>Vector or raster</h2>
 * Up to {@link #VECTOR_LIMIT} (1,000) markers per layer are drawn as vector shapes: JFreeSVG writes each marker as
 * two elements (face and edge, with style and clip reference), about 400 bytes, so a vector layer stays under
 * 0.4 MB, and at that count single markers can still be told apart, which is what vectors are for. Above it the
 * layer is rendered into one ARGB image at {@link Style#DPI} for its data area (a 3 × 2.5 inch panel is about
 * 900 × 750 pixels) and drawn, or embedded in the SVG as a base64 PNG, as that image; axes, ticks, labels and
 * titles stay vectors and text. The notebook's Part 3b (561 pairs per panel) and Part 6b/7b (3 per layer) are
 * vectors; Part 2a (words × n_embd points: 54,400 per panel for GPT-2 XL and 34 words) and Part 7a (10,000) are
 * rasters. At 2,000 words × 1,600 dimensions (3.2 million points per panel) part2a.svg is about 3 MB and is
 * drawn in a few seconds.
 *
 * <h2>Speed</h2>
 * The raster is composed by hand: the marker is pre-rendered (anti-aliased) at 4 × 4 sub-pixel offsets, and the
 * points are composited front to back: from the last point to the first, each marker goes <i>under</i> what is
 * already there ({@code dst += src × (1 - dst.alpha)}, premultiplied), which gives exactly the picture of drawing
 * them in order, but lets a marker whose whole footprint is already opaque be skipped unseen (checked on 4 × 4
 * pixel tiles). In a dense cloud almost every marker is buried, so 3 million points cost little more than the
 * pixels they cover. "Opaque" is alpha 254 of 255, so a skipped marker changes no pixel by more than one level.
 * The result depends only on the points and their order: deterministic.
 */
public final class ScatterLayer extends AbstractXYAnnotation implements XYAnnotationBoundsInfo {

    private static final long serialVersionUID = 1L;

    /** Most markers drawn as vectors; above this the layer is a raster image. */
    public static final int VECTOR_LIMIT = 1_000;

    /** Alpha from which a pixel counts as opaque: nothing drawn under it can change it by more than one level. */
    private static final int OPAQUE = 254;
    private static final int TILE = 4;

    private static final int PHASES = 4;

    private final float[] x;
    private final float[] y;
    private final Marker marker;
    private final int[] faces; // per point ARGB or null
    private final Range xRange;
    private final Range yRange;
    private transient BufferedImage cache;
    private transient String cacheKey;

    /** Points {@code (x[i], y[i])} with one marker. */
    public ScatterLayer(float[] x, float[] y, Marker marker) {
        this(x, y, marker, null);
    }

    /** Points with per-point face colours ({@code faces[i]} ARGB), the rest of the marker shared. */
    public ScatterLayer(float[] x, float[] y, Marker marker, int[] faces) {
        if (x.length != y.length || (faces != null && faces.length != x.length)) {
            throw new IllegalArgumentException(x.length + " x values, " + y.length + " y values");
        }
        this.x = x;
        this.y = y;
        this.marker = marker;
        this.faces = faces;
        this.xRange = range(x);
        this.yRange = range(y);
    }

    public static float[] floats(double[] v) {
        float[] out = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = (float) v[i];
        }
        return out;
    }

    public int size() {
        return x.length;
    }

    boolean isRaster() {
        return x.length > VECTOR_LIMIT;
    }

    private static Range range(float[] v) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (float f : v) {
            if (Float.isFinite(f)) {
                lo = Math.min(lo, f);
                hi = Math.max(hi, f);
            }
        }
        return lo <= hi ? new Range(lo, hi) : null;
    }

    @Override
    public boolean getIncludeInDataBounds() {
        return xRange != null;
    }

    @Override
    public Range getXRange() {
        return xRange;
    }

    @Override
    public Range getYRange() {
        return yRange;
    }

    @Override
    public void draw(Graphics2D g2, XYPlot plot, Rectangle2D dataArea, ValueAxis domainAxis, ValueAxis rangeAxis,
                     int rendererIndex, PlotRenderingInfo info) {
        if (Raster.measuring(g2) || x.length == 0) {
            return;
        }
        RectangleEdge xEdge = plot.getDomainAxisEdge();
        RectangleEdge yEdge = plot.getRangeAxisEdge();
        double xLo = domainAxis.getLowerBound();
        double xHi = domainAxis.getUpperBound();
        double yLo = rangeAxis.getLowerBound();
        double yHi = rangeAxis.getUpperBound();
        double ax0 = domainAxis.valueToJava2D(xLo, dataArea, xEdge);
        double axK = (domainAxis.valueToJava2D(xHi, dataArea, xEdge) - ax0) / (xHi - xLo);
        double ay0 = rangeAxis.valueToJava2D(yLo, dataArea, yEdge);
        double ayK = (rangeAxis.valueToJava2D(yHi, dataArea, yEdge) - ay0) / (yHi - yLo);
        if (!isRaster()) {
            drawVectors(g2, xLo, ax0, axK, yLo, ay0, ayK);
            return;
        }
        int w = Raster.pixels(dataArea.getWidth());
        int h = Raster.pixels(dataArea.getHeight());
        String key = w + "x" + h + ":" + xLo + ":" + xHi + ":" + yLo + ":" + yHi;
        if (cache == null || !key.equals(cacheKey)) {
            double sx = w / dataArea.getWidth();
            double sy = h / dataArea.getHeight();
            cache = rasterize(w, h, xLo, (ax0 - dataArea.getX()) * sx, axK * sx,
                    yLo, (ay0 - dataArea.getY()) * sy, ayK * sy);
            cacheKey = key;
        }
        Raster.drawInto(g2, cache, dataArea);
    }

    private void drawVectors(Graphics2D g2, double xLo, double ax0, double axK, double yLo, double ay0, double ayK) {
        g2.setStroke(marker.edgeStroke(1));
        for (int i = 0; i < x.length; i++) {
            if (!Float.isFinite(x[i]) || !Float.isFinite(y[i])) {
                continue;
            }
            var shape = marker.shape(ax0 + (x[i] - xLo) * axK, ay0 + (y[i] - yLo) * ayK, 1);
            g2.setPaint(faces == null ? marker.face() : new Color(faces[i], true));
            g2.fill(shape);
            if (marker.edgeWidth() > 0) {
                g2.setPaint(marker.edge());
                g2.draw(shape);
            }
        }
    }

    /** The cloud as a {@code w × h} ARGB image; {@code px = px0 + (x - xLo) * kx} maps data to pixels. */
    private BufferedImage rasterize(int w, int h, double xLo, double px0, double kx,
                                    double yLo, double py0, double ky) {
        int[] dst = new int[w * h]; // premultiplied ARGB
        int tw = (w + TILE - 1) / TILE;
        int th = (h + TILE - 1) / TILE;
        boolean[] opaqueTile = new boolean[tw * th];
        Map<Integer, Sprite> sprites = new HashMap<>();
        Sprite shared = faces == null ? Sprite.of(marker, marker.face()) : null;
        for (int i = x.length - 1; i >= 0; i--) {
            if (!Float.isFinite(x[i]) || !Float.isFinite(y[i])) {
                continue;
            }
            double px = px0 + (x[i] - xLo) * kx;
            double py = py0 + (y[i] - yLo) * ky;
            int ix = (int) Math.floor(px);
            int iy = (int) Math.floor(py);
            Sprite s = shared;
            if (s == null) {
                s = sprites.computeIfAbsent(faces[i], f -> Sprite.of(marker, new Color(f, true)));
            }
            int x0 = ix - s.half;
            int y0 = iy - s.half;
            if (x0 + s.size <= 0 || y0 + s.size <= 0 || x0 >= w || y0 >= h) {
                continue;
            }
            int tx0 = Math.max(0, x0) / TILE;
            int tx1 = (Math.min(w, x0 + s.size) - 1) / TILE;
            int ty0 = Math.max(0, y0) / TILE;
            int ty1 = (Math.min(h, y0 + s.size) - 1) / TILE;
            if (allOpaque(opaqueTile, tw, tx0, tx1, ty0, ty1)) {
                continue;
            }
            int fx = Math.min(PHASES - 1, (int) ((px - ix) * PHASES));
            int fy = Math.min(PHASES - 1, (int) ((py - iy) * PHASES));
            s.blendUnder(dst, w, h, x0, y0, fx, fy);
            updateTiles(dst, w, h, opaqueTile, tw, tx0, tx1, ty0, ty1);
        }
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
        int[] out = ((DataBufferInt) img.getRaster().getDataBuffer()).getData();
        for (int i = 0; i < dst.length; i++) {
            out[i] = unpremultiply(dst[i]);
        }
        return img;
    }

    private static boolean allOpaque(boolean[] tiles, int tw, int tx0, int tx1, int ty0, int ty1) {
        for (int ty = ty0; ty <= ty1; ty++) {
            for (int tx = tx0; tx <= tx1; tx++) {
                if (!tiles[ty * tw + tx]) {
                    return false;
                }
            }
        }
        return true;
    }

    private static void updateTiles(int[] dst, int w, int h, boolean[] tiles, int tw, int tx0, int tx1, int ty0,
                                    int ty1) {
        for (int ty = ty0; ty <= ty1; ty++) {
            for (int tx = tx0; tx <= tx1; tx++) {
                int t = ty * tw + tx;
                if (tiles[t]) {
                    continue;
                }
                boolean opaque = true;
                int yEnd = Math.min(h, (ty + 1) * TILE);
                int xEnd = Math.min(w, (tx + 1) * TILE);
                for (int yy = ty * TILE; yy < yEnd && opaque; yy++) {
                    for (int xx = tx * TILE; xx < xEnd; xx++) {
                        if ((dst[yy * w + xx] >>> 24) < OPAQUE) {
                            opaque = false;
                            break;
                        }
                    }
                }
                tiles[t] = opaque;
            }
        }
    }

    private static int unpremultiply(int p) {
        int a = p >>> 24;
        if (a == 0) {
            return 0;
        }
        if (a == 255) {
            return p;
        }
        int r = Math.min(255, (((p >> 16) & 0xff) * 255 + a / 2) / a);
        int g = Math.min(255, (((p >> 8) & 0xff) * 255 + a / 2) / a);
        int b = Math.min(255, ((p & 0xff) * 255 + a / 2) / a);
        return (a << 24) | (r << 16) | (g << 8) | b;
    }

    /** One marker pre-rendered at {@link #PHASES}² sub-pixel offsets, premultiplied ARGB. */
    private static final class Sprite {
        final int size;
        final int half;
        final int[][] phases;

        private Sprite(int size, int[][] phases) {
            this.size = size;
            this.half = size / 2;
            this.phases = phases;
        }

        static Sprite of(Marker marker, Color face) {
            double extent = marker.size() * Style.PX_PER_PT + marker.edgeWidth() * Style.PX_PER_PT + 3;
            int size = (int) Math.ceil(extent) | 1;
            int half = size / 2;
            int[][] phases = new int[PHASES * PHASES][];
            for (int fy = 0; fy < PHASES; fy++) {
                for (int fx = 0; fx < PHASES; fx++) {
                    BufferedImage img = new BufferedImage(size, size, BufferedImage.TYPE_INT_ARGB_PRE);
                    Graphics2D g = img.createGraphics();
                    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
                    g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
                    double cx = half + (fx + 0.5) / PHASES;
                    double cy = half + (fy + 0.5) / PHASES;
                    var shape = marker.shape(cx, cy, Style.PX_PER_PT);
                    g.setPaint(face);
                    g.fill(shape);
                    if (marker.edgeWidth() > 0) {
                        g.setPaint(marker.edge());
                        g.setStroke(marker.edgeStroke(Style.PX_PER_PT));
                        g.draw(shape);
                    }
                    g.dispose();
                    phases[fy * PHASES + fx] = ((DataBufferInt) img.getRaster().getDataBuffer()).getData().clone();
                }
            }
            return new Sprite(size, phases);
        }

        /**
         * Phase {@code (fx, fy)} with its top left at {@code (x0, y0)} composited <i>under</i> a premultiplied
         * buffer: {@code dst += src × (1 - dst.alpha)}.
         */
        void blendUnder(int[] dst, int w, int h, int x0, int y0, int fx, int fy) {
            int[] src = phases[fy * PHASES + fx];
            int r0 = Math.max(0, -y0);
            int r1 = Math.min(size, h - y0);
            int c0 = Math.max(0, -x0);
            int c1 = Math.min(size, w - x0);
            for (int r = r0; r < r1; r++) {
                int so = r * size;
                int dOff = (y0 + r) * w + x0;
                for (int c = c0; c < c1; c++) {
                    int s = src[so + c];
                    if (s == 0) {
                        continue;
                    }
                    int at = dOff + c;
                    int d = dst[at];
                    int da = d >>> 24;
                    if (da >= OPAQUE) {
                        continue;
                    }
                    int inv = 255 - da;
                    int a = da + mul(s >>> 24, inv);
                    int rr = ((d >> 16) & 0xff) + mul((s >> 16) & 0xff, inv);
                    int gg = ((d >> 8) & 0xff) + mul((s >> 8) & 0xff, inv);
                    int bb = (d & 0xff) + mul(s & 0xff, inv);
                    dst[at] = (Math.min(255, a) << 24) | (Math.min(255, rr) << 16) | (Math.min(255, gg) << 8)
                            | Math.min(255, bb);
                }
            }
        }

        private static int mul(int a, int b) {
            int t = a * b + 128;
            return (t + (t >> 8)) >> 8;
        }
    }
}
