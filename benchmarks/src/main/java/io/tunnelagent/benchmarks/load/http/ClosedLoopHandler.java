package io.tunnelagent.benchmarks.load.http;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import org.jspecify.annotations.Nullable;

/** One keep-alive connection of a closed-loop run: sends a request, waits for the whole response, sends the next. */
final class ClosedLoopHandler extends ChannelInboundHandlerAdapter {

    private final ClosedLoop run;

    private long sentAt;

    private @Nullable HttpResponseStatus status;

    private long completed;

    private boolean done;

    ClosedLoopHandler(ClosedLoop run) {
        this.run = run;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        send(ctx);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        try {
            if (msg instanceof HttpResponse response) {
                this.status = response.status();
            }
            if (msg instanceof LastHttpContent) {
                long now = System.nanoTime();
                this.completed++;
                this.run.completed(
                        this.sentAt, now, HttpResponseStatus.OK.equals(this.status) ? null : "status " + this.status);
                if (this.run.running(now)) {
                    send(ctx);
                } else {
                    finish(ctx, null);
                }
            }
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    private void send(ChannelHandlerContext ctx) {
        this.sentAt = System.nanoTime();
        this.status = null;
        ctx.writeAndFlush(this.run.requests.get());
    }

    private void finish(ChannelHandlerContext ctx, @Nullable String error) {
        if (!this.done) {
            this.done = true;
            this.run.connectionDone(error);
            ctx.close();
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        finish(ctx, "connection closed after " + this.completed + " responses");
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        finish(ctx, cause.toString());
    }
}
