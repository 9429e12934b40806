/**
 * The notebook's figures: {@link laminar.figures.Figures#writeAll} writes Parts 1-7's eleven figures and a 3D
 * laminar view as 300 dpi PNGs and SVGs.
 *
 * <p>One small class per figure ({@code Part1Figure} ... {@code Part7aFigure}, {@code LayerLinesFigure} for 2b/4,
 * {@code Part6bFigure} for 6b/7b, {@code Laminar3dFigure}), on shared helpers: {@link laminar.figures.Style}
 * (matplotlib's look and the notebook's rcParams), {@code MplAxis} (matplotlib's ticks), {@code Panel} and
 * {@code Figure} (subplot layout), {@code ScatterLayer} and {@code MatrixImage} (dense layers as embedded
 * images), {@code Legend}, {@code ColorBar}, {@link laminar.figures.ColorMap}, {@link laminar.figures.Export}
 * (PNG with pHYs, SVG via JFreeSVG) and {@link laminar.figures.FigureFiles} (reading them back).
 */
package laminar.figures;
