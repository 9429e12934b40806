/**
 * One class per figure of the notebook, built on {@link laminar.figures.plot}: {@code Part1Figure} ...
 * {@code Part7aFigure}, {@code LayerLinesFigure} (2b and 4), {@code Part6bFigure} (6b and 7b) and
 * {@code Laminar3dFigure} (the 3D laminar view). {@link laminar.figures.Figures} names and writes them.
 */
package laminar.figures.parts;
