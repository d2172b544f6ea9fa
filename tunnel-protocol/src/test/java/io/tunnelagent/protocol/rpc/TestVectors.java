package io.tunnelagent.protocol.rpc;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.HexFormat;

/** Loads the captured cloudflared vectors from the test classpath. */
public final class TestVectors {

    private TestVectors() {}

    public static byte[] bytes(String name) {
        try (InputStream in = TestVectors.class.getResourceAsStream("/vectors/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("No vector " + name);
            }
            return in.readAllBytes();
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    public static ByteBuffer buffer(String name) {
        return ByteBuffer.wrap(bytes(name));
    }

    public static byte[] concat(String... names) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (String name : names) {
            out.writeBytes(bytes(name));
        }
        return out.toByteArray();
    }

    public static byte[] hex(String hex) {
        return HexFormat.of().parseHex(hex.replaceAll("[\\s|]", ""));
    }
}
