package io.tunnelagent.transport.quic.kwik;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.tunnelagent.protocol.stream.ConnectResponse;
import io.tunnelagent.transport.IncomingStream;
import io.tunnelagent.transport.quic.QuicStreams;
import io.tunnelagent.transport.quic.StreamHead;
import io.tunnelagent.transport.quic.StreamHeadReader;
import io.tunnelagent.transport.quic.StreamHeads;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tech.kwik.core.QuicStream;

/**
 * Reads the head of an edge-opened Kwik stream on a pool thread (blocking) and classifies it: a data stream with its
 * request, an RPC stream, or a refused (reset) or malformed (error response) one.
 */
final class KwikStreamHead {

    private static final Logger log = LoggerFactory.getLogger(KwikStreamHead.class);

    private final QuicStream stream;
    private final Executor pool;
    private final String logPrefix;
    private final UnaryOperator<KwikTunnelStream> track;

    KwikStreamHead(QuicStream stream, Executor pool, String logPrefix, UnaryOperator<KwikTunnelStream> track) {
        this.stream = stream;
        this.pool = pool;
        this.logPrefix = logPrefix;
        this.track = track;
    }

    Optional<IncomingStream> read() {
        if (stream.isUnidirectional()) {
            stream.abortReading(0);
            return Optional.empty();
        }
        StreamHeadReader reader =
                new StreamHeadReader(ByteBufAllocator.DEFAULT, StreamHeadReader.Expect.REQUEST_OR_RPC);
        try {
            InputStream in = stream.getInputStream();
            byte[] buffer = new byte[4096];
            while (true) {
                int read = in.read(buffer);
                if (read < 0) {
                    log.debug("{} stream {} ended before its head was complete", logPrefix, stream.getStreamId());
                    stream.abortReading(0);
                    return Optional.empty();
                }
                Optional<StreamHead> head = reader.offer(Unpooled.copiedBuffer(buffer, 0, read));
                if (head.isPresent()) {
                    return classify(head.get(), reader.remainder());
                }
            }
        } catch (IOException ex) {
            log.debug("{} stream {} failed before its head: {}", logPrefix, stream.getStreamId(), ex.toString());
            return Optional.empty();
        } finally {
            reader.release();
        }
    }

    private Optional<IncomingStream> classify(StreamHead head, ByteBuf remainder) throws IOException {
        if (head instanceof StreamHead.Data data) {
            KwikTunnelStream tunnel = track.apply(new KwikTunnelStream(stream, pool, remainder));
            return Optional.of(QuicStreams.incomingData(tunnel, data.request()));
        }
        if (head instanceof StreamHead.Rpc) {
            return Optional.of(QuicStreams.incomingRpc(track.apply(new KwikTunnelStream(stream, pool, remainder))));
        }
        remainder.release();
        if (head instanceof StreamHead.Malformed malformed) {
            log.debug("{} stream {} answered with an error: {}", logPrefix, stream.getStreamId(), malformed.message());
            ByteBuf response =
                    StreamHeads.response(ByteBufAllocator.DEFAULT, new ConnectResponse(malformed.message(), List.of()));
            try {
                OutputStream out = stream.getOutputStream();
                byte[] bytes = new byte[response.readableBytes()];
                response.readBytes(bytes);
                out.write(bytes);
                out.close();
            } finally {
                response.release();
            }
            stream.abortReading(0);
        } else {
            log.debug("{} stream {} refused with a reset: {}", logPrefix, stream.getStreamId(), head);
            stream.resetStream(0);
            stream.abortReading(0);
        }
        return Optional.empty();
    }
}
