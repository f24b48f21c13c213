package dev.rpcwall.compiler.semantics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CidrTest {

  private static Ip ip(String s) {
    return Ip.parse(s).orElseThrow();
  }

  @Test
  void range_ipv4Block_isNetworkToBroadcast() {
    assertThat(new Cidr(ip("10.1.1.0"), 24).range())
        .isEqualTo(new IpRange(ip("10.1.1.0"), ip("10.1.1.255")));
    assertThat(new Cidr(ip("0.0.0.0"), 0).range()).isEqualTo(IpRange.all(IpFamily.IPV4));
    assertThat(new Cidr(ip("10.1.1.7"), 32).range()).isEqualTo(new IpRange(ip("10.1.1.7"), ip("10.1.1.7")));
  }

  @Test
  void range_ipv6Blocks_crossWordBoundary() {
    assertThat(new Cidr(ip("2001:db8:20::"), 48).range())
        .isEqualTo(new IpRange(ip("2001:db8:20::"), ip("2001:db8:20:ffff:ffff:ffff:ffff:ffff")));
    assertThat(new Cidr(ip("2001:db8::"), 64).range().last()).isEqualTo(ip("2001:db8::ffff:ffff:ffff:ffff"));
    assertThat(new Cidr(ip("2001:db8::"), 65).range().last()).isEqualTo(ip("2001:db8::7fff:ffff:ffff:ffff"));
    assertThat(new Cidr(ip("::"), 0).range()).isEqualTo(IpRange.all(IpFamily.IPV6));
    assertThat(new Cidr(ip("::1"), 128).range()).isEqualTo(new IpRange(ip("::1"), ip("::1")));
  }

  @Test
  void of_hostBitsSet_clearsThem() {
    assertThat(Cidr.of(ip("10.1.1.7"), 24)).isEqualTo(new Cidr(ip("10.1.1.0"), 24));
    assertThat(Cidr.of(ip("2001:db8::ffff:1"), 63)).isEqualTo(new Cidr(ip("2001:db8::"), 63));
    assertThat(Cidr.of(ip("255.255.255.255"), 0)).isEqualTo(new Cidr(ip("0.0.0.0"), 0));
  }

  @Test
  void constructor_hostBitsOrBadPrefix_throws() {
    assertThatThrownBy(() -> new Cidr(ip("10.1.1.7"), 24)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Cidr(ip("10.1.1.0"), 33)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Cidr(ip("::"), 129)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void toString_isBaseSlashPrefix() {
    assertThat(new Cidr(ip("2001:db8:20::"), 48)).hasToString("2001:db8:20::/48");
    assertThat(new Cidr(ip("10.1.1.7"), 32)).hasToString("10.1.1.7/32");
  }
}
