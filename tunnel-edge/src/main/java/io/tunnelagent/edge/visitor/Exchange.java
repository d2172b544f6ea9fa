package io.tunnelagent.edge.visitor;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import io.tunnelagent.edge.metrics.EdgeMetrics;
import io.tunnelagent.edge.registration.LiveConnection;
import io.tunnelagent.protocol.stream.ConnectResponse;
import io.tunnelagent.protocol.stream.Metadata;
import io.tunnelagent.transport.OutgoingDataStream;
import io.tunnelagent.transport.StreamInboundHandler;
import io.tunnelagent.transport.TunnelStream;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One visitor request proxied over one data stream. Every state change runs on the visitor channel's event loop;
 * stream events are moved there. Request body chunks go to the stream as they arrive and response bytes go to the
 * visitor as they arrive, each side pausing the other's reads when it cannot keep up.
 */
final class Exchange implements StreamInboundHandler {

    private static final Logger log = LoggerFactory.getLogger(Exchange.class);

    private final ChannelHandlerContext ctx;
    private final LiveConnection connection;
    private final EdgeMetrics metrics;
    private final String ray;
    private final boolean keepAlive;
    private final boolean webSocket;
    private final Runnable onFinished;
    private final ArrayDeque<Object> pendingRequest = new ArrayDeque<>();
    private final ArrayDeque<Object> pendingResponse = new ArrayDeque<>();
    private static final Object INPUT_END = new Object();
    private static final Object STREAM_CLOSED = new Object();

    /**
     * Whether the whole request has been passed on: the visitor connection is then not read until the exchange ends,
     * so a kept-alive visitor's next request waits instead of arriving during this one.
     */
    private boolean requestEnded;

    private @Nullable TunnelStream stream;
    private @Nullable ScheduledFuture<?> responseTimeout;
    private boolean responseStarted;
    private boolean raw;
    private boolean finished;
    private int status;

    Exchange(
            ChannelHandlerContext ctx,
            LiveConnection connection,
            EdgeMetrics metrics,
            String ray,
            boolean keepAlive,
            boolean webSocket,
            Runnable onFinished) {
        this.ctx = ctx;
        this.connection = connection;
        this.metrics = metrics;
        this.ray = ray;
        this.keepAlive = keepAlive;
        this.webSocket = webSocket;
        this.onFinished = onFinished;
        metrics.streamOpened();
    }

    boolean isRaw() {
        return raw;
    }

    void opened(OutgoingDataStream outgoing, Duration timeout) {
        TunnelStream opened = outgoing.stream();
        if (finished) {
            opened.reset(0);
            return;
        }
        this.stream = opened;
        opened.setInboundHandler(this);
        responseTimeout = ctx.executor().schedule(this::responseTimedOut, timeout.toMillis(), TimeUnit.MILLISECONDS);
        outgoing.response()
                .whenComplete((response, failure) -> ctx.executor().execute(() -> {
                    if (failure != null) {
                        failBeforeResponse(
                                HttpResponseStatus.BAD_GATEWAY,
                                "The connector closed the request",
                                "The tunnel's" + " connector ended the stream before answering: "
                                        + failure.getMessage());
                    } else {
                        respond(response);
                    }
                }));
        while (!pendingRequest.isEmpty()) {
            requestPart(pendingRequest.poll());
        }
        ctx.channel().config().setAutoRead(!requestEnded && opened.isWritable());
    }

    void openFailed(Throwable failure) {
        releasePending();
        failBeforeResponse(
                HttpResponseStatus.BAD_GATEWAY,
                "Could not reach the connector",
                "Opening a stream to the tunnel's connector failed: " + failure.getMessage());
    }

    /** A request body part (HttpContent) or, after a WebSocket upgrade, raw bytes from the visitor. */
    void requestPart(Object part) {
        TunnelStream current = stream;
        if (finished) {
            ReferenceCountUtil.release(part);
            return;
        }
        if (current == null) {
            pendingRequest.add(part);
            return;
        }
        ByteBuf bytes = (part instanceof HttpContent content) ? content.content() : (ByteBuf) part;
        boolean last = part instanceof LastHttpContent;
        if (bytes.isReadable()) {
            metrics.bytesToConnector(bytes.readableBytes());
            current.write(bytes);
            if (!current.isWritable()) {
                ctx.channel().config().setAutoRead(false);
            }
        } else {
            bytes.release();
        }
        if (last && !webSocket) {
            requestEnded = true;
            ctx.channel().config().setAutoRead(false);
            current.shutdownOutput();
        }
    }

