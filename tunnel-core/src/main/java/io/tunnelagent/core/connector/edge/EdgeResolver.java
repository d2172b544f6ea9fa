package io.tunnelagent.core.connector.edge;

import java.net.InetAddress;
import java.util.List;

/**
 * The DNS look-ups edge discovery needs. {@link #system()} uses the JDK's DNS provider (JNDI) for SRV and the
 * system resolver for addresses; tests pass their own so that they never touch the network.
 */
public interface EdgeResolver {

    /**
     * Looks up SRV records.
     *
     * @param name the full name, e.g. {@code _v2-origintunneld._tcp.argotunnel.com}
     * @return the records, in the order DNS returned them
     * @throws Exception when the look-up fails
     */
    List<SrvRecord> lookupSrv(String name) throws Exception;

    /**
     * Resolves a host name to its addresses.
     *
     * @param host the host name
     * @return the addresses, in the system's preferred order
     * @throws Exception when the look-up fails
     */
    List<InetAddress> lookupHost(String host) throws Exception;

    /**
     * The resolver of this machine.
     *
     * @return the resolver
     */
    static EdgeResolver system() {
        return new SystemEdgeResolver();
    }
}
