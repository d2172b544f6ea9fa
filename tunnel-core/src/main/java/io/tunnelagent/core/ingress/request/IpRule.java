package io.tunnelagent.core.ingress.request;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A validated IP access rule of a {@code socks-proxy} service: a network, optional ports and a decision.
 *
 * @param network the network address (4 or 16 bytes, host bits cleared)
 * @param prefixLength the number of network bits
 * @param ports the sorted ports the rule applies to; empty means every port
 * @param allow whether matching destinations are allowed
 */
public record IpRule(byte[] network, int prefixLength, List<Integer> ports, boolean allow) {

    public IpRule {
        network = network.clone();
        ports = List.copyOf(ports);
    }

    /**
     * Parses a rule the way cloudflared does.
     *
     * @throws IllegalArgumentException with cloudflared's text ({@code no prefix provided}, {@code unable to parse
     *     cidr: …}, {@code invalid port N, needs to be between 1 and 65535})
     */
    public static IpRule parse(@Nullable String prefix, List<Integer> ports, boolean allow) {
        if (prefix == null || prefix.isEmpty()) {
            throw new IllegalArgumentException("no prefix provided");
        }
        int slash = prefix.indexOf('/');
        byte[] ip = (slash > 0) ? parseIp(prefix.substring(0, slash)) : null;
        int bits = (slash > 0) ? parsePrefixLength(prefix.substring(slash + 1)) : -1;
        if (ip == null || bits < 0 || bits > ip.length * 8) {
            throw new IllegalArgumentException("unable to parse cidr: " + prefix);
        }
        List<Integer> sorted = new ArrayList<>(ports);
        Collections.sort(sorted);
        for (int port : sorted) {
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("invalid port " + port + ", needs to be between 1 and 65535");
            }
        }
        return new IpRule(mask(ip, bits), bits, sorted, allow);
    }

    /** The network in CIDR notation as cloudflared prints it, e.g. {@code 10.0.0.0/8} or {@code 2001:db8::/32}. */
    public String cidr() {
        return IpFormat.format(this.network) + "/" + this.prefixLength;
    }

    /** Whether the address is inside the network and the port is one of the rule's ports (or the rule has none). */
    public boolean matches(InetAddress address, int port) {
        byte[] candidate = address.getAddress();
        if (candidate.length != this.network.length) {
            return false;
        }
        return Arrays.equals(mask(candidate, this.prefixLength), this.network)
                && (this.ports.isEmpty() || this.ports.contains(port));
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof IpRule rule
                && Arrays.equals(this.network, rule.network)
                && this.prefixLength == rule.prefixLength
                && this.ports.equals(rule.ports)
                && this.allow == rule.allow;
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(this.network) * 31 + this.ports.hashCode() + this.prefixLength + (this.allow ? 1 : 0);
    }

    @Override
    public String toString() {
        return "IpRule[" + cidr() + ", ports=" + this.ports + ", allow=" + this.allow + "]";
    }

    private static int parsePrefixLength(String text) {
        if (text.isEmpty() || text.length() > 3 || !text.chars().allMatch(Character::isDigit)) {
            return -1;
        }
        return Integer.parseInt(text);
    }

    private static byte @Nullable [] parseIp(String text) {
        if (text.indexOf(':') < 0) {
            return IpFormat.parseIpv4(text);
        }
        if (!text.chars().allMatch(c -> Character.digit(c, 16) >= 0 || c == ':' || c == '.')) {
            return null;
        }
        try {
            // Bracketed, so the JDK treats it as a literal and never resolves a name.
            byte[] address = InetAddress.getByName("[" + text + "]").getAddress();
            return (address.length == 4) ? IpFormat.mapped(address) : address;
        } catch (UnknownHostException ex) {
            return null;
        }
    }

    private static byte[] mask(byte[] address, int bits) {
        byte[] masked = address.clone();
        for (int i = 0; i < masked.length; i++) {
            int keep = Math.max(0, Math.min(8, bits - i * 8));
            masked[i] &= (byte) (0xFF00 >> keep);
        }
        return masked;
    }
}
