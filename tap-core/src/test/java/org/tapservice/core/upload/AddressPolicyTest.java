package org.tapservice.core.upload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Uploads by URL reach the public internet only, unless the operator allows a network. */
class AddressPolicyTest {

    private final AddressPolicy publicOnly = AddressPolicy.publicOnly();

    @ParameterizedTest
    @ValueSource(strings = {
            "127.0.0.1", "127.1.2.3", "10.1.2.3", "172.16.0.1", "172.31.255.255", "192.168.1.1", "169.254.169.254",
            "0.0.0.0", "100.64.0.1", "224.0.0.1", "239.255.255.250", "255.255.255.255", "240.0.0.1", "198.18.0.1",
            "::1", "::", "fe80::1", "fec0::1", "fc00::1", "fd12:3456::1", "ff02::1",
            "::ffff:127.0.0.1", "::ffff:10.0.0.1", "::127.0.0.1", "64:ff9b::a9fe:a9fe", "2002:7f00:1::1"})
    void loopbackPrivateLinkLocalAnyLocalAndMulticastAddressesAreRefused(String address) throws UnknownHostException {
        assertThat(publicOnly.permits(InetAddress.getByName(address))).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"8.8.8.8", "193.48.1.1", "172.32.0.1", "2001:4860:4860::8888", "::ffff:8.8.8.8",
                            "2002:0808:0808::1"})
    void publicAddressesArePermitted(String address) throws UnknownHostException {
        assertThat(publicOnly.permits(InetAddress.getByName(address))).isTrue();
    }

    @Test
    void anAllowedNetworkIsPermittedAndNothingElseOfItsKind() throws UnknownHostException {
        AddressPolicy policy = new AddressPolicy(List.of(NetworkRange.parse("127.0.0.0/8"),
                NetworkRange.parse("10.20.0.0/16")));

        assertThat(policy.permits(InetAddress.getByName("127.0.0.1"))).isTrue();
        assertThat(policy.permits(InetAddress.getByName("::ffff:127.0.0.1"))).isTrue();
        assertThat(policy.permits(InetAddress.getByName("10.20.30.40"))).isTrue();
        assertThat(policy.permits(InetAddress.getByName("10.21.0.1"))).isFalse();
        assertThat(policy.permits(InetAddress.getByName("::1"))).isFalse();
    }

    @Test
    void rangesAreWrittenInCidrNotation() {
        assertThat(NetworkRange.parse("192.168.0.0/16")).hasToString("192.168.0.0/16");
        assertThat(NetworkRange.parse("::1")).hasToString("0:0:0:0:0:0:0:1/128");
        assertThat(NetworkRange.parse("10.0.0.0/9").contains(new byte[] {10, 127, 0, 1})).isTrue();
        assertThat(NetworkRange.parse("10.0.0.0/9").contains(new byte[] {10, (byte) 128, 0, 1})).isFalse();
        assertThatThrownBy(() -> NetworkRange.parse("example.org/8")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> NetworkRange.parse("10.0.0.0/33")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> NetworkRange.parse("10.0.0.0/x")).isInstanceOf(IllegalArgumentException.class);
    }
}
