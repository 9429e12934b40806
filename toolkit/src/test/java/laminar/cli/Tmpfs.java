package laminar.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A real small or read-only filesystem for a test ({@code mount -t tmpfs}): a disk that fills up, a folder even root
 * cannot write. Needs root; tests using it are skipped elsewhere (where a read-only folder is a chmod away).
 */
final class Tmpfs implements AutoCloseable {

    private final Path dir;

    private Tmpfs(Path dir) {
        this.dir = dir;
    }

    /** Whether this process runs as root (and so may mount, and ignores file permissions). */
    static boolean root() {
        try {
            return ((Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid")) == 0;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** Mounts a tmpfs with {@code options} (e.g. {@code size=1m}, {@code ro}) on {@code dir}, created if needed. */
    static Tmpfs mount(Path dir, String options) throws IOException, InterruptedException {
        assumeTrue(root(), "mounting a tmpfs needs root");
        Files.createDirectories(dir);
        Process p = new ProcessBuilder("mount", "-t", "tmpfs", "-o", options, "tmpfs", dir.toString())
                .redirectErrorStream(true).start();
        boolean done = p.waitFor(30, TimeUnit.SECONDS);
        String out = new String(p.getInputStream().readAllBytes());
        assumeTrue(done && p.exitValue() == 0, "cannot mount a tmpfs here: " + out);
        return new Tmpfs(dir);
    }

    Path dir() {
        return dir;
    }

    @Override
    public void close() throws IOException, InterruptedException {
        Process p = new ProcessBuilder("umount", "-l", dir.toString()).redirectErrorStream(true).start();
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException("umount " + dir + " failed: " + new String(p.getInputStream().readAllBytes()));
        }
    }
}
