package laminar.figures.plot;

import org.junit.jupiter.api.Test;

import java.awt.image.BufferedImage;

import static org.assertj.core.api.Assertions.assertThat;

class MatrixImageTest {

    @Test
    void fewCellsAreSharpBlocksOfTheirColour() {
        // 2 x 2: [[0.3, 1.0], [0.65, 0.3]] on 4 x 4 pixels: each cell a 2 x 2 block
        float[] m = {0.3f, 1.0f, 0.65f, 0.3f};
        BufferedImage img = new MatrixImage(MatrixImage.of(m, 2, null), ColorMap.MAGMA, 0.3, 1.0).render(4, 4);
        int low = 0xff000000 | ColorMap.MAGMA.rgb(0);
        int high = 0xff000000 | ColorMap.MAGMA.rgb(255);
        int mid = 0xff000000 | ColorMap.MAGMA.rgb(ColorMap.index(0.65f, 0.3, 1.0));
        assertThat(img.getRGB(0, 0)).isEqualTo(low);
        assertThat(img.getRGB(1, 1)).isEqualTo(low);
        assertThat(img.getRGB(3, 0)).isEqualTo(high);
        assertThat(img.getRGB(0, 3)).isEqualTo(mid);
        assertThat(img.getRGB(3, 3)).isEqualTo(low);
    }

    @Test
    void manyCellsAreAveragedPerPixel() {
        // 4 x 4 identity-like mask on 2 x 2 pixels: each pixel covers 2 x 2 cells
        boolean[] eye = new boolean[16];
        for (int i = 0; i < 4; i++) {
            eye[i * 4 + i] = true;
        }
        BufferedImage img = new MatrixImage(MatrixImage.of(eye, 4), ColorMap.VIRIDIS, 0, 1).render(2, 2);
        assertThat(img.getRGB(0, 0)).isEqualTo(0xff000000 | ColorMap.VIRIDIS.rgb(ColorMap.index(0.5, 0, 1)));
        assertThat(img.getRGB(1, 0)).isEqualTo(0xff000000 | ColorMap.VIRIDIS.rgb(0));
    }

    @Test
    void displayOrderPermutesRowsAndColumns() {
        float[] m = {1f, 0.3f, 0.3f, 0.3f};
        int[] swap = {1, 0};
        BufferedImage img = new MatrixImage(MatrixImage.of(m, 2, swap), ColorMap.MAGMA, 0.3, 1.0).render(2, 2);
        assertThat(img.getRGB(1, 1)).isEqualTo(0xff000000 | ColorMap.MAGMA.rgb(255));
        assertThat(img.getRGB(0, 0)).isEqualTo(0xff000000 | ColorMap.MAGMA.rgb(0));
    }

    @Test
    void colourMapsLookUpLikeMatplotlib() {
        assertThat(ColorMap.index(0.3, 0.3, 1)).isZero();
        assertThat(ColorMap.index(1.0, 0.3, 1)).isEqualTo(255);
        assertThat(ColorMap.index(2.0, 0.3, 1)).isEqualTo(255);
        assertThat(ColorMap.index(-1, 0.3, 1)).isZero();
        assertThat(ColorMap.index(0.5, 0, 1)).isEqualTo(128);
        assertThat(ColorMap.MAGMA.rgb(0)).isEqualTo(0x000004);
        assertThat(ColorMap.MAGMA.rgb(255)).isEqualTo(0xfcfdbf);
        assertThat(ColorMap.VIRIDIS.rgb(0)).isEqualTo(0x440154);
        assertThat(ColorMap.VIRIDIS.rgb(255)).isEqualTo(0xfde725);
        assertThat(ColorMap.RAINBOW.rgb(0)).isEqualTo(0x8000ff);
        assertThat(ColorMap.RAINBOW.rgb(255)).isEqualTo(0xff0000);
    }
}
