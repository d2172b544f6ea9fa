package io.tunnelagent.benchmarks.load.http;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.DefaultLastHttpContent;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpChunkedInput;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import java.nio.charset.StandardCharsets;

/** Serves one origin connection: picks the route from each request head, then handles its body. */
final class OriginHandler extends ChannelInboundHandlerAdapter {

    private static final String LARGE = "/large/";

    private enum Body {
        IGNORE,
        ECHO,
        COUNT
    }

    private final byte[] small;

    private final boolean chunked;

    private Body body = Body.IGNORE;

    private long counted;

    OriginHandler(byte[] small, boolean chunked) {
        this.small = small;
        this.chunked = chunked;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        try {
            if (msg instanceof HttpRequest request) {
                route(ctx, request);
            }
            if (msg instanceof HttpContent content) {
                body(ctx, content);
            }
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    private void route(ChannelHandlerContext ctx, HttpRequest request) {
        String path = request.uri();
        this.body = Body.IGNORE;
        if (request.method().equals(HttpMethod.GET) && path.equals("/small")) {
            if (this.chunked) {
                ctx.write(chunkedHead());
                ctx.write(new DefaultLastHttpContent(Unpooled.wrappedBuffer(this.small)));
            } else {
                ctx.write(full(HttpResponseStatus.OK, Unpooled.wrappedBuffer(this.small)));
            }
        } else if (request.method().equals(HttpMethod.GET) && path.startsWith(LARGE)) {
            long length = Long.parseLong(path.substring(LARGE.length()));
            HttpResponse head = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
            HttpUtil.setContentLength(head, length);
            ctx.write(head);
            ctx.write(new HttpChunkedInput(new GeneratedBody(length)));
        } else if (request.method().equals(HttpMethod.POST) && path.equals("/echo")) {
            if (this.chunked || !HttpUtil.isContentLengthSet(request)) {
                ctx.write(chunkedHead());
            } else {
                HttpResponse head = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
                HttpUtil.setContentLength(head, HttpUtil.getContentLength(request));
                ctx.write(head);
            }
            this.body = Body.ECHO;
        } else if (request.method().equals(HttpMethod.POST) && path.equals("/upload")) {
            this.counted = 0;
            this.body = Body.COUNT;
        } else {
            ctx.write(full(HttpResponseStatus.NOT_FOUND, Unpooled.EMPTY_BUFFER));
        }
    }

    private void body(ChannelHandlerContext ctx, HttpContent content) {
        boolean last = content instanceof LastHttpContent;
        if (this.body == Body.ECHO) {
            ByteBuf data = content.content().retain();
            ctx.write(last ? new DefaultLastHttpContent(data) : new DefaultHttpContent(data));
            if (!ctx.channel().isWritable()) {
                // stop reading the request until the client has taken what we echoed
                ctx.channel().config().setAutoRead(false);
            }
        } else if (this.body == Body.COUNT) {
            this.counted += content.content().readableBytes();
            if (last) {
                byte[] text = Long.toString(this.counted).getBytes(StandardCharsets.US_ASCII);
                ctx.write(full(HttpResponseStatus.OK, Unpooled.wrappedBuffer(text)));
            }
        }
        if (last) {
            this.body = Body.IGNORE;
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        ctx.flush();
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (ctx.channel().isWritable()) {
            ctx.channel().config().setAutoRead(true);
        }
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }

    private static HttpResponse chunkedHead() {
        HttpResponse head = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
        HttpUtil.setTransferEncodingChunked(head, true);
        head.headers().set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_OCTET_STREAM);
        return head;
    }

    private static FullHttpResponse full(HttpResponseStatus status, ByteBuf content) {
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, content);
        HttpUtil.setContentLength(response, content.readableBytes());
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_OCTET_STREAM);
        return response;
    }
}
