package io.tunnelagent.autoconfigure.ingress;

import java.time.Instant;
import org.springframework.context.ApplicationEvent;

/**
 * Published when a changed environment asked for new ingress rules that failed validation: the rules in force stay
 * as they were, and the message says what is wrong (cloudflared's validation text). The actuator endpoint and the
 * log report it.
 */
public final class IngressUpdateRejectedEvent extends ApplicationEvent {

    private final String reason;

    private final Instant rejectedAt;

    /**
     * Creates the event.
     *
     * @param source the component that tried the update
     * @param reason why the new rules were refused; never contains a secret
     * @param rejectedAt when the update was refused
     */
    public IngressUpdateRejectedEvent(Object source, String reason, Instant rejectedAt) {
        super(source);
        this.reason = reason;
        this.rejectedAt = rejectedAt;
    }

    /**
     * Returns why the new rules were refused.
     *
     * @return the validation message
     */
    public String getReason() {
        return this.reason;
    }

    /**
     * Returns when the update was refused.
     *
     * @return the instant of the refusal
     */
    public Instant getRejectedAt() {
        return this.rejectedAt;
    }
}
