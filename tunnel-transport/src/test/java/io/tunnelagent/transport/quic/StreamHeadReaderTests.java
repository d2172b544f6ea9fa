package io.tunnelagent.transport.quic;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.tunnelagent.protocol.stream.ConnectRequest;
import io.tunnelagent.protocol.stream.ConnectionType;
import io.tunnelagent.protocol.stream.Metadata;
import io.tunnelagent.protocol.stream.StreamSignature;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class StreamHeadReaderTests {

    @Test
    void readsCloudflaredsRequestHeadFedOneByteAtATimeAndKeepsTheBody() throws IOException {
        byte[] stream = vector("quic-data-http-post-s2c.bin");
        StreamHeadReader reader =
                new StreamHeadReader(ByteBufAllocator.DEFAULT, StreamHeadReader.Expect.REQUEST_OR_RPC);
        try {
            Optional<StreamHead> head = Optional.empty();
            int fed = 0;
            while (head.isEmpty()) {
                head = reader.offer(Unpooled.wrappedBuffer(stream, fed++, 1));
            }
            ByteBuf remainder = reader.remainder();
            byte[] rest = new byte[stream.length - fed];
            System.arraycopy(stream, fed, rest, 0, rest.length);

            assertThat(fed).isEqualTo(352);
            ConnectRequest request = ((StreamHead.Data) head.get()).request();
            assertThat(request.dest()).isEqualTo("/echo");
            assertThat(request.type()).isEqualTo(ConnectionType.HTTP);
            assertThat(request.metadata()).contains(new Metadata(Metadata.HTTP_METHOD, "POST"));
            assertThat(remainder.readableBytes()).isZero();
            assertThat(new String(rest, StandardCharsets.US_ASCII)).isEqualTo("hello=world");
            remainder.release();
        } finally {
            reader.release();
        }
    }

    @Test
    void readsCloudflaredsResponseHeadWithTheBodyInTheSamePiece() throws IOException {
        byte[] stream = vector("quic-data-http-post-c2s.bin");
        StreamHeadReader reader = new StreamHeadReader(ByteBufAllocator.DEFAULT, StreamHeadReader.Expect.RESPONSE);
        try {
            StreamHead head = reader.offer(Unpooled.wrappedBuffer(stream)).orElseThrow();
            ByteBuf body = reader.remainder();

            assertThat(((StreamHead.Response) head).response().metadata())
                    .contains(new Metadata(Metadata.HTTP_STATUS, "200"));
            assertThat(body.toString(StandardCharsets.US_ASCII)).isEqualTo("echo:hello=world\n");
            body.release();
        } finally {
            reader.release();
        }
    }

    @Test
    void rpcSignatureIsRefusedOnAStreamWhereAResponseIsExpected() {
        StreamHeadReader reader = new StreamHeadReader(ByteBufAllocator.DEFAULT, StreamHeadReader.Expect.RESPONSE);
        try {
            StreamHead head = reader.offer(Unpooled.wrappedBuffer(StreamSignature.RPC.preamble()))
                    .orElseThrow();

            assertThat(head).isInstanceOf(StreamHead.Refused.class);
        } finally {
            reader.release();
        }
    }

    @Test
    void unknownSignatureIsRefusedOnceSixBytesArrived() {
        StreamHeadReader reader =
                new StreamHeadReader(ByteBufAllocator.DEFAULT, StreamHeadReader.Expect.REQUEST_OR_RPC);
        try {
            assertThat(reader.offer(Unpooled.wrappedBuffer(new byte[] {1, 2, 3, 4, 5})))
                    .isEmpty();
            StreamHead head =
                    reader.offer(Unpooled.wrappedBuffer(new byte[] {6})).orElseThrow();

            assertThat(((StreamHead.Refused) head).message()).contains("Unknown stream signature 010203040506");
        } finally {
            reader.release();
        }
    }

    @Test
    void encodedRequestHeadReadsBackAsTheSameRequest() {
        ConnectRequest request = new ConnectRequest("127.0.0.1:22", ConnectionType.TCP, List.of());
        StreamHeadReader reader =
                new StreamHeadReader(ByteBufAllocator.DEFAULT, StreamHeadReader.Expect.REQUEST_OR_RPC);
        try {
            StreamHead head = reader.offer(StreamHeads.request(ByteBufAllocator.DEFAULT, request))
                    .orElseThrow();

            assertThat(head).isEqualTo(new StreamHead.Data(request));
        } finally {
            reader.release();
        }
    }

    private static byte[] vector(String name) throws IOException {
        try (InputStream in = StreamHeadReaderTests.class.getResourceAsStream("/vectors/" + name)) {
            assertThat(in).as(name).isNotNull();
            return in.readAllBytes();
        }
    }
}
