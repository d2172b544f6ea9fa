package io.tunnelagent.transport.quic.netty;

import io.tunnelagent.protocol.stream.ConnectRequest;
import io.tunnelagent.protocol.stream.ConnectResponse;
import io.tunnelagent.transport.IncomingDataStream;
import io.tunnelagent.transport.IncomingRpcStream;
import io.tunnelagent.transport.OutgoingDataStream;
import io.tunnelagent.transport.TransportException;
import io.tunnelagent.transport.TunnelStream;
import io.tunnelagent.transport.quic.StreamHeads;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

/** The typed stream heads of the QUIC transport. */
final class QuicStreams {

    private QuicStreams() {}

    /** An edge-opened data stream on the connector, answered once with signature, "01" and a response. */
    static final class IncomingData implements IncomingDataStream {

        private final TunnelStream stream;
        private final ConnectRequest request;
        private final AtomicBoolean responded = new AtomicBoolean();

        IncomingData(TunnelStream stream, ConnectRequest request) {
            this.stream = stream;
            this.request = request;
        }

        @Override
        public TunnelStream stream() {
            return stream;
        }

        @Override
        public ConnectRequest request() {
            return request;
        }

        @Override
        public CompletableFuture<Void> respond(ConnectResponse response) {
            if (!responded.compareAndSet(false, true)) {
                return CompletableFuture.failedFuture(
                        new TransportException("Stream " + stream.id() + " was already answered; respond() once"));
            }
            CompletableFuture<Void> written = stream.write(StreamHeads.response(stream.alloc(), response));
            if (response.isError()) {
                stream.close();
            }
            return written;
        }

        @Override
        public String toString() {
            return "IncomingDataStream[" + stream.id() + ", " + request.type() + " " + request.dest() + "]";
        }
    }

    /**
     * A stream the peer opened with the RPC signature.
     *
     * @param stream the stream, after the signature
     */
    record IncomingRpc(TunnelStream stream) implements IncomingRpcStream {}

    /**
     * A data stream the edge opened.
     *
     * @param stream the stream
     * @param response the connector's response head
     */
    record OutgoingData(TunnelStream stream, CompletableFuture<ConnectResponse> response)
            implements OutgoingDataStream {}
}
