package io.tunnelagent.protocol.rpc.message;

import static org.assertj.core.api.Assertions.assertThat;

import io.tunnelagent.protocol.ProtocolException;
import io.tunnelagent.protocol.rpc.TestVectors;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Mutated valid messages either decode or fail with a {@link ProtocolException}; nothing else escapes. */
class MessageFuzzTests {

    private static final List<String> SEEDS = List.of(
            "quic-control-c2s-01-bootstrap.bin",
            "quic-control-c2s-02-register-call.bin",
            "quic-control-c2s-03-finish-q0.bin",
            "quic-control-c2s-05-update-local-config-call.bin",
            "quic-control-c2s-07-unregister-call.bin",
            "quic-control-c2s-09-abort.bin",
            "quic-control-c2s-alt-release.bin",
            "quic-control-s2c-01-bootstrap-return.bin",
            "quic-control-s2c-02-register-return.bin",
            "quic-control-s2c-03-update-local-config-return.bin");

    @Test
    void hundredThousandMutatedMessagesNeverThrowAnythingButProtocolException() {
        List<byte[]> seeds = SEEDS.stream().map(TestVectors::bytes).toList();
        Random random = new Random(20261129L);
        int decoded = 0;
        int rejected = 0;
        for (int i = 0; i < 100_000; i++) {
            byte[] message = mutate(seeds.get(random.nextInt(seeds.size())), random);
            try {
                RpcMessage value = MessageCodec.decode(ByteBuffer.wrap(message));
                MessageCodec.encode(value);
                if (value instanceof RpcMessage.Unsupported) {
                    MessageCodec.unimplemented(ByteBuffer.wrap(message));
                }
                decoded++;
            } catch (ProtocolException ex) {
                rejected++;
            }
        }
        assertThat(decoded).isPositive();
        assertThat(rejected).isPositive();
    }

    private static byte[] mutate(byte[] seed, Random random) {
        byte[] message = seed.clone();
        switch (random.nextInt(4)) {
            case 0 -> {
                for (int flips = 1 + random.nextInt(4); flips > 0; flips--) {
                    message[random.nextInt(message.length)] ^= (byte) (1 << random.nextInt(8));
                }
            }
            case 1 -> message[random.nextInt(message.length)] = (byte) random.nextInt(256);
            case 2 -> {
                int word = 1 + random.nextInt(message.length / 8 - 1);
                for (int i = 0; i < 8; i++) {
                    message[word * 8 + i] = (byte) random.nextInt(256);
                }
            }
            default -> {
                return java.util.Arrays.copyOf(message, random.nextInt(message.length));
            }
        }
        return message;
    }
}
