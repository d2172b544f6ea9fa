package io.tunnelagent.transport.http2.connector;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelInitializer;
import io.netty.handler.codec.http2.DefaultHttp2Headers;
import io.netty.handler.codec.http2.DefaultHttp2HeadersFrame;
import io.netty.handler.codec.http2.Http2Headers;
import io.netty.handler.codec.http2.Http2StreamChannel;
import io.tunnelagent.protocol.stream.ConnectRequest;
import io.tunnelagent.protocol.stream.ConnectResponse;
import io.tunnelagent.transport.TransportException;
import io.tunnelagent.transport.http2.channel.Http2FrameTranslator;
import io.tunnelagent.transport.http2.channel.Http2StreamOperations;
import io.tunnelagent.transport.http2.headers.RequestHeads;
import io.tunnelagent.transport.http2.headers.RequestKind;
import io.tunnelagent.transport.http2.headers.ResponseHeads;
import io.tunnelagent.transport.netty.ChannelTunnelStream;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sets up every stream the edge opens: reads its request head, classifies it (protocol doc 5.2) and hands it to the
 * connection as the control stream, a configuration update or a data stream. A request that cannot be mapped gets a
 * 502 from {@code cloudflared} and never reaches the application.
 */
final class IncomingRequests extends ChannelInitializer<Http2StreamChannel> {

    private static final Logger log = LoggerFactory.getLogger(IncomingRequests.class);

    private final ConnectorConnection connection;

    IncomingRequests(ConnectorConnection connection) {
        this.connection = connection;
    }

    @Override
    protected void initChannel(Http2StreamChannel channel) {
        channel.pipeline()
                .addLast(
                        "h2-translator",
                        new Http2FrameTranslator((head, endStream) -> onHead(channel, head, endStream)));
    }

    private void onHead(Http2StreamChannel channel, Http2Headers head, boolean endStream) {
        RequestKind kind = RequestKind.classify(head);
        log.debug(
                "[{}] Stream {} is a {} request",
                channel.parent().id(),
                channel.stream().id(),
                kind);
        ChannelTunnelStream stream = Http2StreamOperations.attach(channel);
        switch (kind) {
            case CONTROL_STREAM -> {
                Http2Headers response =
                        new DefaultHttp2Headers().status("200").set("content-type", "application/octet-stream");
                channel.writeAndFlush(new DefaultHttp2HeadersFrame(response));
                connection.controlStreamArrived(stream);
            }
            case CONFIGURATION_UPDATE -> stream.setInboundHandler(new ConfigurationBodyReader(connection, stream));
            default -> {
                ConnectRequest request;
                try {
                    request = RequestHeads.toConnectRequest(head, kind, endStream);
                } catch (TransportException ex) {
                    log.debug(
                            "[{}] Refusing stream {}: {}",
                            channel.parent().id(),
                            channel.stream().id(),
                            ex.getMessage());
                    refuse(channel);
                    return;
                }
                connection.deliver(new ProxiedRequest(request, stream));
            }
        }
    }

    static void refuse(Http2StreamChannel channel) {
        Http2Headers headers = ResponseHeads.toHeaders(new ConnectResponse("refused", List.of()))
                .headers();
        channel.writeAndFlush(new DefaultHttp2HeadersFrame(headers, true)).addListener(ChannelFutureListener.CLOSE);
    }
}
