package io.tunnelagent.protocol.credentials;

import io.tunnelagent.protocol.ProtocolException;

/**
 * Thrown when a tunnel token or a credentials file is not valid. The message names the bad field and the expected
 * form; it never contains the secret, the token or the file content.
 */
public final class CredentialsException extends ProtocolException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates an exception.
     *
     * @param message what is wrong and what is expected, without secret material
     */
    public CredentialsException(String message) {
        super(message);
    }
}
