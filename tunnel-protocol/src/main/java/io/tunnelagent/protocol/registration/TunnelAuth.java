package io.tunnelagent.protocol.registration;

import io.tunnelagent.protocol.capnp.CapnpStruct;
import io.tunnelagent.protocol.capnp.StructBuilder;
import io.tunnelagent.protocol.capnp.StructReader;
import io.tunnelagent.protocol.credentials.TunnelSecret;
import java.util.Objects;

/**
 * Struct {@code TunnelAuth} ({@code 0x9496331ab9cd463f}, data 0 / pointers 2): accountTag Text p0, tunnelSecret
 * Data p1. Protocol doc section 4.3. {@link #toString()} hides the secret.
 *
 * @param accountTag the account tag
 * @param secret the tunnel secret
 */
public record TunnelAuth(String accountTag, TunnelSecret secret) implements CapnpStruct {

    /** The struct's type ID. */
    public static final long TYPE_ID = 0x9496331ab9cd463fL;

    /**
     * Creates the value.
     *
     * @param accountTag the account tag
     * @param secret the tunnel secret
     */
    public TunnelAuth {
        Objects.requireNonNull(accountTag, "accountTag");
        Objects.requireNonNull(secret, "secret");
    }

    /**
     * Reads the struct.
     *
     * @param struct the {@code TunnelAuth} struct
     * @return the value
     */
    public static TunnelAuth read(StructReader struct) {
        return new TunnelAuth(struct.getText(0), TunnelSecret.of(struct.getData(1)));
    }

    @Override
    public int dataWords() {
        return 0;
    }

    @Override
    public int pointerCount() {
        return 2;
    }

    @Override
    public void write(StructBuilder struct) {
        struct.setText(0, accountTag).setData(1, secret.bytes());
    }

    @Override
    public String toString() {
        return "TunnelAuth[accountTag=" + accountTag + ", secret=" + secret + "]";
    }
}
