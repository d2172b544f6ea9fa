package io.tunnelagent.protocol.config;

import io.tunnelagent.protocol.capnp.CapnpStruct;
import io.tunnelagent.protocol.capnp.StructBuilder;
import io.tunnelagent.protocol.capnp.StructReader;
import java.util.Objects;

/**
 * Struct {@code UpdateConfigurationResponse} ({@code 0xdb58ff694ba05cf9}, data 1 / pointers 1):
 * latestAppliedVersion Int32 bits 0–32, err Text p0. Protocol doc sections 4.3 and 4.6: the version the connector
 * runs after the update, and the parse or validation error if it refused the new configuration.
 *
 * @param latestAppliedVersion the configuration version now in effect (−1 initially)
 * @param err the error text, empty on success
 */
public record UpdateConfigurationResponse(int latestAppliedVersion, String err) implements CapnpStruct {

    /** The struct's type ID. */
    public static final long TYPE_ID = 0xdb58ff694ba05cf9L;

    /**
     * Creates the value.
     *
     * @param latestAppliedVersion the version in effect
     * @param err the error text, empty on success
     */
    public UpdateConfigurationResponse {
        Objects.requireNonNull(err, "err");
    }

    /**
     * Reads the struct.
     *
     * @param struct the response struct
     * @return the value
     */
    public static UpdateConfigurationResponse read(StructReader struct) {
        return new UpdateConfigurationResponse(struct.getInt(0), struct.getText(0));
    }

    @Override
    public int dataWords() {
        return 1;
    }

    @Override
    public int pointerCount() {
        return 1;
    }

    @Override
    public void write(StructBuilder struct) {
        struct.setInt(0, latestAppliedVersion);
        if (!err.isEmpty()) {
            struct.setText(0, err);
        }
    }
}
