package io.tunnelagent.edge.registration;

import io.tunnelagent.protocol.capnp.MessageBuilder;
import io.tunnelagent.protocol.capnp.StructBuilder;
import io.tunnelagent.protocol.rpc.message.Content;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.UUID;

/**
 * Encodes {@code registerConnection$Results} ({@code 0xea50d822450d1f17}): a {@code ConnectionResponse} whose union
 * holds either {@code ConnectionDetails} or {@code ConnectionError} (protocol doc 4.3).
 */
final class RegisterResults {

    /** The cause cloudflared recognises as a duplicate connection. */
    static final String DUPLICATE_CONNECTION = "EDUPCONN";

    private RegisterResults() {}

    /**
     * A successful registration.
     *
     * @param connectionId the connection UUID
     * @param location the location name shown by the connector
     * @return the results content
     */
    static Content details(UUID connectionId, String location) {
        MessageBuilder message = new MessageBuilder();
        StructBuilder response = message.initRoot(0, 1).initStruct(0, 1, 1);
        response.setShort(0, 1);
        StructBuilder details = response.initStruct(0, 1, 2);
        details.setData(0, bytes(connectionId));
        details.setText(1, location);
        return Content.ofFrame(ByteBuffer.wrap(message.toFramedBytes()));
    }

    /**
     * A refused registration.
     *
     * @param cause the cause (cloudflared retries causes containing "Unauthorized" at start-up)
     * @param shouldRetry whether the connector should retry
     * @param retryAfter the suggested delay
     * @return the results content
     */
    static Content error(String cause, boolean shouldRetry, Duration retryAfter) {
        MessageBuilder message = new MessageBuilder();
        StructBuilder response = message.initRoot(0, 1).initStruct(0, 1, 1);
        response.setShort(0, 0);
        StructBuilder error = response.initStruct(0, 2, 1);
        error.setText(0, cause);
        error.setLong(0, retryAfter.toNanos());
        error.setBool(64, shouldRetry);
        return Content.ofFrame(ByteBuffer.wrap(message.toFramedBytes()));
    }

    static byte[] bytes(UUID uuid) {
        return ByteBuffer.allocate(16)
                .putLong(uuid.getMostSignificantBits())
                .putLong(uuid.getLeastSignificantBits())
                .array();
    }
}
