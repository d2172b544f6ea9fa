package io.tunnelagent.protocol;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HexFormat;

/** Hex and classpath helpers for codec tests. */
public final class TestBytes {

    private TestBytes() {}

    /**
     * Parses hex digits, ignoring spaces, pipes and line breaks.
     *
     * @param hex the digits
     * @return the bytes
     */
    public static byte[] hex(String hex) {
        return HexFormat.of().parseHex(hex.replaceAll("[\\s|]", ""));
    }

    /**
     * Parses an {@code xxd}-style dump ("00000010: 00000000 ...  text"), keeping only the hex groups.
     *
     * @param dump the dump
     * @return the bytes
     */
    public static byte[] xxd(String dump) {
        StringBuilder digits = new StringBuilder();
        for (String line : dump.strip().split("\n")) {
            String body = line.substring(line.indexOf(':') + 1);
            String hexPart = body.length() > 37 ? body.substring(0, 37) : body;
            digits.append(hexPart.replace(" ", ""));
        }
        return hex(digits.toString());
    }

    /**
     * Loads a test resource.
     *
     * @param name the resource path, e.g. {@code vectors/quic-data-http-get-s2c.bin}
     * @return its bytes
     */
    public static byte[] resource(String name) {
        try (InputStream in = TestBytes.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("Missing test resource " + name);
            }
            return in.readAllBytes();
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }
}
