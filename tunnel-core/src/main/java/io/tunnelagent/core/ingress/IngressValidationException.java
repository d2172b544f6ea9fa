package io.tunnelagent.core.ingress;

/**
 * Thrown when ingress rules are invalid or a test URL cannot be used. The message is cloudflared's exact text, e.g.
 * {@code Rule #2 has an invalid regex: …}, and says what to change.
 */
public class IngressValidationException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public IngressValidationException(String message) {
        super(message);
    }

    public IngressValidationException(String message, Throwable cause) {
        super(message, cause);
    }
}
