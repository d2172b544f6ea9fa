package io.tunnelagent.core.connector.registration;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** Loads the golden wire vectors captured from cloudflared, copied into this module's test resources. */
final class Vectors {

    private Vectors() {}

    static byte[] load(String name) {
        try (InputStream in = Vectors.class.getResourceAsStream("/vectors/" + name + ".bin")) {
            if (in == null) {
                throw new IllegalStateException("Missing test vector " + name);
            }
            return in.readAllBytes();
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }
}
