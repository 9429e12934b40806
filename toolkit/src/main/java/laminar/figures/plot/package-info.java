/**
 * A small matplotlib-like plotting layer on JFreeChart, enough for the notebook's figures and no more.
 *
 * <p>{@link laminar.figures.plot.Style} (matplotlib's look and the notebook's rcParams), {@code MplAxis}
 * (matplotlib's ticks, {@code TickText} and {@link laminar.figures.plot.PyFormat} for their labels),
 * {@link laminar.figures.plot.Panel} and {@link laminar.figures.plot.Figure} (subplot layout),
 * {@link laminar.figures.plot.Plots} (lines, scatter and image axes), {@link laminar.figures.plot.ScatterLayer}
 * and {@link laminar.figures.plot.MatrixImage} (dense layers drawn as embedded images, via {@code Raster}),
 * {@link laminar.figures.plot.Legend}, {@link laminar.figures.plot.ColorBar}, {@link laminar.figures.plot.ColorMap},
 * {@link laminar.figures.plot.Marker}, {@link laminar.figures.plot.AxLine} and
 * {@link laminar.figures.plot.Export} (PNG with pHYs at 300 dpi, SVG via JFreeSVG).
 */
package laminar.figures.plot;
