package io.tunnelagent.autoconfigure.edge;

import io.tunnelagent.autoconfigure.TunnelConfigurationException;
import io.tunnelagent.autoconfigure.TunnelProperties;
import io.tunnelagent.edge.LocalEdge;
import io.tunnelagent.edge.tunnel.Tunnel;
import io.tunnelagent.edge.tunnel.TunnelStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link LocalEdge} running in this process on loopback, with one quick tunnel (a random
 * {@code quick-….localhost} hostname) for this application's connector. Closing it stops the edge and deletes its
 * state directory when it was a temporary one.
 */
public final class EmbeddedEdge implements AutoCloseable {

    private static final Logger logger = LoggerFactory.getLogger(EmbeddedEdge.class);

    private final LocalEdge edge;

    private final TunnelStore.QuickTunnel quickTunnel;

    private final @Nullable Path temporaryState;

    private EmbeddedEdge(LocalEdge edge, TunnelStore.QuickTunnel quickTunnel, @Nullable Path temporaryState) {
        this.edge = edge;
        this.quickTunnel = quickTunnel;
        this.temporaryState = temporaryState;
    }

    /**
     * Starts an edge on loopback and creates a quick tunnel.
     *
     * @param settings the {@code cloudflare.tunnel.local-edge} settings
     * @return the running edge
     */
    public static EmbeddedEdge start(TunnelProperties.LocalEdge settings) {
        Path configured = settings.getStateDirectory();
        Path temporary = (configured != null) ? null : temporaryDirectory();
        Path state = (configured != null) ? configured : temporary;
        LocalEdge edge;
        try {
            edge = LocalEdge.builder()
                    .stateDirectory(state)
                    .edgePort(settings.getEdgePort())
                    .visitorPort(settings.getVisitorPort())
                    .visitorTlsPort(settings.getVisitorTlsPort())
                    .adminPort(settings.getAdminPort())
                    .start();
        } catch (RuntimeException ex) {
            delete(temporary);
            throw new TunnelConfigurationException(
                    "The local edge could not start: " + ex.getMessage(),
                    "Free the ports set under cloudflare.tunnel.local-edge (0 picks free ones), or configure"
                            + " cloudflare.tunnel.token to use Cloudflare's edge.",
                    ex);
        }
        TunnelStore.QuickTunnel quick = edge.quickTunnel();
        logger.info(
                "Started a local edge for development (connectors {}, visitors {}), no Cloudflare credentials set",
                edge.edgeAddress(),
                edge.visitorAddress());
        return new EmbeddedEdge(edge, quick, temporary);
    }

    /**
     * Returns the running edge.
     *
     * @return the edge
     */
    public LocalEdge localEdge() {
        return this.edge;
    }

    /**
     * Returns the quick tunnel this application's connector registers with.
     *
     * @return the tunnel
     */
    public Tunnel tunnel() {
        return this.quickTunnel.tunnel();
    }

    /**
     * Returns the quick tunnel's hostname, such as {@code quick-3f2a9c1d7e6b.localhost}.
     *
     * @return the hostname
     */
    public String hostname() {
        return this.quickTunnel.hostname();
    }

    /**
     * Returns the URL visitors use: the hostname on the edge's visitor port.
     *
     * @return the URL, such as {@code http://quick-3f2a9c1d7e6b.localhost:41234}
     */
    public String visitorUrl() {
        return "http://" + hostname() + ":" + this.edge.visitorAddress().getPort();
    }

    @Override
    public void close() {
        try {
            this.edge.close();
        } finally {
            delete(this.temporaryState);
        }
    }

    private static Path temporaryDirectory() {
        try {
            return Files.createTempDirectory("tunnel-edge-");
        } catch (IOException ex) {
            throw new UncheckedIOException("Cannot create a state directory for the local edge", ex);
        }
    }

    private static void delete(@Nullable Path directory) {
        if (directory == null) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder())
                    .forEach((path) -> path.toFile().delete());
        } catch (IOException ex) {
            logger.debug("Could not delete the local edge's state directory {}", directory, ex);
        }
    }
}
