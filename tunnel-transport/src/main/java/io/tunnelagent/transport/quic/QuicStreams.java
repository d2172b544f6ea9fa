package io.tunnelagent.transport.quic;

import io.tunnelagent.protocol.stream.ConnectRequest;
import io.tunnelagent.protocol.stream.ConnectResponse;
import io.tunnelagent.transport.IncomingDataStream;
import io.tunnelagent.transport.IncomingRpcStream;
import io.tunnelagent.transport.OutgoingDataStream;
import io.tunnelagent.transport.TransportException;
import io.tunnelagent.transport.TunnelStream;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

/** The typed stream heads of the QUIC transport, shared by the Netty and the Kwik implementations. */
public final class QuicStreams {

    private QuicStreams() {}

    /**
     * An edge-opened data stream on the connector, answered once with signature, "01" and a response.
     *
     * @param stream the stream, after the request head
     * @param request the request head
     * @return the incoming data stream
     */
    public static IncomingDataStream incomingData(TunnelStream stream, ConnectRequest request) {
        return new IncomingData(stream, request);
    }

    /**
     * A stream the peer opened with the RPC signature.
     *
     * @param stream the stream, after the signature
     * @return the incoming RPC stream
     */
    public static IncomingRpcStream incomingRpc(TunnelStream stream) {
        return new IncomingRpc(stream);
    }

    /**
     * A data stream the edge opened.
     *
     * @param stream the stream
     * @param response the connector's response head, when it arrives
     * @return the outgoing data stream
     */
    public static OutgoingDataStream outgoingData(TunnelStream stream, CompletableFuture<ConnectResponse> response) {
        return new OutgoingData(stream, response);
    }

    /** An edge-opened data stream on the connector, answered once with signature, "01" and a response. */
    private static final class IncomingData implements IncomingDataStream {

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
    private record IncomingRpc(TunnelStream stream) implements IncomingRpcStream {}

    /**
     * A data stream the edge opened.
     *
     * @param stream the stream
     * @param response the connector's response head
     */
    private record OutgoingData(TunnelStream stream, CompletableFuture<ConnectResponse> response)
            implements OutgoingDataStream {}
}
