package io.tunnelagent.protocol;

import static io.tunnelagent.protocol.TestBytes.resource;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.tunnelagent.protocol.capnp.ElementSize;
import io.tunnelagent.protocol.capnp.Framing;
import io.tunnelagent.protocol.capnp.ListReader;
import io.tunnelagent.protocol.capnp.MessageReader;
import io.tunnelagent.protocol.capnp.ReaderOptions;
import io.tunnelagent.protocol.capnp.StructReader;
import io.tunnelagent.protocol.config.UpdateConfiguration;
import io.tunnelagent.protocol.config.UpdateConfigurationResponse;
import io.tunnelagent.protocol.credentials.TunnelCredentials;
import io.tunnelagent.protocol.credentials.TunnelSecret;
import io.tunnelagent.protocol.credentials.TunnelToken;
import io.tunnelagent.protocol.registration.ConnectionDetails;
import io.tunnelagent.protocol.registration.ConnectionError;
import io.tunnelagent.protocol.registration.RegisterConnection;
import io.tunnelagent.protocol.registration.UpdateLocalConfiguration;
import io.tunnelagent.protocol.session.RegisterUdpSession;
import io.tunnelagent.protocol.session.RegisterUdpSessionResponse;
import io.tunnelagent.protocol.session.UnregisterUdpSession;
import io.tunnelagent.protocol.stream.ConnectRequest;
import io.tunnelagent.protocol.stream.ConnectResponse;
import io.tunnelagent.protocol.stream.StreamSignature;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * Feeds mutated valid inputs (100,000 by default, round-robin over the decoders, fixed seed) (bit flips, byte changes, interesting integers, truncation, extension, splices,
 * random segment tables) to every decoder of the module: each must return or throw a {@link ProtocolException},
 * never anything else, and never hang.
 */
class MutationFuzzTests {

    private static final long SEED = 0x7E55_CAFE_2026L;

    /** Mutated inputs in total, spread over the decoders; raise with -Dtunnel.fuzz.iterations for longer runs. */
    private static final int ITERATIONS = Integer.getInteger("tunnel.fuzz.iterations", 100_000);

    private static final int[] INTERESTING = {0, 1, -1, 0x7F, 0x80, 0xFF, 0x7FFF, 0xFFFF, 0x7FFFFFFF, 0x80000000, -4};

    @Test
    void everyDecoderEitherDecodesOrThrowsTheModuleException() {
        List<Target> targets = targets();
        assertTimeoutPreemptively(Duration.ofSeconds(ITERATIONS <= 100_000 ? 30 : 600), () -> {
            Random random = new Random(SEED);
            int[] perTarget = new int[targets.size()];
            for (int i = 0; i < ITERATIONS; i++) {
                int index = i % targets.size();
                Target target = targets.get(index);
                run(target, mutate(random, target.seeds, targets), i);
                perTarget[index]++;
            }
            assertThat(Arrays.stream(perTarget).min().orElse(0)).isGreaterThanOrEqualTo(ITERATIONS / targets.size());
        });
    }

    private static void run(Target target, byte[] input, int iteration) {
        try {
            target.decoder.accept(input);
        } catch (ProtocolException expected) {
            assertThat(expected.getMessage()).isNotBlank();
        } catch (Throwable unexpected) {
            fail(
                    "Decoder %s threw %s for mutation %d of seed 0x%x; input (%d bytes): %s",
                    target.name,
                    unexpected,
                    iteration,
                    SEED,
                    input.length,
                    HexFormat.of().formatHex(input, 0, Math.min(input.length, 512)),
                    unexpected);
        }
    }

    private static byte[] mutate(Random random, List<byte[]> seeds, List<Target> targets) {
        byte[] bytes = seeds.get(random.nextInt(seeds.size())).clone();
        int mutations = 1 + random.nextInt(3);
        for (int m = 0; m < mutations; m++) {
            bytes = mutateOnce(random, bytes, targets);
        }
        return bytes;
    }

