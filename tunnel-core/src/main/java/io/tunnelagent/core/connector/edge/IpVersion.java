package io.tunnelagent.core.connector.edge;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;

/** The {@code --edge-ip-version} setting: which address family of the edge to use (protocol doc 1.2). */
public enum IpVersion {

    /** Each region uses the family of the first address DNS returned for it. */
    AUTO,

    /** IPv4 only. */
    IPV4,

    /** IPv6 only. */
    IPV6;

    boolean accepts(InetAddress address, InetAddress firstOfRegion) {
        return switch (this) {
            case AUTO -> address.getClass() == firstOfRegion.getClass();
            case IPV4 -> address instanceof Inet4Address;
            case IPV6 -> address instanceof Inet6Address;
        };
    }
}
