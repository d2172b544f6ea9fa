package io.tunnelagent.core.connector.edge;

import io.tunnelagent.core.connector.ConnectorException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.random.RandomGenerator;
import org.jspecify.annotations.Nullable;

/**
 * Finds the edge by DNS as cloudflared does (protocol doc 1.1): SRV {@code _v2-origintunneld._tcp.argotunnel.com}
 * (or {@code _<region>-v2-origintunneld._tcp.argotunnel.com}), at least two records, the first target's addresses
 * form region 1 and the second's region 2, each with the record's port. cloudflared's DNS-over-TLS fallback to
 * 1.1.1.1 is not done here.
 */
public final class EdgeDiscovery {

    /** The SRV service for the global edge. */
    public static final String SERVICE = "v2-origintunneld";

    /** The domain the SRV records live under. */
    public static final String DOMAIN = "argotunnel.com";

    private EdgeDiscovery() {}

    /**
     * The SRV name for a region.
     *
     * @param region the region, e.g. {@code us} or {@code fed}, or null/empty for the global edge
     * @return the name to look up
     */
    public static String srvName(@Nullable String region) {
        String service = (region == null || region.isBlank()) ? SERVICE : region.trim() + "-" + SERVICE;
        return "_" + service + "._tcp." + DOMAIN;
    }

    /**
     * Discovers the edge.
     *
     * @param resolver the DNS resolver
     * @param region the region, or null for the global edge
     * @param ipVersion which address family to use
     * @param random picks between equally free regions
     * @return the address pools
     * @throws ConnectorException when DNS fails, returns fewer than two records, or a target has no usable address
     */
    public static EdgeAddresses discover(
            EdgeResolver resolver, @Nullable String region, IpVersion ipVersion, RandomGenerator random) {
        String name = srvName(region);
        List<SrvRecord> records;
        try {
            records = new ArrayList<>(resolver.lookupSrv(name));
        } catch (Exception ex) {
            throw new ConnectorException(
                    "Could not lookup srv records on " + name + ": " + ex.getMessage()
                            + ". Check that this machine's DNS resolver can resolve SRV records (dig srv " + name
                            + "), or configure static edge addresses.",
                    ex);
        }
        if (records.size() < 2) {
            throw new ConnectorException("expected at least 2 Cloudflare Regions regions, but SRV only returned "
                    + records.size() + " (" + name + ")");
        }
        records.sort(Comparator.comparingInt(SrvRecord::priority)
                .thenComparing(Comparator.comparingInt(SrvRecord::weight).reversed()));
        List<InetSocketAddress> region1 = resolveRegion(resolver, records.get(0), ipVersion);
        List<InetSocketAddress> region2 = resolveRegion(resolver, records.get(1), ipVersion);
        return new EdgeAddresses(region1, region2, random);
    }

    private static List<InetSocketAddress> resolveRegion(EdgeResolver resolver, SrvRecord record, IpVersion version) {
        List<InetAddress> addresses;
        try {
            addresses = resolver.lookupHost(record.target());
        } catch (Exception ex) {
            throw new ConnectorException(
                    "Could not resolve edge host " + record.target() + ": " + ex.getMessage()
                            + ". Check this machine's DNS resolver.",
                    ex);
        }
        List<InetSocketAddress> region = new ArrayList<>();
        for (InetAddress address : addresses) {
            if (version.accepts(address, addresses.get(0))) {
                region.add(new InetSocketAddress(address, record.port()));
            }
        }
        if (region.isEmpty()) {
            throw new ConnectorException("Edge host " + record.target() + " has no " + version
                    + " address; choose another edge IP version.");
        }
        return region;
    }
}
