package laminar.figures.plot;

import org.jfree.svg.SVGGraphics2D;
import org.jfree.svg.SVGUnits;
import org.jfree.svg.SVGUtils;
import org.jfree.svg.ViewBox;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOInvalidTreeException;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageOutputStream;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;

/**
 * PNG (300 dpi, with the {@code pHYs} chunk saying so) and SVG (JFreeSVG) bytes of a {@link Drawing}.
 *
 * <p>Both are deterministic: the same drawing gives byte-identical files. The PNG writer adds no time stamp; the
 * SVG's defs prefix (JFreeSVG's default is {@code System.nanoTime()}) is a fixed name, coordinates are written
 * with a fixed number of decimals, and text stays text ({@code <text>} elements naming
 * {@link Style#SVG_FAMILY}), so titles and numbers can be searched and edited.
 */
public final class Export {

    /** 300 dpi in pixels per metre, as the PNG {@code pHYs} chunk wants it (rounded, as matplotlib writes it). */
    static final int PIXELS_PER_METRE = (int) Math.round(Style.DPI / 0.0254);

    private Export() {
    }

    /** Pixel width of the PNG of {@code d}: inches × 300. */
    public static int pixelWidth(Drawing d) {
        return (int) Math.round(d.widthInches() * Style.DPI);
    }

    /** Pixel height of the PNG of {@code d}: inches × 300. */
    public static int pixelHeight(Drawing d) {
        return (int) Math.round(d.heightInches() * Style.DPI);
    }

    /** The drawing as a 300 dpi RGB PNG. */
    public static byte[] png(Drawing d) {
        int w = pixelWidth(d);
        int h = pixelHeight(d);
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g2 = img.createGraphics();
        try {
            g2.setRenderingHints(Style.hints());
            g2.setColor(Color.WHITE);
            g2.fillRect(0, 0, w, h);
            g2.scale(w / (d.widthInches() * 72), h / (d.heightInches() * 72));
            d.draw(g2);
        } finally {
            g2.dispose();
        }
        return encodePng(img, PIXELS_PER_METRE);
    }

    /** {@code img} as PNG with a {@code pHYs} chunk of {@code pixelsPerMetre} (0: none). */
    static byte[] encodePng(BufferedImage img, int pixelsPerMetre) {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("png").next();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ImageOutputStream ios = ImageIO.createImageOutputStream(out)) {
            writer.setOutput(ios);
            ImageWriteParam param = writer.getDefaultWriteParam();
            IIOMetadata meta = writer.getDefaultImageMetadata(ImageTypeSpecifier.createFromRenderedImage(img), param);
            if (pixelsPerMetre > 0) {
                IIOMetadataNode phys = new IIOMetadataNode("pHYs");
                phys.setAttribute("pixelsPerUnitXAxis", Integer.toString(pixelsPerMetre));
                phys.setAttribute("pixelsPerUnitYAxis", Integer.toString(pixelsPerMetre));
                phys.setAttribute("unitSpecifier", "meter");
                IIOMetadataNode root = new IIOMetadataNode("javax_imageio_png_1.0");
                root.appendChild(phys);
                meta.mergeTree("javax_imageio_png_1.0", root);
            }
            writer.write(null, new IIOImage(img, null, meta), param);
        } catch (IIOInvalidTreeException e) {
            throw new IllegalStateException("cannot set the PNG resolution", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
        return out.toByteArray();
    }

    /** The drawing as an SVG document (UTF-8), sized in points; {@code id} names its defs (clip paths). */
    public static byte[] svg(Drawing d, String id) {
        double w = d.widthInches() * 72;
        double h = d.heightInches() * 72;
        SVGGraphics2D g2 = new SVGGraphics2D(w, h, SVGUnits.PT);
        g2.setDefsKeyPrefix(id + "-");
        g2.setGeomDoubleConverter(Export::twoDecimals);
        g2.setTransformDoubleConverter(Export::sixDecimals);
        g2.setFontFunction(family -> Style.SVG_FAMILY);
        g2.setRenderingHints(Style.hints());
        d.draw(g2);
        String element = g2.getSVGElement(null, true, new ViewBox(0, 0, w, h),
                null, null);
        int open = element.indexOf('>') + 1;
        String doc = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + element.substring(0, open)
                + "<title>" + SVGUtils.escapeForXML(d.description()) + "</title>"
                + element.substring(open) + "\n";
        return doc.getBytes(StandardCharsets.UTF_8);
    }

    static String twoDecimals(double v) {
        return decimals(v, 2);
    }

    static String sixDecimals(double v) {
        return decimals(v, 6);
    }

    private static String decimals(double v, int n) {
        if (!Double.isFinite(v)) {
            return "0";
        }
        double scale = Math.pow(10, n);
        double r = Math.rint(v * scale) / scale;
        if (r == 0) {
            return "0";
        }
        if (r == Math.rint(r) && Math.abs(r) < 1e15) {
            return Long.toString((long) r);
        }
        return BigDecimal.valueOf(r).setScale(n, RoundingMode.HALF_EVEN).stripTrailingZeros().toPlainString();
    }
}
