package laminar.model.hub;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The lock huggingface_hub takes around one blob's download: {@code CACHE/.locks/models--org--name/{etag}.lock}.
 * A second download of the same blob, by another process or another thread of this one, waits until the first
 * has finished and then finds the blob complete.
 *
 * <p>Across processes this is a {@link FileChannel#lock} (POSIX record lock); inside one JVM such locks cannot be
 * held twice, so threads first queue on a {@link ReentrantLock} per lock file. Note: huggingface_hub itself locks
 * with {@code flock}, which Linux keeps apart from record locks, so laminar excludes other laminar runs, not a
 * concurrent Python download (both still verify what they keep).
 */
final class BlobLock implements AutoCloseable {

    private static final ConcurrentHashMap<Path, ReentrantLock> IN_PROCESS = new ConcurrentHashMap<>();

    private final ReentrantLock local;
    private final FileChannel channel;
    private final FileLock lock;

    private BlobLock(ReentrantLock local, FileChannel channel, FileLock lock) {
        this.local = local;
        this.channel = channel;
        this.lock = lock;
    }

    /** The lock file of {@code etag} in {@code repoFolder} (e.g. {@code models--org--name}). */
    static Path path(Path cache, String repoFolder, String etag) {
        return cache.resolve(".locks").resolve(repoFolder).resolve(etag + ".lock");
    }

    /** Takes the lock at {@code file}, waiting for another holder; says so on {@code log} when it has to wait. */
    static BlobLock acquire(Path file, String what, PrintStream log) throws IOException {
        Files.createDirectories(file.getParent());
        ReentrantLock local = IN_PROCESS.computeIfAbsent(file.toAbsolutePath().normalize(), k -> new ReentrantLock());
        if (!local.tryLock()) {
            log.println("laminar: waiting for another download of " + what + " in this process to finish");
            local.lock();
        }
        FileChannel channel = null;
        try {
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock = channel.tryLock();
            if (lock == null) {
                log.println("laminar: waiting for another process downloading " + what + " (lock " + file + ")");
                lock = channel.lock();
            }
            return new BlobLock(local, channel, lock);
        } catch (IOException | RuntimeException e) {
            if (channel != null) {
                channel.close();
            }
            local.unlock();
            throw e;
        }
    }

    @Override
    public void close() throws IOException {
        try {
            lock.release();
            channel.close();
        } finally {
            local.unlock();
        }
    }
}
