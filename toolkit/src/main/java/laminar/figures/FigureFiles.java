package laminar.figures;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageInputStream;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Reading written figures back: a PNG's pixel size and {@code pHYs} resolution, an SVG parsed as XML (without
 * fetching anything) and its text. For checks of the output (the tests, the specs) and tools that inspect it.
 */
public final class FigureFiles {

    private FigureFiles() {
    }

    /** A PNG's {@code {width, height, pixelsPerMetreX, pixelsPerMetreY}} (0 when there is no pHYs chunk). */
    public static int[] png(Path file) throws IOException {
        return png(Files.readAllBytes(file));
    }

    public static int[] png(byte[] bytes) throws IOException {
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
            ImageReader reader = ImageIO.getImageReadersByFormatName("png").next();
            try {
                reader.setInput(in);
                int w = reader.getWidth(0);
                int h = reader.getHeight(0);
                IIOMetadata meta = reader.getImageMetadata(0);
                IIOMetadataNode root = (IIOMetadataNode) meta.getAsTree("javax_imageio_png_1.0");
                NodeList phys = root.getElementsByTagName("pHYs");
                int px = 0;
                int py = 0;
                if (phys.getLength() > 0) {
                    Element e = (Element) phys.item(0);
                    if ("meter".equals(e.getAttribute("unitSpecifier"))) {
                        px = Integer.parseInt(e.getAttribute("pixelsPerUnitXAxis"));
                        py = Integer.parseInt(e.getAttribute("pixelsPerUnitYAxis"));
                    }
                }
                return new int[]{w, h, px, py};
            } finally {
                reader.dispose();
            }
        }
    }

    /** Parses an SVG as XML (never fetching anything) and returns its document. */
    public static Document svg(byte[] bytes) throws IOException {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setNamespaceAware(true);
            f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            return f.newDocumentBuilder().parse(new ByteArrayInputStream(bytes));
        } catch (ParserConfigurationException | SAXException e) {
            throw new IOException("not a well-formed SVG: " + e.getMessage(), e);
        }
    }

    /** Every {@code <text>} of an SVG, in document order. */
    public static Set<String> texts(Document svg) {
        Set<String> out = new LinkedHashSet<>();
        NodeList list = svg.getElementsByTagNameNS("http://www.w3.org/2000/svg", "text");
        for (int i = 0; i < list.getLength(); i++) {
            out.add(list.item(i).getTextContent());
        }
        return out;
    }

    public static Set<String> texts(Path svgFile) throws IOException {
        return texts(svg(Files.readAllBytes(svgFile)));
    }
}
