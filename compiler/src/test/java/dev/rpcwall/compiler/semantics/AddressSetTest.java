package dev.rpcwall.compiler.semantics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class AddressSetTest {

  private static Ip ip(String s) {
    return Ip.parse(s).orElseThrow();
  }

  private static IpRange r(String a, String b) {
    return new IpRange(ip(a), ip(b));
  }

  private static AddressSet set(String... rangesOrCidrs) {
    AddressSet out = AddressSet.empty();
    for (String s : rangesOrCidrs) {
      out = out.union(((dev.rpcwall.compiler.model.AddressEntries.Ok) dev.rpcwall.compiler.model.AddressEntries.parse(s)).set());
    }
    return out;
  }

  @Test
  void of_overlappingAndAdjacentRanges_mergesThem() {
    AddressSet s =
        AddressSet.of(
            List.of(
                r("10.0.0.5", "10.0.0.9"),
                r("10.0.0.1", "10.0.0.4"),
                r("10.0.0.8", "10.0.0.20"),
                r("10.0.0.22", "10.0.0.22"),
                r("::5", "::9"),
                r("::1", "::3")));
    assertThat(s.ranges())
        .containsExactly(
            r("10.0.0.1", "10.0.0.20"), r("10.0.0.22", "10.0.0.22"), r("::1", "::3"), r("::5", "::9"));
    assertThat(s.rangeCount()).isEqualTo(4);
  }

  @Test
  void of_ipv6RangesTouchingAcrossWordCarry_mergesThem() {
    AddressSet s = AddressSet.of(List.of(r("::1:0:0:0", "::1:ffff:ffff:ffff"), r("::2:0:0:0", "::2:0:0:5")));
    assertThat(s.ranges()).containsExactly(r("::1:0:0:0", "::2:0:0:5"));
  }

  @Test
  void of_rangesUpToFamilyMax_staysWithinFamily() {
    AddressSet s = AddressSet.of(List.of(IpRange.all(IpFamily.IPV6), r("::1", "::2")));
    assertThat(s).isEqualTo(AddressSet.all(IpFamily.IPV6));
    assertThat(AddressSet.of(List.of(r("255.255.255.0", "255.255.255.255"), r("0.0.0.0", "0.0.0.1"))).rangeCount())
        .isEqualTo(2);
  }

  @Test
  void contains_checksBothEndsOfEveryInterval() {
    AddressSet s = set("10.1.1.0/24", "192.168.6.1-192.168.6.50", "2001:db8:20::/48");
    assertThat(s.contains(ip("10.1.1.0"))).isTrue();
    assertThat(s.contains(ip("10.1.1.255"))).isTrue();
    assertThat(s.contains(ip("10.1.0.255"))).isFalse();
    assertThat(s.contains(ip("10.1.2.0"))).isFalse();
    assertThat(s.contains(ip("192.168.6.50"))).isTrue();
    assertThat(s.contains(ip("192.168.6.51"))).isFalse();
    assertThat(s.contains(ip("2001:db8:20:ffff:ffff:ffff:ffff:ffff"))).isTrue();
    assertThat(s.contains(ip("2001:db8:21::"))).isFalse();
    assertThat(s.contains(ip("::ffff:10.1.1.1"))).isFalse();
    assertThat(AddressSet.empty().contains(ip("10.1.1.1"))).isFalse();
  }

  @Test
  void union_intersect_minus_onOverlappingSets() {
    AddressSet a = set("10.0.0.0/8", "2001:db8::/32");
    AddressSet b = set("10.1.1.0/24", "11.0.0.0/8", "2001:db8:20::/48");
    assertThat(a.union(b)).isEqualTo(set("10.0.0.0/7", "2001:db8::/32"));
    assertThat(a.intersect(b)).isEqualTo(set("10.1.1.0/24", "2001:db8:20::/48"));
    assertThat(a.minus(b).ranges())
        .containsExactly(
            r("10.0.0.0", "10.1.0.255"),
            r("10.1.2.0", "10.255.255.255"),
            r("2001:db8::", "2001:db8:1f:ffff:ffff:ffff:ffff:ffff"),
            r("2001:db8:21::", "2001:db8:ffff:ffff:ffff:ffff:ffff:ffff"));
    assertThat(b.minus(a)).isEqualTo(set("11.0.0.0/8"));
  }

  @Test
  void complement_ofEmptyAndAll() {
    assertThat(AddressSet.empty().complement()).isEqualTo(AddressSet.all());
    assertThat(AddressSet.all().complement()).isEqualTo(AddressSet.empty());
    assertThat(AddressSet.all(IpFamily.IPV4).complement()).isEqualTo(AddressSet.all(IpFamily.IPV6));
    assertThat(set("0.0.0.0", "255.255.255.255", "::", "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff").complement().ranges())
        .containsExactly(
            r("0.0.0.1", "255.255.255.254"), r("::1", "ffff:ffff:ffff:ffff:ffff:ffff:ffff:fffe"));
  }

  @Test
  void containsAll_and_intersects() {
    AddressSet big = set("10.0.0.0/8");
    assertThat(big.containsAll(set("10.1.1.0/24"))).isTrue();
    assertThat(big.containsAll(set("10.1.1.0/24", "11.0.0.0"))).isFalse();
    assertThat(big.containsAll(AddressSet.empty())).isTrue();
    assertThat(big.intersects(set("9.0.0.0-10.0.0.0"))).isTrue();
    assertThat(big.intersects(set("9.0.0.0-9.255.255.255", "11.0.0.0"))).isFalse();
    assertThat(big.intersects(set("::/0"))).isFalse();
  }

  @Test
  void toCidrs_range_isMinimalDecomposition() {
    assertThat(set("192.168.6.1-192.168.6.50").toCidrs())
        .extracting(Cidr::toString)
        .containsExactly(
            "192.168.6.1/32", "192.168.6.2/31", "192.168.6.4/30", "192.168.6.8/29", "192.168.6.16/28",
            "192.168.6.32/28", "192.168.6.48/31", "192.168.6.50/32");
    assertThat(AddressSet.all().toCidrs()).extracting(Cidr::toString).containsExactly("0.0.0.0/0", "::/0");
    assertThat(set("::1-ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff").toCidrs()).hasSize(128);
    assertThat(set("0.0.0.0-255.255.255.254").toCidrs()).hasSize(32);
    assertThat(set("2001:db8::/48", "2001:db8:1::/48").toCidrs())
        .extracting(Cidr::toString)
        .containsExactly("2001:db8::/47");
  }

  @Test
  void toString_readableCommaList() {
    assertThat(set("10.1.1.0/24", "192.168.6.1-192.168.6.50", "192.168.5.10", "2001:db8:20::/48"))
        .hasToString("10.1.1.0/24,192.168.5.10,192.168.6.1-192.168.6.50,2001:db8:20::/48");
    assertThat(AddressSet.empty()).hasToString("none");
    assertThat(AddressSet.all()).hasToString("0.0.0.0/0,::/0");
  }

  @Test
  void cidr_ignoresHostBits() {
    assertThat(AddressSet.cidr(ip("10.1.1.7"), 24)).isEqualTo(set("10.1.1.0/24"));
  }

  @Test
  void equalsAndHashCode_dependOnContentOnly() {
    AddressSet a = set("10.0.0.0-10.0.0.9", "10.0.0.10-10.0.0.20");
    AddressSet b = AddressSet.of(r("10.0.0.0", "10.0.0.20"));
    assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
    assertThat(a).isNotEqualTo(b.union(set("::1")));
  }

  @Test
  void of_hundredThousandRanges_mergesCorrectly() {
    Random random = new Random(7);
    List<IpRange> ranges = new ArrayList<>();
    for (int i = 0; i < 100_000; i++) {
      long base = (random.nextLong() & 0xFFFF_FFFFL) & ~0xFFL;
      ranges.add(new IpRange(Ip.v4(base), Ip.v4(base | 0xFF)));
      ranges.add(normalized(random));
    }
    AddressSet s = AddressSet.of(ranges);
    for (IpRange r : ranges.subList(0, 1000)) {
      assertThat(s.contains(r.first())).isTrue();
      assertThat(s.contains(r.last())).isTrue();
    }
    List<IpRange> out = s.ranges();
    for (int i = 1; i < out.size(); i++) {
      IpRange prev = out.get(i - 1);
      IpRange cur = out.get(i);
      if (prev.family() == cur.family()) {
        assertThat(prev.last().next()).isLessThan(cur.first());
      }
    }
  }

  private static IpRange normalized(Random random) {
    long a = random.nextLong() & 0xFFFF;
    long b = random.nextLong() & 0xFFFF;
    return new IpRange(Ip.v6(Math.min(a, b), 0), Ip.v6(Math.max(a, b), -1L));
  }
}
