package io.tunnelagent.transport.quic;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.tunnelagent.protocol.stream.ConnectRequest;
import io.tunnelagent.protocol.stream.ConnectResponse;
import io.tunnelagent.protocol.stream.StreamSignature;

/** Encodes the heads written at the start of QUIC streams (protocol doc sections 3.2 and 3.3). */
public final class StreamHeads {

    private StreamHeads() {}

    /**
     * The data signature, {@code "01"} and the framed request.
     *
     * @param alloc the allocator
     * @param request the request
     * @return the bytes
     */
    public static ByteBuf request(ByteBufAllocator alloc, ConnectRequest request) {
        return data(alloc, request.encode());
    }

    /**
     * The data signature, {@code "01"} and the framed response.
     *
     * @param alloc the allocator
     * @param response the response
     * @return the bytes
     */
    public static ByteBuf response(ByteBufAllocator alloc, ConnectResponse response) {
        return data(alloc, response.encode());
    }

    /**
     * The RPC signature.
     *
     * @param alloc the allocator
     * @return the bytes
     */
    public static ByteBuf rpcSignature(ByteBufAllocator alloc) {
        byte[] preamble = StreamSignature.RPC.preamble();
        return alloc.buffer(preamble.length).writeBytes(preamble);
    }

    private static ByteBuf data(ByteBufAllocator alloc, byte[] frame) {
        byte[] preamble = StreamSignature.DATA.preamble();
        return alloc.buffer(preamble.length + frame.length).writeBytes(preamble).writeBytes(frame);
    }
}
