package dev.rpcwall.compiler.model;

import static dev.rpcwall.compiler.model.Rules.ip;
import static dev.rpcwall.compiler.model.Rules.net;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rpcwall.compiler.model.AddressLimits.Entry;
import dev.rpcwall.compiler.semantics.AddressSet;
import dev.rpcwall.compiler.semantics.Ip;
import dev.rpcwall.compiler.semantics.IpRange;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AddressLimitsTest {
  @Test
  void entries_windowsAccepts_haveNoViolation() {
    assertThat(AddressLimits.violation(Entry.single(ip("10.1.2.3")))).isEmpty();
    assertThat(AddressLimits.violation(Entry.single(ip("0.0.0.0")))).isEmpty();
    assertThat(AddressLimits.violation(Entry.subnet(ip("10.0.0.0"), 8))).isEmpty();
    assertThat(AddressLimits.violation(Entry.subnet(ip("2001:db8::"), 32))).isEmpty();
    assertThat(AddressLimits.violation(Entry.subnet(ip("2001:db8::1"), 128))).isEmpty();
    assertThat(AddressLimits.violation(Entry.range(ip("0.0.0.0"), ip("255.255.255.255"))))
        .isEmpty();
    assertThat(AddressLimits.violation(Entry.range(ip("::2"), ip("ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff"))))
        .isEmpty();
  }

  @Test
  void ipv4MaskZero_isRefused() {
    assertThat(AddressLimits.violation(Entry.subnet(ip("0.0.0.0"), 0))).get().asString()
        .contains("mask of 0");
  }

  @Test
  void ipv6PrefixOutside1To128_isRefused() {
    assertThat(AddressLimits.violation(Entry.subnet(ip("::"), 0))).get().asString()
        .contains("1-128");
    assertThat(AddressLimits.violation(Entry.subnet(ip("2001:db8::"), 129))).get().asString()
        .contains("1-128");
    assertThat(AddressLimits.violation(Entry.subnet(ip("10.0.0.0"), 33))).get().asString()
        .contains("1-32");
  }

  @Test
  void ipv6Loopback_isRefusedAsAddressSubnetOrInsideARange() {
    assertThat(AddressLimits.violation(Entry.single(ip("::1")))).get().asString().contains("::1");
    assertThat(AddressLimits.violation(Entry.subnet(ip("::"), 127))).get().asString()
        .contains("::1");
    assertThat(AddressLimits.violation(Entry.range(ip("::1"), ip("::5")))).get().asString()
        .contains("::1");
    // The case of the issue: a block list entry '::-ffff:...' covers :: and ::1.
    assertThat(AddressLimits.violation(Entry.range(ip("::"), ip("ffff::")))).isPresent();
  }

  @Test
  void ipv6Unspecified_isRefusedInARange() {
    assertThat(AddressLimits.violation(Entry.single(ip("::")))).get().asString().contains("::");
    assertThat(AddressLimits.violation(Entry.range(ip("::"), ip("::")))).isPresent();
    // ::2 is the first address after both.
    assertThat(AddressLimits.violation(Entry.range(ip("::2"), ip("::3")))).isEmpty();
  }

  @Test
  void rangeEndingBeforeItStarts_orMixingFamilies_isRefused() {
    assertThat(AddressLimits.violation(Entry.range(ip("10.0.0.9"), ip("10.0.0.1")))).get()
        .asString().contains("before it starts");
    assertThat(AddressLimits.violation(Entry.range(ip("10.0.0.1"), ip("2001:db8::1")))).get()
        .asString().contains("one address family");
  }

  @Test
  void list_atMost1000Entries() {
    List<Entry> entries = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      entries.add(Entry.single(Ip.v4(0x0A00_0000L + 2L * i)));
    }
    assertThat(AddressLimits.violation(entries)).isEmpty();
    entries.add(Entry.single(Ip.v4(0x0B00_0000L)));
    assertThat(AddressLimits.violation(entries)).get().asString().contains("at most 1000");

    List<IpRange> ranges = new ArrayList<>();
    for (int i = 0; i <= 1000; i++) {
      Ip a = Ip.v4(0x0A00_0000L + 2L * i);
      ranges.add(new IpRange(a, a));
    }
    assertThat(AddressLimits.violation(AddressSet.of(ranges))).get().asString()
        .contains("at most 1000");
    assertThat(AddressLimits.violation(AddressSet.of(ranges.subList(0, 1000)))).isEmpty();
  }

  @Test
  void setViolation_namesTheEntryAsWritten() {
    assertThat(AddressLimits.violation(net("::/1"))).get().asString()
        .startsWith("'::/1'");
    assertThat(AddressLimits.violation(net("127.0.0.1"))).isEmpty();
  }

  @Test
  void listable_dropsLoopbackAndUnspecified_orWidensToAny() {
    AddressSet notAdmins = net("10.1.1.0/24").complement();
    AddressSet l = AddressLimits.listable(notAdmins);
    assertThat(AddressLimits.violation(l)).isEmpty();
    assertThat(l.contains(ip("::"))).isFalse();
    assertThat(l.contains(ip("::1"))).isFalse();
    assertThat(l.contains(ip("127.0.0.1"))).isFalse();
    assertThat(l.contains(ip("0.0.0.0"))).isTrue();
    assertThat(l.contains(ip("::2"))).isTrue();
    assertThat(l.contains(ip("126.255.255.255"))).isTrue();
    assertThat(l.contains(ip("128.0.0.0"))).isTrue();
    assertThat(l.intersect(AddressLimits.FILTERED)).isEqualTo(notAdmins.intersect(AddressLimits.FILTERED));

    assertThat(AddressLimits.listable(AddressLimits.FILTERED)).isEqualTo(AddressSet.all());
    assertThat(AddressLimits.listable(AddressSet.all().minus(net("::1")))).isEqualTo(AddressSet.all());
    assertThat(AddressLimits.listable(net("::1"))).isEqualTo(AddressSet.empty());
    assertThat(AddressLimits.listable(net("127.0.0.0/8"))).isEqualTo(AddressSet.empty());
  }
}
