package io.tunnelagent.autoconfigure.diagnostics;

import io.tunnelagent.autoconfigure.TunnelConfigurationException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Explains a {@link TunnelConfigurationException}: what is wrong with the tunnel's configuration and how to fix it. */
final class TunnelConfigurationFailureAnalyzer extends AbstractFailureAnalyzer<TunnelConfigurationException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, TunnelConfigurationException cause) {
        return new FailureAnalysis(cause.getMessage(), cause.getAction(), cause);
    }
}
