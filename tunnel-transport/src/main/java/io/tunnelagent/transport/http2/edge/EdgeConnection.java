package io.tunnelagent.transport.http2.edge;

import io.netty.channel.Channel;
import io.netty.handler.codec.http2.DefaultHttp2DataFrame;
import io.netty.handler.codec.http2.DefaultHttp2Headers;
import io.netty.handler.codec.http2.DefaultHttp2HeadersFrame;
import io.netty.handler.codec.http2.Http2Headers;
import io.netty.handler.codec.http2.Http2StreamChannel;
import io.netty.handler.codec.http2.Http2StreamChannelBootstrap;
import io.netty.util.concurrent.Future;
import io.tunnelagent.protocol.stream.ConnectRequest;
import io.tunnelagent.transport.IncomingStream;
import io.tunnelagent.transport.OutgoingDataStream;
import io.tunnelagent.transport.TransportException;
import io.tunnelagent.transport.TunnelRole;
import io.tunnelagent.transport.TunnelStream;
import io.tunnelagent.transport.http2.channel.Http2FrameTranslator;
import io.tunnelagent.transport.http2.channel.Http2Session;
import io.tunnelagent.transport.http2.channel.Http2StreamOperations;
import io.tunnelagent.transport.http2.channel.Http2TunnelConnection;
import io.tunnelagent.transport.http2.connector.Http2EdgeDialer;
import io.tunnelagent.transport.http2.headers.ConfigurationJson;
import io.tunnelagent.transport.http2.headers.RequestHeads;
import io.tunnelagent.transport.http2.headers.RequestKind;
import io.tunnelagent.transport.netty.ChannelTunnelStream;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An edge-role HTTP/2 connection: this side is the HTTP/2 client. The control stream is a {@code control-stream}
 * request whose body stays open; each proxied request is a new request; configuration pushes are
 * {@code update-configuration} requests.
 */
final class EdgeConnection extends Http2TunnelConnection implements ConfigurationPusher {

    private static final Logger log = LoggerFactory.getLogger(EdgeConnection.class);

    private @Nullable CompletableFuture<TunnelStream> controlStream;

    EdgeConnection(Channel channel, Http2Session session) {
        super(channel, session);
    }

    @Override
    public synchronized CompletableFuture<TunnelStream> controlStream() {
        CompletableFuture<TunnelStream> current = controlStream;
        if (current == null) {
            Http2Headers headers = new DefaultHttp2Headers()
                    .method("GET")
                    .scheme("https")
                    .authority(Http2EdgeDialer.SERVER_NAME)
                    .path("/")
                    .set(RequestKind.UPGRADE_HEADER, "control-stream");
            current = open(head -> checkControlHead(head), headers).thenApply(Function.identity());
            controlStream = current;
        }
        return current;
    }

    private void checkControlHead(Http2Headers head) {
        CharSequence status = head.status();
        if (status == null || !"200".contentEquals(status)) {
            log.warn("[{}] The connector answered the control stream with status {}", channel.id(), status);
        }
    }

    @Override
    public CompletableFuture<OutgoingDataStream> openDataStream(ConnectRequest request) {
        OutgoingRequest outgoing = new OutgoingRequest(request.type());
        Http2Headers headers = RequestHeads.toHeaders(request);
        return open(outgoing::onHead, headers).thenApply(stream -> {
            outgoing.attached(stream);
            return outgoing;
        });
    }

    @Override
    public CompletableFuture<ConfigurationJson.Answer> pushConfiguration(int version, byte[] config) {
        ConfigurationAnswerReader reader = new ConfigurationAnswerReader();
        byte[] body = ConfigurationJson.encodeUpdate(version, config);
        Http2Headers headers = new DefaultHttp2Headers()
                .method("PUT")
                .scheme("https")
                .authority(Http2EdgeDialer.SERVER_NAME)
                .path("/")
                .set(RequestKind.UPGRADE_HEADER, "update-configuration")
                .set("content-type", "application/json")
                .setInt("content-length", body.length);
        CompletableFuture<Http2StreamChannel> opened = new CompletableFuture<>();
        new Http2StreamChannelBootstrap(channel).open().addListener((Future<Http2StreamChannel> f) -> {
            if (!f.isSuccess()) {
                opened.completeExceptionally(openFailure(f.cause()));
                return;
            }
            Http2StreamChannel stream = f.getNow();
            stream.pipeline().addLast(new Http2FrameTranslator(reader::onHead), reader);
            stream.write(new DefaultHttp2HeadersFrame(headers));
            stream.writeAndFlush(
                    new DefaultHttp2DataFrame(stream.alloc().buffer(body.length).writeBytes(body), true));
            opened.complete(stream);
        });
        return opened.thenCompose(stream -> reader.answer());
    }

    private CompletableFuture<ChannelTunnelStream> open(Consumer<Http2Headers> onHead, Http2Headers headers) {
        CompletableFuture<ChannelTunnelStream> result = new CompletableFuture<>();
        if (!channel.isActive()) {
            result.completeExceptionally(new TransportException("The HTTP/2 connection to the connector is closed"));
            return result;
        }
        new Http2StreamChannelBootstrap(channel)
                .handler(new Http2FrameTranslator(onHead))
                .open()
                .addListener((Future<Http2StreamChannel> f) -> {
                    if (!f.isSuccess()) {
                        result.completeExceptionally(openFailure(f.cause()));
                        return;
                    }
                    Http2StreamChannel stream = f.getNow();
                    stream.writeAndFlush(new DefaultHttp2HeadersFrame(headers)).addListener(write -> {
                        if (!write.isSuccess()) {
                            result.completeExceptionally(openFailure(write.cause()));
                            stream.close();
                        }
                    });
                    result.complete(Http2StreamOperations.attach(stream));
                });
        return result;
    }

    private static TransportException openFailure(Throwable cause) {
        return new TransportException("Could not open an HTTP/2 stream to the connector: " + cause.getMessage(), cause);
    }

    @Override
    public void setIncomingStreamHandler(Consumer<IncomingStream> handler) {
        // An HTTP/2 connector cannot open streams (it is the HTTP/2 server and push is off).
    }

    @Override
    public TunnelRole role() {
        return TunnelRole.EDGE;
    }

    @Override
    public String toString() {
        return "Http2EdgeConnection[" + channel.remoteAddress() + "]";
    }
}
