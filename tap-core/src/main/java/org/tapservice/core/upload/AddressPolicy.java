package org.tapservice.core.upload;

import java.net.InetAddress;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Which addresses the service may fetch uploads from: the public internet only, unless the
 * operator allows more. An upload URL is the client's, so without this a request could make
 * the service read its own admin endpoints, the cloud metadata service (169.254.169.254) or any
 * host behind the firewall (server-side request forgery).
 *
 * <p>Refused unless allowed: IANA's special-purpose blocks (loopback, private, shared, link-local,
 * documentation, benchmarking, multicast, reserved, "this network"), their IPv6 counterparts
 * (::1, ::, unique local fc00::/7, link-local fe80::/10, site-local fec0::/10, multicast), and
 * IPv6 addresses that carry an IPv4 address (mapped ::ffff:a.b.c.d, compatible ::a.b.c.d, NAT64
 * 64:ff9b::/96, 6to4 2002::/16), which are judged by the IPv4 address they carry.
 */
public final class AddressPolicy {

    private static final List<NetworkRange> NOT_PUBLIC = Stream.of(
            "0.0.0.0/8", "10.0.0.0/8", "100.64.0.0/10", "127.0.0.0/8", "169.254.0.0/16", "172.16.0.0/12",
            "192.0.0.0/24", "192.0.2.0/24", "192.88.99.0/24", "192.168.0.0/16", "198.18.0.0/15",
            "198.51.100.0/24", "203.0.113.0/24", "224.0.0.0/4", "240.0.0.0/4",
            "::/128", "::1/128", "100::/64", "2001:db8::/32", "fc00::/7", "fe80::/10", "fec0::/10", "ff00::/8")
            .map(NetworkRange::parse).toList();

    private static final NetworkRange NAT64 = NetworkRange.parse("64:ff9b::/96");
    private static final NetworkRange SIX_TO_FOUR = NetworkRange.parse("2002::/16");

    private final List<NetworkRange> allowed;

    /** @param allowed ranges the operator trusts, fetched from although they are not public */
    public AddressPolicy(List<NetworkRange> allowed) {
        this.allowed = List.copyOf(allowed);
    }

    /** Public addresses only. */
    public static AddressPolicy publicOnly() {
        return new AddressPolicy(List.of());
    }

    public boolean permits(InetAddress address) {
        return permits(address.getAddress());
    }

    private boolean permits(byte[] address) {
        if (allowed.stream().anyMatch(range -> range.contains(address))) {
            return true;
        }
        Optional<byte[]> carried = carriedIpv4(address);
        if (carried.isPresent()) {
            return permits(carried.get());
        }
        return NOT_PUBLIC.stream().noneMatch(range -> range.contains(address));
    }

    /** The IPv4 address an IPv6 one stands for, if it is of a kind that carries one. */
    private static Optional<byte[]> carriedIpv4(byte[] address) {
        if (address.length != 16) {
            return Optional.empty();
        }
        boolean zeroes = isZero(address, 0, 10);
        boolean mapped = zeroes && (address[10] & 0xff) == 0xff && (address[11] & 0xff) == 0xff;
        boolean compatible = zeroes && address[10] == 0 && address[11] == 0 && !isZero(address, 12, 16)
                && !(isZero(address, 12, 15) && address[15] == 1);
        if (mapped || compatible || NAT64.contains(address)) {
            return Optional.of(Arrays.copyOfRange(address, 12, 16));
        }
        if (SIX_TO_FOUR.contains(address)) {
            return Optional.of(Arrays.copyOfRange(address, 2, 6));
        }
        return Optional.empty();
    }

    private static boolean isZero(byte[] bytes, int from, int to) {
        for (int i = from; i < to; i++) {
            if (bytes[i] != 0) {
                return false;
            }
        }
        return true;
    }
}
