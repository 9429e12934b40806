package laminar.figures.plot;

import java.awt.Color;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;

/**
 * A matplotlib figure: {@code plt.subplots(rows, cols, figsize=(w, h))} with an optional bold suptitle above the
 * grid and an optional italic caption under it (used to say when the display order differs from the input).
 */
public final class Figure implements Drawing {

    private static final double MARGIN = 5;

    private final double width;
    private final double height;
    private final int rows;
    private final int cols;
    private final List<Panel> panels = new ArrayList<>();
    private final String description;
    private String suptitle;
    private String caption;

    public Figure(double widthInches, double heightInches, int rows, int cols, String description) {
        this.width = widthInches;
        this.height = heightInches;
        this.rows = rows;
        this.cols = cols;
        this.description = description;
    }

    public Figure add(Panel p) {
        if (panels.size() == rows * cols) {
            throw new IllegalStateException("a " + rows + " x " + cols + " figure holds " + rows * cols + " panels");
        }
        panels.add(p);
        return this;
    }

    public Figure suptitle(String s) {
        this.suptitle = s;
        return this;
    }

    public Figure caption(String s) {
        this.caption = s;
        return this;
    }

    public String suptitle() {
        return suptitle;
    }

    public String caption() {
        return caption;
    }

    public List<Panel> panels() {
        return panels;
    }

    @Override
    public double widthInches() {
        return width;
    }

    @Override
    public double heightInches() {
        return height;
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public void draw(Graphics2D g2) {
        double w = width * 72;
        double h = height * 72;
        g2.setPaint(Color.WHITE);
        g2.fill(new Rectangle2D.Double(0, 0, w, h));
        BufferedImage scratchImage = new BufferedImage(1, 1, BufferedImage.TYPE_INT_ARGB);
        Graphics2D scratch = scratchImage.createGraphics();
        try {
            scratch.setRenderingHints(Style.hints());
            scratch.setRenderingHint(Raster.MEASURING, Boolean.TRUE);
            double top = MARGIN;
            if (suptitle != null) {
                g2.setFont(Style.SUPTITLE_FONT);
                g2.setPaint(Color.BLACK);
                FontMetrics fm = g2.getFontMetrics();
                double tw = fm.getStringBounds(suptitle, g2).getWidth();
                g2.drawString(suptitle, (float) ((w - tw) / 2), (float) (MARGIN + fm.getAscent()));
                top += fm.getAscent() + fm.getDescent() + 8;
            }
            double bottom = MARGIN;
            if (caption != null) {
                g2.setFont(Style.CAPTION_FONT);
                g2.setPaint(new Color(0x44, 0x44, 0x44));
                FontMetrics fm = g2.getFontMetrics();
                double tw = fm.getStringBounds(caption, g2).getWidth();
                g2.drawString(caption, (float) Math.max(MARGIN, (w - tw) / 2), (float) (h - MARGIN - fm.getDescent()));
                bottom += fm.getAscent() + fm.getDescent() + 3;
            }
            double cellW = (w - 2 * MARGIN) / cols;
            double cellH = (h - top - bottom) / rows;
            for (int i = 0; i < panels.size(); i++) {
                int r = i / cols;
                int c = i % cols;
                Rectangle2D cell = new Rectangle2D.Double(MARGIN + c * cellW, top + r * cellH, cellW, cellH);
                panels.get(i).draw(g2, scratch, cell);
            }
        } finally {
            scratch.dispose();
        }
    }
}
