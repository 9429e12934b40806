package laminar.model.hub;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A response body read as an {@link InputStream} whose every read waits at most {@code timeout} for the next
 * bytes, then cancels the transfer and throws {@link Stalled}. {@link java.net.http.HttpClient}'s request timeout
 * ends when the headers arrive, so without this a body that stops flowing blocks a read forever.
 *
 * <p>Buffers are requested one at a time from the HTTP client, so at most one is held here.
 */
final class TimedBody extends InputStream implements HttpResponse.BodySubscriber<InputStream> {

    /** No bytes arrived for the whole timeout. */
    static final class Stalled extends IOException {
        private static final long serialVersionUID = 1L;

        Stalled(Duration timeout) {
            super("no data for " + seconds(timeout) + " s");
        }
    }

    private static final Object END = new Object();

    private final Duration timeout;
    private final LinkedBlockingQueue<Object> queue = new LinkedBlockingQueue<>();
    private final CompletableFuture<InputStream> body = CompletableFuture.completedFuture(this);
    private volatile Flow.Subscription subscription;
    private Iterator<ByteBuffer> current = List.<ByteBuffer>of().iterator();
    private ByteBuffer buffer;
    private boolean done;

    private TimedBody(Duration timeout) {
        this.timeout = timeout;
    }

    /** A body handler whose bodies time out after {@code timeout} without bytes. */
    static HttpResponse.BodyHandler<InputStream> handler(Duration timeout) {
        return info -> new TimedBody(timeout);
    }

    static String seconds(Duration d) {
        double s = d.toNanos() / 1e9;
        return s == Math.rint(s) ? Long.toString((long) s) : Double.toString(s);
    }

    @Override
    public CompletionStage<InputStream> getBody() {
        return body;
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
        subscription = s;
        s.request(1);
    }

    @Override
    public void onNext(List<ByteBuffer> item) {
        queue.add(item);
    }

    @Override
    public void onError(Throwable throwable) {
        queue.add(throwable);
    }

    @Override
    public void onComplete() {
        queue.add(END);
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        while (buffer == null || !buffer.hasRemaining()) {
            if (current.hasNext()) {
                buffer = current.next();
                continue;
            }
            if (done) {
                return -1;
            }
            nextItem();
        }
        int n = Math.min(len, buffer.remaining());
        buffer.get(b, off, n);
        return n;
    }

    @SuppressWarnings("unchecked")
    private void nextItem() throws IOException {
        Object item;
        try {
            item = queue.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            cancel();
            throw new java.io.InterruptedIOException("download interrupted");
        }
        if (item == null) {
            cancel();
            throw new Stalled(timeout);
        }
        if (item == END) {
            done = true;
        } else if (item instanceof Throwable t) {
            done = true;
            throw t instanceof IOException io ? io : new IOException(t);
        } else {
            current = ((List<ByteBuffer>) item).iterator();
            Flow.Subscription s = subscription;
            if (s != null) {
                s.request(1);
            }
        }
    }

    private void cancel() {
        done = true;
        Flow.Subscription s = subscription;
        if (s != null) {
            s.cancel();
        }
    }

    /** Stops the transfer; what was not read is dropped. */
    @Override
    public void close() {
        if (!done) {
            cancel();
        }
        queue.clear();
    }
}
