package io.tunnelagent.transport.http2.connector;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.CompositeByteBuf;
import io.netty.channel.Channel;
import io.netty.handler.codec.http2.DefaultHttp2DataFrame;
import io.netty.handler.codec.http2.DefaultHttp2Headers;
import io.netty.handler.codec.http2.DefaultHttp2HeadersFrame;
import io.netty.handler.codec.http2.Http2StreamChannel;
import io.tunnelagent.transport.IncomingConfigurationUpdate;
import io.tunnelagent.transport.StreamInboundHandler;
import io.tunnelagent.transport.TransportException;
import io.tunnelagent.transport.TunnelStream;
import io.tunnelagent.transport.http2.headers.ConfigurationJson;
import io.tunnelagent.transport.netty.ChannelTunnelStream;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the whole body of an {@code update-configuration} request (at most {@link #MAX_BODY} bytes), then hands the
 * connection an {@link IncomingConfigurationUpdate} whose answer is the JSON {@code UpdateConfigurationResponse}
 * (protocol doc 5.7). The update's stream already has this reader as its inbound handler.
 */
final class ConfigurationBodyReader implements StreamInboundHandler {

    /** The largest configuration body accepted: 4 MiB. */
    static final int MAX_BODY = 4 << 20;

    private static final Logger log = LoggerFactory.getLogger(ConfigurationBodyReader.class);

    private final ConnectorConnection connection;
    private final ChannelTunnelStream stream;
    private final CompositeByteBuf body;

    ConfigurationBodyReader(ConnectorConnection connection, ChannelTunnelStream stream) {
        this.connection = connection;
        this.stream = stream;
        this.body = stream.alloc().compositeBuffer(Integer.MAX_VALUE);
    }

    @Override
    public void onData(TunnelStream ignored, ByteBuf data) {
        if (body.refCnt() == 0) {
            data.release();
            return;
        }
        if (body.readableBytes() + data.readableBytes() > MAX_BODY) {
            data.release();
            body.release();
            log.debug("Refusing configuration update on stream {}: body over {} bytes", stream.id(), MAX_BODY);
            IncomingRequests.refuse((Http2StreamChannel) stream.channel());
            return;
        }
        body.addComponent(true, data);
    }

    @Override
    public void onInputShutdown(TunnelStream ignored) {
        if (body.refCnt() == 0) {
            return;
        }
        ConfigurationJson.Update update;
        try {
            update = ConfigurationJson.decodeUpdate(ByteBufUtil.getBytes(body));
        } catch (TransportException ex) {
            log.debug("Refusing configuration update on stream {}: {}", stream.id(), ex.getMessage());
            IncomingRequests.refuse((Http2StreamChannel) stream.channel());
            return;
        } finally {
            body.release();
        }
        connection.deliver(new Update(update, stream));
    }

    @Override
    public void onClosed(TunnelStream ignored) {
        if (body.refCnt() > 0) {
            body.release();
        }
    }

    /** The update handed to the application. */
    private static final class Update implements IncomingConfigurationUpdate {

        private final ConfigurationJson.Update update;
        private final ChannelTunnelStream stream;

        Update(ConfigurationJson.Update update, ChannelTunnelStream stream) {
            this.update = update;
            this.stream = stream;
        }

        @Override
        public int version() {
            return update.version();
        }

        @Override
        public byte[] config() {
            return update.config().clone();
        }

        @Override
        public TunnelStream stream() {
            return stream;
        }

        @Override
        public CompletableFuture<Void> respond(int latestAppliedVersion, @Nullable String error) {
            CompletableFuture<Void> result = new CompletableFuture<>();
            Channel channel = stream.channel();
            onLoop(channel, () -> {
                DefaultHttp2Headers headers = new DefaultHttp2Headers();
                headers.status("200").set("content-type", "application/json");
                channel.write(new DefaultHttp2HeadersFrame(headers));
                ByteBuf json = channel.alloc().buffer();
                json.writeBytes(ConfigurationJson.encodeAnswer(latestAppliedVersion, error));
                channel.writeAndFlush(new DefaultHttp2DataFrame(json, true)).addListener(f -> {
                    channel.close();
                    if (f.isSuccess()) {
                        result.complete(null);
                    } else {
                        result.completeExceptionally(f.cause());
                    }
                });
            });
            return result;
        }

        @Override
        public String toString() {
            return "ConfigurationUpdate[stream " + stream.id() + ", version " + update.version() + "]";
        }
    }

    /** Runs at once on the event loop (so that a write that follows on the loop comes after the head), else queued. */
    private static void onLoop(Channel channel, Runnable task) {
        if (channel.eventLoop().inEventLoop()) {
            task.run();
        } else {
            channel.eventLoop().execute(task);
        }
    }
}
