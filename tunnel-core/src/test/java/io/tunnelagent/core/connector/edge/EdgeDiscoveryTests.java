package io.tunnelagent.core.connector.edge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import io.tunnelagent.core.connector.ConnectorException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class EdgeDiscoveryTests {

    private final List<String> srvQueries = new ArrayList<>();

    @Test
    void srvNameIsTheGlobalServiceOrTheRegionalOne() {
        assertThat(EdgeDiscovery.srvName(null)).isEqualTo("_v2-origintunneld._tcp.argotunnel.com");
        assertThat(EdgeDiscovery.srvName("us")).isEqualTo("_us-v2-origintunneld._tcp.argotunnel.com");
        assertThat(EdgeDiscovery.srvName("fed")).isEqualTo("_fed-v2-origintunneld._tcp.argotunnel.com");
    }

    @Test
    void firstTargetFormsRegionOneAndSecondRegionTwoWithTheRecordPort() throws Exception {
        EdgeResolver resolver = resolver(
                List.of(
                        new SrvRecord(1, 1, 7844, "region1.v2.argotunnel.com."),
                        new SrvRecord(1, 1, 7844, "region2.v2.argotunnel.com.")),
                Map.of(
                        "region1.v2.argotunnel.com", List.of("198.41.192.7", "198.41.192.8"),
                        "region2.v2.argotunnel.com", List.of("198.41.200.7")));
        EdgeAddresses addresses = EdgeDiscovery.discover(resolver, null, IpVersion.AUTO, new Random(1));
        assertThat(this.srvQueries).containsExactly("_v2-origintunneld._tcp.argotunnel.com");
        assertThat(addresses.region(0)).containsExactly(address("198.41.192.7", 7844), address("198.41.192.8", 7844));
        assertThat(addresses.region(1)).containsExactly(address("198.41.200.7", 7844));
        assertThat(addresses.size()).isEqualTo(3);
    }

    @Test
    void regionUsesTheRegionalSrvName() throws Exception {
        EdgeResolver resolver = resolver(
                List.of(new SrvRecord(1, 1, 7844, "us-region1"), new SrvRecord(1, 1, 7844, "us-region2")),
                Map.of("us-region1", List.of("10.0.0.1"), "us-region2", List.of("10.0.0.2")));
        EdgeDiscovery.discover(resolver, "us", IpVersion.AUTO, new Random(1));
        assertThat(this.srvQueries).containsExactly("_us-v2-origintunneld._tcp.argotunnel.com");
    }

    @Test
    void fewerThanTwoRecordsIsAnError() {
        EdgeResolver resolver =
                resolver(List.of(new SrvRecord(1, 1, 7844, "region1")), Map.of("region1", List.of("10.0.0.1")));
        assertThatExceptionOfType(ConnectorException.class)
                .isThrownBy(() -> EdgeDiscovery.discover(resolver, null, IpVersion.AUTO, new Random(1)))
                .withMessageStartingWith("expected at least 2 Cloudflare Regions regions, but SRV only returned 1");
    }

    @Test
    void failedSrvLookupSaysWhichNameCouldNotBeLookedUp() {
        EdgeResolver offline = new EdgeResolver() {
            @Override
            public List<SrvRecord> lookupSrv(String name) throws Exception {
                throw new UnknownHostException("no such host");
            }

            @Override
            public List<InetAddress> lookupHost(String host) throws Exception {
                throw new UnknownHostException(host);
            }
        };
        assertThatExceptionOfType(ConnectorException.class)
                .isThrownBy(() -> EdgeDiscovery.discover(offline, null, IpVersion.AUTO, new Random(1)))
                .withMessageStartingWith(
                        "Could not lookup srv records on _v2-origintunneld._tcp.argotunnel.com: no such host");
    }

    @Test
    void ipVersionFourKeepsOnlyIpv4Addresses() throws Exception {
        EdgeResolver resolver = resolver(
                List.of(new SrvRecord(1, 1, 7844, "r1"), new SrvRecord(1, 1, 7844, "r2")),
                Map.of("r1", List.of("2606:4700::1", "10.0.0.1"), "r2", List.of("10.0.0.2")));
        EdgeAddresses addresses = EdgeDiscovery.discover(resolver, null, IpVersion.IPV4, new Random(1));
        assertThat(addresses.region(0)).containsExactly(address("10.0.0.1", 7844));
    }

    @Test
    void autoUsesTheFamilyOfTheFirstAddressOfEachRegion() throws Exception {
        EdgeResolver resolver = resolver(
                List.of(new SrvRecord(1, 1, 7844, "r1"), new SrvRecord(1, 1, 7844, "r2")),
                Map.of("r1", List.of("2606:4700::1", "10.0.0.1"), "r2", List.of("10.0.0.2")));
        EdgeAddresses addresses = EdgeDiscovery.discover(resolver, null, IpVersion.AUTO, new Random(1));
        assertThat(addresses.region(0)).containsExactly(address("2606:4700::1", 7844));
        assertThat(addresses.region(1)).containsExactly(address("10.0.0.2", 7844));
    }

    @Test
    void parsesJndiSrvRecordText() {
        assertThat(SystemEdgeResolver.parse("1 2 7844 region1.v2.argotunnel.com."))
                .isEqualTo(new SrvRecord(1, 2, 7844, "region1.v2.argotunnel.com"));
    }

    private EdgeResolver resolver(List<SrvRecord> records, Map<String, List<String>> hosts) {
        return new EdgeResolver() {
            @Override
            public List<SrvRecord> lookupSrv(String name) {
                EdgeDiscoveryTests.this.srvQueries.add(name);
                return records;
            }

            @Override
            public List<InetAddress> lookupHost(String host) throws Exception {
                List<InetAddress> addresses = new ArrayList<>();
                for (String literal : hosts.getOrDefault(host, List.of())) {
                    addresses.add(InetAddress.getByName(literal));
                }
                return addresses;
            }
        };
    }

    private static InetSocketAddress address(String literal, int port) throws UnknownHostException {
        return new InetSocketAddress(InetAddress.getByName(literal), port);
    }
}
