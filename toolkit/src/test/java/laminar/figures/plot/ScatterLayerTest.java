package laminar.figures.plot;

import org.jfree.chart.plot.XYPlot;
import org.junit.jupiter.api.Test;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

class ScatterLayerTest {

    /** Draws {@code layer} into a 100 × 100 pt data area, scaled to 300 dpi as the PNG is; the pixel at the centre. */
    private static int centre(ScatterLayer layer) {
        XYPlot plot = Plots.scatter("x", "y", layer);
        plot.getDomainAxis().setRange(-1, 1);
        plot.getRangeAxis().setRange(-1, 1);
        int px = (int) Math.round(100 * Style.PX_PER_PT);
        BufferedImage img = new BufferedImage(px, px, BufferedImage.TYPE_INT_RGB);
        Graphics2D g2 = img.createGraphics();
        g2.setColor(Color.WHITE);
        g2.fillRect(0, 0, px, px);
        g2.scale(Style.PX_PER_PT, Style.PX_PER_PT);
        Rectangle2D area = new Rectangle2D.Double(0, 0, 100, 100);
        layer.draw(g2, plot, area, plot.getDomainAxis(), plot.getRangeAxis(), 0, null);
        g2.dispose();
        return img.getRGB(px / 2, px / 2) & 0xffffff;
    }

    private static ScatterLayer stacked(int n, int[] faces) {
        float[] zeros = new float[n];
        Marker m = Marker.of(Marker.Kind.CIRCLE, 20, Color.WHITE, Color.BLACK, 0);
        return new ScatterLayer(zeros, zeros.clone(), m, faces);
    }

    @Test
    void laterPointsAreOnTopInVectorMode() {
        assertThat(centre(stacked(2, new int[]{0xffff0000, 0xff0000ff}))).isEqualTo(0x0000ff);
    }

    @Test
    void laterPointsAreOnTopInRasterModeToo() {
        int n = ScatterLayer.VECTOR_LIMIT * 4;
        int[] faces = new int[n];
        Arrays.fill(faces, 0xffff0000);
        faces[n - 1] = 0xff00ff00;
        ScatterLayer layer = stacked(n, faces);
        assertThat(layer.isRaster()).isTrue();
        assertThat(centre(layer)).isEqualTo(0x00ff00);
    }

    @Test
    void translucentMarkersComposeInOrderInRasterMode() {
        // 30% red over 30% blue over white: the red is on top, as matplotlib paints
        int n = ScatterLayer.VECTOR_LIMIT + 1;
        int[] faces = new int[n];
        Arrays.fill(faces, 0x00000000);
        faces[n - 2] = 0x4d0000ff;
        faces[n - 1] = 0x4dff0000;
        int rgb = centre(stacked(n, faces));
        int r = rgb >> 16;
        int b = rgb & 0xff;
        // white·0.7·0.7 + blue·0.3·0.7 + red·0.3 ⇒ r ≈ 201, b ≈ 178
        assertThat(r).isBetween(199, 203);
        assertThat(b).isBetween(176, 180);
    }

    @Test
    void boundsCoverTheFinitePoints() {
        ScatterLayer layer = new ScatterLayer(new float[]{1, Float.NaN, -3}, new float[]{2, 5, Float.POSITIVE_INFINITY},
                Marker.of(Marker.Kind.POINT, 6, Color.RED, Color.BLACK, .4));
        assertThat(layer.getXRange().getLowerBound()).isEqualTo(-3);
        assertThat(layer.getXRange().getUpperBound()).isEqualTo(1);
        assertThat(layer.getYRange().getLowerBound()).isEqualTo(2);
        assertThat(layer.getYRange().getUpperBound()).isEqualTo(5);
    }
}
