package io.tunnelagent.core.config;

import io.tunnelagent.core.ingress.IngressRules;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Loads test files from the classpath. */
public final class TestResources {

    private TestResources() {}

    public static byte[] bytes(String name) {
        try (InputStream in = IngressRules.class.getResourceAsStream("/" + name)) {
            if (in == null) {
                throw new IllegalStateException("Missing test resource " + name);
            }
            return in.readAllBytes();
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    public static String text(String name) {
        return new String(bytes(name), StandardCharsets.UTF_8);
    }

    /** Reads {@code config/<name>} as cloudflared would with {@code --config <name>}. */
    public static CloudflaredConfig config(String name) {
        return CloudflaredConfigReader.parse(text("config/" + name), name);
    }
}