    private void respond(ConnectResponse response) {
        cancelTimeout();
        if (finished) {
            return;
        }
        if (response.isError()) {
            failBeforeResponse(
                    HttpResponseStatus.BAD_GATEWAY,
                    "Origin error",
                    ErrorPages.originError(response, connection.transport().protocol()));
            return;
        }
        status = statusOf(response);
        HttpResponse head = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(status));
        for (Metadata entry : response.metadata()) {
            if (entry.key().startsWith(Metadata.HTTP_HEADER_PREFIX)) {
                head.headers().add(entry.key().substring(Metadata.HTTP_HEADER_PREFIX.length()), entry.value());
            }
        }
        head.headers().set("Cf-Ray", ray);
        responseStarted = true;
        if (webSocket && status == 101) {
            raw = true;
            ctx.writeAndFlush(head).addListener(future -> upgraded());
        } else {
            head.headers().remove(HttpHeaderNames.TRANSFER_ENCODING);
            if (!head.headers().contains(HttpHeaderNames.CONTENT_LENGTH) && mayHaveBody(status)) {
                HttpUtil.setTransferEncodingChunked(head, true);
            }
            if (!keepAlive) {
                head.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
            }
            ctx.writeAndFlush(head);
        }
        while (!pendingResponse.isEmpty() && !finished) {
            dispatch(pendingResponse.poll());
        }
    }

    private void upgraded() {
        if (ctx.pipeline().get(VisitorProtocols.CODEC) != null) {
            ctx.pipeline().remove(VisitorProtocols.CODEC);
        }
        ctx.channel().config().setAutoRead(true);
    }

    @Override
    public void onData(TunnelStream source, ByteBuf data) {
        ctx.executor().execute(() -> whenResponding(data));
    }

    private void responseData(ByteBuf data) {
        metrics.bytesToVisitor(data.readableBytes());
        Object message = raw ? data : new DefaultHttpContent(data);
        ctx.writeAndFlush(message);
        TunnelStream current = stream;
        if (current != null && !ctx.channel().isWritable()) {
            current.setAutoRead(false);
        }
    }

    @Override
    public void onInputShutdown(TunnelStream source) {
        ctx.executor().execute(() -> whenResponding(INPUT_END));
    }

    private void responseEnded() {
        if (raw) {
            ctx.writeAndFlush(io.netty.buffer.Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
            finish();
            return;
        }
        ctx.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT).addListener(future -> {
            if (!keepAlive) {
                ctx.close();
            }
        });
        finish();
    }

    @Override
    public void onWritabilityChanged(TunnelStream source) {
        ctx.executor().execute(() -> {
            if (!finished && !requestEnded && source.isWritable()) {
                ctx.channel().config().setAutoRead(true);
            }
        });
    }

    @Override
    public void onClosed(TunnelStream source) {
        ctx.executor().execute(() -> whenResponding(STREAM_CLOSED));
    }

    private void streamEndedEarly() {
        if (finished) {
            return;
        }
        log.debug("[{}] Stream {} ended before the response body was complete", ray, stream != null ? stream.id() : -1);
        ctx.close();
        finish();
    }

    void visitorWritable() {
        TunnelStream current = stream;
        if (current != null && !finished) {
            current.setAutoRead(true);
        }
    }

    void visitorGone() {
        if (!finished) {
            TunnelStream current = stream;
            if (current != null) {
                current.reset(0);
            }
            finish();
        }
    }

    private void whenResponding(Object event) {
        if (finished) {
            ReferenceCountUtil.release(event);
            return;
        }
        if (responseStarted) {
            dispatch(event);
        } else {
            pendingResponse.add(event);
        }
    }

    private void dispatch(Object event) {
        if (finished) {
            ReferenceCountUtil.release(event);
        } else if (event == INPUT_END) {
            responseEnded();
        } else if (event == STREAM_CLOSED) {
            streamEndedEarly();
        } else {
            responseData((ByteBuf) event);
        }
    }

    private void responseTimedOut() {
        failBeforeResponse(
                HttpResponseStatus.GATEWAY_TIMEOUT,
                "The connector did not answer",
                "The tunnel's connector accepted the request but sent no response in time.");
    }

    private void failBeforeResponse(HttpResponseStatus failure, String title, String detail) {
        if (finished) {
            return;
        }
        if (responseStarted) {
            ctx.close();
            finish();
            return;
        }
        status = failure.code();
        responseStarted = true;
        TunnelStream current = stream;
        if (current != null) {
            current.reset(0);
        }
        ctx.writeAndFlush(ErrorPages.page(ctx.alloc(), failure, title, detail, ray))
                .addListener(future -> {
                    if (!keepAlive) {
                        ctx.close();
                    }
                });
        finish();
    }

    private void finish() {
        if (finished) {
            return;
        }
        finished = true;
        cancelTimeout();
        releasePending();
        while (!pendingResponse.isEmpty()) {
            ReferenceCountUtil.release(pendingResponse.poll());
        }
        connection.release();
        metrics.streamClosed();
        metrics.request(status);
        TunnelStream current = stream;
        if (current != null && !raw) {
            current.close();
        }
        onFinished.run();
    }

    private void releasePending() {
        while (!pendingRequest.isEmpty()) {
            ReferenceCountUtil.release(pendingRequest.poll());
        }
    }

    private void cancelTimeout() {
        ScheduledFuture<?> timeout = responseTimeout;
        if (timeout != null) {
            timeout.cancel(false);
        }
    }

    private static boolean mayHaveBody(int status) {
        return status >= 200 && status != 204 && status != 304;
    }

    private static int statusOf(ConnectResponse response) {
        for (Metadata entry : response.metadata()) {
            if (entry.key().equals(Metadata.HTTP_STATUS)) {
                try {
                    int code = Integer.parseInt(entry.value().trim());
                    if (code >= 100 && code < 600) {
                        return code;
                    }
                } catch (NumberFormatException ex) {
                    return 502;
                }
            }
        }
        return 200;
    }
}
