package io.tunnelagent.autoconfigure.diagnostics;

import io.tunnelagent.autoconfigure.TunnelConfigurationException;
import io.tunnelagent.core.ingress.IngressValidationException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains ingress rules that failed validation outside the auto-configuration (for example rules compiled by a
 * customizer), with cloudflared's text. Failures wrapped in a {@link TunnelConfigurationException} are left to
 * {@link TunnelConfigurationFailureAnalyzer}.
 */
final class IngressValidationFailureAnalyzer extends AbstractFailureAnalyzer<IngressValidationException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, IngressValidationException cause) {
        if (findCause(rootFailure, TunnelConfigurationException.class) != null) {
            return null;
        }
        return new FailureAnalysis(
                "The tunnel's ingress rules are invalid: " + cause.getMessage(),
                "Fix the ingress rules (rule numbers count from 1); the last rule must match every request.",
                cause);
    }
}