    private static byte[] mutateOnce(Random random, byte[] bytes, List<Target> targets) {
        if (bytes.length == 0) {
            return new byte[] {(byte) random.nextInt()};
        }
        int at = random.nextInt(bytes.length);
        switch (random.nextInt(8)) {
            case 0 -> bytes[at] ^= (byte) (1 << random.nextInt(8));
            case 1 -> bytes[at] = (byte) random.nextInt();
            case 2 -> {
                int value = INTERESTING[random.nextInt(INTERESTING.length)];
                int width = random.nextBoolean() ? 4 : 2;
                for (int i = 0; i < width && at + i < bytes.length; i++) {
                    bytes[at + i] = (byte) (value >>> (8 * i));
                }
            }
            case 3 -> bytes = Arrays.copyOf(bytes, at);
            case 4 -> {
                byte[] longer = Arrays.copyOf(bytes, bytes.length + 1 + random.nextInt(64));
                for (int i = bytes.length; i < longer.length; i++) {
                    longer[i] = (byte) random.nextInt();
                }
                bytes = longer;
            }
            case 5 -> {
                List<byte[]> others = targets.get(random.nextInt(targets.size())).seeds;
                byte[] other = others.get(random.nextInt(others.size()));
                int from = random.nextInt(other.length);
                byte[] spliced = Arrays.copyOf(bytes, at + other.length - from);
                System.arraycopy(other, from, spliced, at, other.length - from);
                bytes = spliced;
            }
            case 6 -> bytes = randomSegmentTable(random, bytes);
            default -> {
                int word = (at / 8) * 8;
                for (int i = word; i < word + 8 && i < bytes.length; i++) {
                    bytes[i] = (byte) random.nextInt();
                }
            }
        }
        return bytes;
    }

    private static byte[] randomSegmentTable(Random random, byte[] bytes) {
        int segments = random.nextInt(10) == 0 ? random.nextInt() : 1 + random.nextInt(4);
        int count = Math.max(1, Math.min(segments, 8));
        ByteBuffer header = ByteBuffer.allocate(4 + 4 * count).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        header.putInt(segments - 1);
        for (int i = 0; i < count; i++) {
            header.putInt(random.nextInt(8) == 0 ? random.nextInt() : random.nextInt(Math.max(1, bytes.length / 8)));
        }
        byte[] out = Arrays.copyOf(header.array(), header.capacity() + bytes.length);
        System.arraycopy(bytes, 0, out, header.capacity(), bytes.length);
        return out;
    }

    private static List<Target> targets() {
        List<Target> targets = new ArrayList<>();
        List<byte[]> frames = new ArrayList<>();
        List<byte[]> requests = new ArrayList<>();
        List<byte[]> responses = new ArrayList<>();
        for (String name :
                new String[] {"http-get", "http-post", "origin-unreachable", "no-ingress-match", "websocket"}) {
            byte[] request = resource("vectors/quic-data-" + name + "-s2c.bin");
            byte[] response = resource("vectors/quic-data-" + name + "-c2s.bin");
            requests.add(request);
            responses.add(response);
            frames.add(Arrays.copyOfRange(request, 8, request.length));
        }
        frames.add(resource("vectors/quic-control-c2s-02-register-call.bin"));
        frames.add(resource("vectors/quic-control-s2c-02-register-return.bin"));
        frames.add(resource("vectors/quic-control-c2s-05-update-local-config-call.bin"));

        targets.add(new Target("frame", frames, MutationFuzzTests::walkFrame));
        targets.add(new Target("ConnectRequest", requests, bytes -> decodeStream(bytes, true)));
        targets.add(new Target("ConnectResponse", responses, bytes -> decodeStream(bytes, false)));
        targets.add(new Target(
                "registerConnection params",
                List.of(RegisterConnection.Params.read(
                                MessageReader.decode(resource("vectors/quic-control-c2s-02-register-call.bin"))
                                        .root()
                                        .getStruct(0)
                                        .getStruct(1)
                                        .getStruct(0))
                        .encode()),
                RegisterConnection.Params::decode));
        targets.add(new Target(
                "registerConnection results",
                List.of(
                        new RegisterConnection.Results(new ConnectionDetails(UUID.randomUUID(), "LOCAL", true))
                                .encode(),
                        new RegisterConnection.Results(new ConnectionError("EDUPCONN", Duration.ofSeconds(1), true))
                                .encode()),
                RegisterConnection.Results::decode));
        targets.add(new Target(
                "updateLocalConfiguration params",
                List.of(new UpdateLocalConfiguration.Params("{\"ingress\":[]}".getBytes(StandardCharsets.UTF_8))
                        .encode()),
                UpdateLocalConfiguration.Params::decode));
        targets.add(new Target("session", sessionSeeds(), MutationFuzzTests::decodeSession));
        targets.add(new Target(
                "config",
                List.of(
                        new UpdateConfiguration.Params(3, "{\"ingress\":[]}".getBytes(StandardCharsets.UTF_8)).encode(),
                        new UpdateConfiguration.Results(new UpdateConfigurationResponse(3, "bad rule")).encode()),
                bytes -> {
                    UpdateConfiguration.Params.decode(bytes);
                    UpdateConfiguration.Results.decode(bytes);
                }));
        TunnelToken token = new TunnelToken("acct", UUID.randomUUID(), TunnelSecret.of(new byte[32]), "fed");
        String json = new String(Base64.getDecoder().decode(token.encode()), StandardCharsets.UTF_8);
        targets.add(new Target(
                "token",
                List.of(token.encode().getBytes(StandardCharsets.US_ASCII), json.getBytes(StandardCharsets.UTF_8)),
                bytes -> {
                    TunnelToken.decode(new String(bytes, StandardCharsets.ISO_8859_1));
                    TunnelToken.decode(Base64.getEncoder().encodeToString(bytes));
                }));
        targets.add(new Target(
                "credentials",
                List.of(token.toCredentials().toJson().getBytes(StandardCharsets.UTF_8)),
                TunnelCredentials::fromJson));
        return targets;
    }

