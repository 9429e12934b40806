package laminar.figures.plot;

import java.awt.Graphics2D;

/**
 * Something that draws itself on a canvas of {@link #widthInches()} × {@link #heightInches()} inches, in points
 * (user space {@code 72 × width} by {@code 72 × height}); {@link Export} turns it into PNG and SVG.
 */
public interface Drawing {

    double widthInches();

    double heightInches();

    /** A one-line description, written as the SVG's {@code <title>}. */
    String description();

    /** Draws the whole figure; {@code g2}'s user space is in points, origin top left. */
    void draw(Graphics2D g2);
}
