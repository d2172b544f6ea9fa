package io.tunnelagent.autoconfigure.lifecycle;

import io.tunnelagent.autoconfigure.TunnelConfigurationException;
import io.tunnelagent.autoconfigure.ingress.TunnelIngress;
import io.tunnelagent.core.connector.TunnelConnector;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.core.env.Environment;

/**
 * Runs the connector with the application context. It starts after the web server (so that the default ingress
 * rule can target {@code local.server.port}) and stops before the web server's graceful shutdown: on close, Spring
 * Boot first publishes readiness {@code REFUSING_TRAFFIC}, then this drains the connector (every connection
 * unregistered, in-flight requests finish within the grace period), then the web server shuts down gracefully.
 */
public final class TunnelConnectorLifecycle implements SmartLifecycle {

    /**
     * The phase: above {@code WebServerApplicationContext.START_STOP_LIFECYCLE_PHASE} (start after the web
     * server) and above {@code GRACEFUL_SHUTDOWN_PHASE} (stop before its graceful shutdown).
     */
    public static final int PHASE = Integer.MAX_VALUE - 512;

    private static final Logger logger = LoggerFactory.getLogger(TunnelConnectorLifecycle.class);

    private final TunnelConnector connector;

    private final TunnelIngress ingress;

    private final Environment environment;

    private final boolean autoStartup;

    private final Duration startupTimeout;

    private volatile boolean running;

    /**
     * Creates the lifecycle.
     *
     * @param connector the connector to run
     * @param ingress the configured ingress
     * @param environment where the web server's port is read from
     * @param autoStartup whether to start with the context
     * @param startupTimeout how long start waits for the first connection to register
     */
    public TunnelConnectorLifecycle(
            TunnelConnector connector,
            TunnelIngress ingress,
            Environment environment,
            boolean autoStartup,
            Duration startupTimeout) {
        this.connector = connector;
        this.ingress = ingress;
        this.environment = environment;
        this.autoStartup = autoStartup;
        this.startupTimeout = startupTimeout;
    }

    @Override
    public void start() {
        if (this.ingress.targetsApplication()) {
            this.connector.updateIngress(this.ingress.definitions(this.environment), this.ingress.originRequest());
        }
        CompletableFuture<Void> started = this.connector.start();
        this.running = true;
        awaitRegistration(started);
    }

    private void awaitRegistration(CompletableFuture<Void> started) {
        if (this.startupTimeout.isZero() || this.startupTimeout.isNegative()) {
            started.whenComplete((ignored, error) -> {
                if (error != null) {
                    logger.error("The tunnel connector could not start: {}", error.getMessage());
                }
            });
            return;
        }
        try {
            started.get(this.startupTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException ex) {
            this.running = false;
            this.connector.close();
            Throwable cause = (ex.getCause() != null) ? ex.getCause() : ex;
            throw new TunnelConfigurationException(
                    "The tunnel connector could not start: " + cause.getMessage(),
                    "Check the tunnel credentials (cloudflare.tunnel.token or credentials-file) and that the edge"
                            + " is reachable (cloudflare.tunnel.edge, region, protocol), or set"
                            + " cloudflare.tunnel.startup-timeout=0 to start without waiting.",
                    cause);
        } catch (TimeoutException ex) {
            logger.warn(
                    "No tunnel connection registered within {} (cloudflare.tunnel.startup-timeout); the connector"
                            + " keeps trying in the background",
                    this.startupTimeout);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void stop(Runnable callback) {
        if (!this.running) {
            callback.run();
            return;
        }
        this.running = false;
        logger.info("Draining the tunnel connector");
        this.connector.stop().whenComplete((ignored, error) -> {
            if (error != null) {
                logger.warn("Draining the tunnel connector failed: {}", error.toString());
            }
            callback.run();
        });
    }

    @Override
    public void stop() {
        CompletableFuture<Void> stopped = new CompletableFuture<>();
        stop(() -> stopped.complete(null));
        stopped.orTimeout(4, TimeUnit.MINUTES).exceptionally((ex) -> null).join();
    }

    @Override
    public boolean isRunning() {
        return this.running;
    }

    @Override
    public boolean isAutoStartup() {
        return this.autoStartup;
    }

    @Override
    public int getPhase() {
        return PHASE;
    }
}
