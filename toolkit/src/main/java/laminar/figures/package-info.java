/**
 * The notebook's figures: {@link laminar.figures.Figures#writeAll} writes Parts 1-7's eleven figures and a 3D
 * laminar view as 300 dpi PNGs and SVGs; {@link laminar.figures.FigureFiles} reads written figures back.
 *
 * <p>Two subpackages: {@link laminar.figures.plot} is a small matplotlib-like plotting layer (axes, panels,
 * colour maps and bars, legends, markers, scatter and image layers, export), and {@link laminar.figures.parts}
 * holds one class per figure of the notebook, built on it.
 */
package laminar.figures;