    private static List<byte[]> sessionSeeds() {
        try {
            return List.of(
                    new RegisterUdpSession.Params(
                                    UUID.randomUUID(),
                                    InetAddress.getByName("2001:db8::1"),
                                    53,
                                    Duration.ofSeconds(5),
                                    "t:s:0:1")
                            .encode(),
                    new RegisterUdpSession.Results(new RegisterUdpSessionResponse("limit", new byte[] {1})).encode(),
                    new UnregisterUdpSession.Params(UUID.randomUUID(), "idle").encode());
        } catch (java.net.UnknownHostException ex) {
            throw new IllegalStateException(ex);
        }
    }

    private static void decodeSession(byte[] bytes) {
        RegisterUdpSession.Params.decode(bytes);
        RegisterUdpSession.Results.decode(bytes);
        UnregisterUdpSession.Params.decode(bytes);
    }

    private static void decodeStream(byte[] bytes, boolean request) {
        ByteBuffer stream = ByteBuffer.wrap(bytes);
        if (StreamSignature.readPreamble(stream).isEmpty()) {
            return;
        }
        if (Framing.frameLength(stream) == Framing.INCOMPLETE) {
            return;
        }
        if (request) {
            ConnectRequest.decode(stream, ReaderOptions.DEFAULT);
        } else {
            ConnectResponse.decode(stream, ReaderOptions.DEFAULT);
        }
    }

    private static void walkFrame(byte[] bytes) {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        if (Framing.frameLength(buffer) == Framing.INCOMPLETE) {
            return;
        }
        walk(MessageReader.read(buffer).root());
    }

    private static void walk(StructReader struct) {
        for (int bit = 0; bit + 64 <= struct.dataSizeBits(); bit += 64) {
            struct.getLong(bit);
            struct.getBool(bit + 1, true);
        }
        for (int i = 0; i < struct.pointerCount(); i++) {
            switch (struct.pointerKind(i)) {
                case STRUCT -> walk(struct.getStruct(i));
                case LIST -> walk(struct.getList(i));
                case CAPABILITY -> struct.getCapability(i);
                default -> {}
            }
        }
    }

    private static void walk(ListReader list) {
        ElementSize size = list.elementSize();
        for (int j = 0; j < list.size(); j++) {
            switch (size) {
                case BIT -> list.getBool(j);
                case BYTE -> list.getByte(j);
                case TWO_BYTES -> list.getShort(j);
                case FOUR_BYTES -> list.getInt(j);
                case EIGHT_BYTES -> list.getLong(j);
                case POINTER -> {
                    if (j % 2 == 0) {
                        walk(list.getStruct(j));
                    } else {
                        list.getText(j);
                    }
                }
                case INLINE_COMPOSITE -> walk(list.getStruct(j));
                default -> {}
            }
        }
        if (size == ElementSize.BYTE) {
            list.asBytes();
        }
    }

    private record Target(String name, List<byte[]> seeds, Consumer<byte[]> decoder) {}
}
