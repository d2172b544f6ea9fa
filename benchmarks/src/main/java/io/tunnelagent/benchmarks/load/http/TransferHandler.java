package io.tunnelagent.benchmarks.load.http;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpChunkedInput;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/**
 * One large transfer on its own connection: sends the request (and, for an upload, a generated body of
 * {@code uploadBytes}), counts the response body, and completes with the bytes moved and the time taken.
 */
final class TransferHandler extends ChannelInboundHandlerAdapter {

    final CompletableFuture<TransferResult> result = new CompletableFuture<>();

    private final HttpRequest request;

    private final long uploadBytes;

    private volatile long received;

    private long start;

    private @Nullable HttpResponseStatus status;

    private final StringBuilder text = new StringBuilder();

    TransferHandler(HttpRequest request, long uploadBytes) {
        this.request = request;
        this.uploadBytes = uploadBytes;
    }

    long received() {
        return this.received;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        this.start = System.nanoTime();
        ctx.write(this.request);
        if (this.uploadBytes > 0) {
            ctx.write(new HttpChunkedInput(new GeneratedBody(this.uploadBytes)));
        }
        ctx.flush();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        try {
            if (msg instanceof HttpResponse response) {
                this.status = response.status();
            }
            if (msg instanceof HttpContent content) {
                this.received += content.content().readableBytes();
                if (this.uploadBytes > 0) {
                    this.text.append(content.content().toString(StandardCharsets.US_ASCII));
                }
            }
            if (msg instanceof LastHttpContent) {
                complete();
                ctx.close();
            }
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    private void complete() {
        double seconds = (System.nanoTime() - this.start) / 1e9;
        if (!HttpResponseStatus.OK.equals(this.status)) {
            this.result.complete(new TransferResult(0, seconds, "status " + this.status));
        } else if (this.uploadBytes > 0) {
            boolean all = this.text.toString().equals(Long.toString(this.uploadBytes));
            this.result.complete(new TransferResult(
                    this.uploadBytes, seconds, all ? null : "origin counted " + this.text + " bytes"));
        } else {
            this.result.complete(new TransferResult(this.received, seconds, null));
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        this.result.complete(new TransferResult(
                this.received, (System.nanoTime() - this.start) / 1e9, "connection closed before the end"));
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        this.result.complete(
                new TransferResult(this.received, (System.nanoTime() - this.start) / 1e9, cause.toString()));
        ctx.close();
    }
}
