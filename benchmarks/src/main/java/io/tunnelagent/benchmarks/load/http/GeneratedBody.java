package io.tunnelagent.benchmarks.load.http;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.stream.ChunkedInput;

/**
 * A body of {@code length} zero bytes produced in 64 KiB chunks as {@link io.netty.handler.stream.ChunkedWriteHandler}
 * asks for them, so that a large body is never held whole and is written only as fast as the peer reads.
 */
final class GeneratedBody implements ChunkedInput<ByteBuf> {

    private static final int CHUNK = 64 * 1024;

    private static final byte[] ZEROS = new byte[CHUNK];

    private final long length;

    private long progress;

    GeneratedBody(long length) {
        this.length = length;
    }

    @Override
    public boolean isEndOfInput() {
        return this.progress >= this.length;
    }

    @Override
    public void close() {
        this.progress = this.length;
    }

    @Deprecated
    @Override
    public ByteBuf readChunk(ChannelHandlerContext ctx) {
        return readChunk(ctx.alloc());
    }

    @Override
    public ByteBuf readChunk(ByteBufAllocator allocator) {
        int size = (int) Math.min(CHUNK, this.length - this.progress);
        this.progress += size;
        // the shared array is never written to, so wrapping it is safe from any thread
        return Unpooled.wrappedBuffer(ZEROS, 0, size);
    }

    @Override
    public long length() {
        return this.length;
    }

    @Override
    public long progress() {
        return this.progress;
    }
}
