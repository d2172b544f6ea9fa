package io.tunnelagent.core.origin;

import io.tunnelagent.protocol.stream.ConnectRequest;
import io.tunnelagent.protocol.stream.ConnectResponse;
import io.tunnelagent.protocol.stream.Metadata;
import io.tunnelagent.transport.IncomingDataStream;
import io.tunnelagent.transport.TunnelStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One proxied stream as an origin sees it: the request, the stream, and the rules for answering (protocol doc
 * 3.4–3.6). The response head is sent once; a failure before it becomes an error {@code ConnectResponse}, a failure
 * after it resets the stream with code 0. Thread-safe; {@link #done()} completes exactly once.
 */
public final class StreamExchange {

    private static final Logger log = LoggerFactory.getLogger(StreamExchange.class);

    private final IncomingDataStream incoming;
    private final @Nullable OriginRequest http;
    private final AtomicBoolean responded = new AtomicBoolean();
    private final AtomicBoolean ended = new AtomicBoolean();
    private final CompletableFuture<Outcome> done = new CompletableFuture<>();
    private volatile int status;

    /**
     * Creates an exchange.
     *
     * @param incoming the stream from the transport
     * @param http the parsed HTTP request, or {@code null} for TCP streams
     */
    public StreamExchange(IncomingDataStream incoming, @Nullable OriginRequest http) {
        this.incoming = incoming;
        this.http = http;
    }

    /** The request head as received. */
    public ConnectRequest request() {
        return this.incoming.request();
    }

    /**
     * The HTTP view of the request.
     *
     * @throws IllegalStateException for TCP streams
     */
    public OriginRequest http() {
        OriginRequest request = this.http;
        if (request == null) {
            throw new IllegalStateException("Stream " + stream().id() + " is a TCP stream without an HTTP request");
        }
        return request;
    }

    /** The stream: inbound bytes are the request body, outbound bytes the response body. */
    public TunnelStream stream() {
        return this.incoming.stream();
    }

    /** Whether the response head was sent. */
    public boolean responded() {
        return this.responded.get();
    }

    /** Whether the exchange finished or failed. */
    public boolean isEnded() {
        return this.ended.get();
    }

    /**
     * Sends {@code HttpStatus} and one {@code HttpHeader:<Name>} entry per header value.
     *
     * @param statusCode the HTTP status
     * @param headers the header entries
     * @return completes when the head was written
     */
    public CompletableFuture<Void> respond(int statusCode, List<Metadata> headers) {
        List<Metadata> metadata = new ArrayList<>(headers.size() + 1);
        metadata.add(new Metadata(Metadata.HTTP_STATUS, Integer.toString(statusCode)));
        metadata.addAll(headers);
        this.status = statusCode;
        return send(new ConnectResponse("", metadata));
    }

    /**
     * Sends the empty success response that acknowledges a TCP stream.
     *
     * @return completes when the head was written
     */
    public CompletableFuture<Void> acknowledge() {
        return send(new ConnectResponse("", List.of()));
    }

    /** Ends the exchange normally: the output ends after pending writes and the stream closes. */
    public void finish() {
        if (this.ended.compareAndSet(false, true)) {
            this.incoming.stream().close();
            this.done.complete(new Outcome(this.status, ""));
        }
    }

    /**
     * Ends the exchange with an error: an error response before the head was sent, a reset (code 0) after.
     *
     * @param cause what went wrong
     */
    public void fail(Throwable cause) {
        fail(cause, List.of());
    }

    /**
     * Ends the exchange with an error whose response carries metadata (e.g. {@code FlowConnectRateLimited=true}
     * when the flow limiter refused a stream); after the head was sent it is a reset like {@link #fail(Throwable)}.
     *
     * @param cause what went wrong
     * @param errorMetadata the metadata of the error response
     */
    public void fail(Throwable cause, List<Metadata> errorMetadata) {
        if (!this.ended.compareAndSet(false, true)) {
            return;
        }
        String text = OriginErrors.describe(cause);
        TunnelStream stream = this.incoming.stream();
        if (this.responded.compareAndSet(false, true)) {
            log.debug("[stream {}] Answering with error: {}", stream.id(), text);
            this.incoming
                    .respond(new ConnectResponse(text, List.copyOf(errorMetadata)))
                    .whenComplete((ignored, error) -> stream.close());
        } else {
            log.debug("[stream {}] Resetting after the response was sent: {}", stream.id(), text);
            stream.reset(0);
        }
        this.done.complete(new Outcome(this.status, text));
    }

    /** Completes once, when the exchange finished or failed; never fails. */
    public CompletableFuture<Outcome> done() {
        return this.done;
    }

    private CompletableFuture<Void> send(ConnectResponse response) {
        if (!this.responded.compareAndSet(false, true)) {
            return CompletableFuture.failedFuture(
                    new IllegalStateException("Stream " + stream().id() + " was already answered"));
        }
        return this.incoming.respond(response);
    }

    /**
     * How an exchange ended.
     *
     * @param status the HTTP status sent, or 0 when none was sent
     * @param error the error text, empty on success
     */
    public record Outcome(int status, String error) {}
}
