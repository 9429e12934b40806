package laminar.model;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * A one-line progress bar on stderr ({@code label [=====>    ] 12/48  3.1 s}), redrawn at most ten times a
 * second. Silent when stderr is not a terminal (logs and CI stay clean) or when the user asked for quiet.
 */
public final class Progress implements AutoCloseable {

    private static final int WIDTH = 30;

    private final PrintStream out;
    private final String label;
    private final long total;
    private final boolean bytes;
    private final long t0 = System.nanoTime();
    private long done;
    private long lastDraw;
    private boolean drawn;

    private Progress(PrintStream out, String label, long total, boolean bytes) {
        this.out = out;
        this.label = label;
        this.total = total;
        this.bytes = bytes;
    }

    /** A bar counting {@code total} steps; {@code enabled=false} gives one that prints nothing. */
    public static Progress steps(String label, long total, boolean enabled) {
        return new Progress(enabled ? System.err : null, label, total, false);
    }

    /** A bar counting bytes (shown in MB). */
    public static Progress bytes(String label, long total, boolean enabled) {
        return new Progress(enabled ? System.err : null, label, total, true);
    }

    /**
     * Whether bars should be drawn: not when {@code quiet}, nor when stderr is not a terminal (on Linux,
     * {@code /proc/self/fd/2} points to a tty or pts device).
     */
    public static boolean wanted(boolean quiet) {
        if (quiet) {
            return false;
        }
        try {
            String target = Files.readSymbolicLink(Path.of("/proc/self/fd/2")).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
        } catch (Exception e) {
            return false;
        }
    }

    /** Advances by {@code n}. */
    public void advance(long n) {
        set(done + n);
    }

    /** Sets the count to {@code n}. */
    public void set(long n) {
        done = n;
        if (out == null) {
            return;
        }
        long now = System.nanoTime();
        if (now - lastDraw >= 100_000_000L || done >= total) {
            lastDraw = now;
            draw(now);
        }
    }

    private void draw(long now) {
        double frac = total <= 0 ? 1 : Math.min(1, (double) done / total);
        int fill = (int) Math.round(frac * WIDTH);
        StringBuilder bar = new StringBuilder(WIDTH);
        for (int i = 0; i < WIDTH; i++) {
            bar.append(i < fill ? '=' : i == fill ? '>' : ' ');
        }
        String count = bytes
                ? String.format(Locale.ROOT, "%.1f/%.1f MB", done / 1e6, total / 1e6)
                : done + "/" + total;
        out.printf(Locale.ROOT, "\r%s [%s] %s %5.1f s", label, bar, count, (now - t0) / 1e9);
        out.flush();
        drawn = true;
    }

    /** Ends the bar's line. */
    @Override
    public void close() {
        if (out != null && drawn) {
            out.println();
            out.flush();
        }
    }
}
