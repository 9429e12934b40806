package laminar.figures.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Shape;
import java.awt.Stroke;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;

/**
 * A matplotlib marker: kind, {@code markersize} in points, face colour ({@code markerfacecolor}, with alpha),
 * edge colour and {@code markeredgewidth}. Sizes follow matplotlib's marker paths: a circle {@code 'o'} and a
 * square {@code 's'} are {@code size} wide, a triangle {@code '^'} is {@code size} wide and high, a point
 * {@code '.'} is a circle half as wide.
 */
public record Marker(Kind kind, double size, Color face, Color edge, double edgeWidth) {

    public enum Kind { CIRCLE, SQUARE, TRIANGLE_UP, POINT }

    /**
     * A marker as {@code plt.plot(..., fmt, markerfacecolor=face)} draws it: matplotlib (Agg, measured with 3.6)
     * strokes the edge with the face colour's alpha, so {@code 'k.'} with a face alpha of 0.3 has a 30% black
     * edge, not an opaque one.
     */
    public static Marker of(Kind kind, double size, Color face, Color edge, double edgeWidth) {
        return new Marker(kind, size, face, withAlphaOf(edge, face.getAlpha() / 255.0), edgeWidth);
    }

    /** The marker outline centred on {@code (x, y)}, in the caller's units (points, or pixels when scaled). */
    public Shape shape(double x, double y, double scale) {
        double s = size * scale;
        return switch (kind) {
            case CIRCLE -> new Ellipse2D.Double(x - s / 2, y - s / 2, s, s);
            case POINT -> new Ellipse2D.Double(x - s / 4, y - s / 4, s / 2, s / 2);
            case SQUARE -> new Rectangle2D.Double(x - s / 2, y - s / 2, s, s);
            case TRIANGLE_UP -> {
                Path2D.Double p = new Path2D.Double();
                p.moveTo(x, y - s / 2);
                p.lineTo(x - s / 2, y + s / 2);
                p.lineTo(x + s / 2, y + s / 2);
                p.closePath();
                yield p;
            }
        };
    }

    /** The marker centred on the origin (for JFreeChart's renderers). */
    public Shape shape() {
        return shape(0, 0, 1);
    }

    public Stroke edgeStroke(double scale) {
        return new BasicStroke((float) (edgeWidth * scale));
    }

    /** The same marker with {@code alpha} applied to face and edge (matplotlib's {@code alpha=} argument). */
    public Marker withAlpha(double alpha) {
        return new Marker(kind, size, withAlphaOf(face, alpha), withAlphaOf(edge, alpha), edgeWidth);
    }

    /** The same marker with another face colour. */
    public Marker withFace(Color c) {
        return new Marker(kind, size, c, edge, edgeWidth);
    }

    private static Color withAlphaOf(Color c, double alpha) {
        return new Color(c.getRed(), c.getGreen(), c.getBlue(), (int) Math.round(alpha * 255));
    }
}
