package laminar.figures.plot;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;

/**
 * Shared plumbing of the raster layers (heatmaps, dense scatter clouds): their pixel size for a data area, drawing
 * an image into a data area, and the hint that marks the layout pass (where raster layers draw nothing).
 *
 * <p>Raster layers are computed at {@link Style#DPI} for the data area's size, so the PNG gets one layer pixel per
 * device pixel and the SVG gets the same image embedded (JFreeSVG writes it as a base64 PNG); the layer is cached
 * per pixel size, so writing both formats computes it once.
 */
final class Raster {

    private Raster() {
    }

    /** Set on the scratch graphics of the layout pass: layers skip their (possibly expensive) drawing. */
    static final RenderingHints.Key MEASURING = new RenderingHints.Key(0x1a3) {
        @Override
        public boolean isCompatibleValue(Object val) {
            return val instanceof Boolean;
        }
    };

    static boolean measuring(Graphics2D g2) {
        return Boolean.TRUE.equals(g2.getRenderingHint(MEASURING));
    }

    /** Pixels of a raster layer spanning {@code points} at {@link Style#DPI}. */
    static int pixels(double points) {
        return Math.max(1, (int) Math.round(points * Style.PX_PER_PT));
    }

    /** Draws {@code img} stretched over {@code area}. */
    static void drawInto(Graphics2D g2, BufferedImage img, Rectangle2D area) {
        AffineTransform at = new AffineTransform(area.getWidth() / img.getWidth(), 0, 0,
                area.getHeight() / img.getHeight(), area.getX(), area.getY());
        Object interpolation = g2.getRenderingHint(RenderingHints.KEY_INTERPOLATION);
        g2.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_NEAREST_NEIGHBOR);
        g2.drawImage(img, at, null);
        if (interpolation != null) {
            g2.setRenderingHint(RenderingHints.KEY_INTERPOLATION, interpolation);
        }
    }
}
