package io.tunnelagent.core.connector.edge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import io.tunnelagent.core.connector.ConnectorException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class EdgeAddressesTests {

    @Test
    void staticAddressesAlternateBetweenTwoRegions() {
        EdgeAddresses addresses = EdgeAddresses.ofStatic(ports(7001, 7002, 7003, 7004, 7005), new Random(1));
        assertThat(addresses.region(0)).containsExactlyElementsOf(ports(7001, 7003, 7005));
        assertThat(addresses.region(1)).containsExactlyElementsOf(ports(7002, 7004));
        assertThat(addresses.size()).isEqualTo(5);
    }

    @Test
    void emptyStaticListIsAnError() {
        assertThatExceptionOfType(ConnectorException.class)
                .isThrownBy(() -> EdgeAddresses.ofStatic(List.of(), new Random(1)))
                .withMessageStartingWith("failed to resolve any edge address");
    }

    @Test
    void connectionsSpreadOverBothRegionsAndNeverShareAnAddress() {
        EdgeAddresses addresses = EdgeAddresses.ofStatic(ports(7001, 7002, 7003, 7004), new Random(7));
        Set<InetSocketAddress> used = new HashSet<>();
        int inRegion1 = 0;
        for (int i = 0; i < 4; i++) {
            InetSocketAddress address = addresses.addressFor(i);
            assertThat(used.add(address)).isTrue();
            if (addresses.region(0).contains(address)) {
                inRegion1++;
            }
        }
        assertThat(inRegion1).isEqualTo(2);
        assertThat(addresses.addressFor(4)).isNull();
    }

    @Test
    void aConnectionKeepsItsAddressAcrossReconnects() {
        EdgeAddresses addresses = EdgeAddresses.ofStatic(ports(7001, 7002), new Random(1));
        InetSocketAddress first = addresses.addressFor(0);
        assertThat(addresses.addressFor(0)).isEqualTo(first);
    }

    @Test
    void rotateTakesADifferentFreeAddress() {
        EdgeAddresses addresses = EdgeAddresses.ofStatic(ports(7001, 7002, 7003), new Random(1));
        InetSocketAddress first = addresses.addressFor(0);
        InetSocketAddress other = addresses.addressFor(1);
        InetSocketAddress rotated = addresses.rotate(0);
        assertThat(rotated).isNotEqualTo(first).isNotEqualTo(other);
        assertThat(addresses.addressFor(0)).isEqualTo(rotated);
    }

    @Test
    void rotateKeepsTheAddressWhenNoOtherIsFree() {
        EdgeAddresses addresses = EdgeAddresses.ofStatic(ports(7001), new Random(1));
        InetSocketAddress only = addresses.addressFor(0);
        assertThat(addresses.rotate(0)).isEqualTo(only);
    }

    private static List<InetSocketAddress> ports(int... ports) {
        List<InetSocketAddress> addresses = new ArrayList<>();
        for (int port : ports) {
            addresses.add(new InetSocketAddress("127.0.0.1", port));
        }
        return addresses;
    }
}
