package dev.rpcwall.compiler.semantics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import inet.ipaddr.IPAddressString;
import java.math.BigInteger;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IpTest {

  @Test
  void parse_dottedQuad_givesValue() {
    assertThat(Ip.parse("10.1.2.3")).contains(Ip.v4(0x0A010203L));
    assertThat(Ip.parse("0.0.0.0")).contains(Ip.min(IpFamily.IPV4));
    assertThat(Ip.parse("255.255.255.255")).contains(Ip.max(IpFamily.IPV4));
  }

  @Test
  void parse_ipv6Forms_giveValue() {
    assertThat(Ip.parse("::")).contains(Ip.min(IpFamily.IPV6));
    assertThat(Ip.parse("::1")).contains(Ip.v6(0, 1));
    assertThat(Ip.parse("fe80::1")).contains(Ip.v6(0xFE80_0000_0000_0000L, 1));
    assertThat(Ip.parse("FE80:0:0:0:0:0:0:1")).contains(Ip.v6(0xFE80_0000_0000_0000L, 1));
    assertThat(Ip.parse("2001:db8::")).contains(Ip.v6(0x2001_0DB8_0000_0000L, 0));
    assertThat(Ip.parse("1:2:3:4:5:6:7::")).contains(Ip.v6(0x0001_0002_0003_0004L, 0x0005_0006_0007_0000L));
    assertThat(Ip.parse("::ffff:10.1.2.3")).contains(Ip.v6(0, 0xFFFF_0A01_0203L));
    assertThat(Ip.parse("1:2:3:4:5:6:10.1.2.3")).contains(Ip.v6(0x0001_0002_0003_0004L, 0x0005_0006_0A01_0203L));
    assertThat(Ip.parse("ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff")).contains(Ip.max(IpFamily.IPV6));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "", "1", "1.2.3", "1.2.3.4.5", "1.2.3.256", "010.1.1.1", "1.2.3.04", "1..2.3", "1.2.3.4 ",
        " 1.2.3.4", "+1.2.3.4", "1.2.3.-4", "1.2.3.4.", "a.b.c.d", "1.2.3.1000",
        ":", ":::", "1::2::3", "fe80::1%eth0", "fe80::1%1", "12345::", "1:2:3:4:5:6:7:8:9", "::1:2:3:4:5:6:7:8",
        "1:2:3:4:5:6:7", ":1::", "1::2:", "1:2:3:4:5:6:7:8::", "g::1", "::ffff:1.2.3", "::1.2.3.04",
        "1:2:3:4:5:6:7:1.2.3.4", "1.2.3.4::", "::١", "::ＡＢ"
      })
  void parse_malformed_isEmpty(String text) {
    assertThat(Ip.parse(text)).isEmpty();
  }

  @Test
  void toString_ipv6_isRfc5952() {
    assertThat(text("2001:0db8:0000:0000:0000:0000:0002:0001")).isEqualTo("2001:db8::2:1");
    assertThat(text("2001:db8:0:1:1:1:1:1")).isEqualTo("2001:db8:0:1:1:1:1:1");
    assertThat(text("2001:0:0:1:0:0:0:1")).isEqualTo("2001:0:0:1::1");
    assertThat(text("2001:db8:0:0:1:0:0:1")).isEqualTo("2001:db8::1:0:0:1");
    assertThat(text("0:0:0:0:0:0:0:0")).isEqualTo("::");
    assertThat(text("0:0:0:0:0:0:0:1")).isEqualTo("::1");
    assertThat(text("1:0:0:0:0:0:0:0")).isEqualTo("1::");
    assertThat(text("FE80:0:0:0:0:0:0:ABCD")).isEqualTo("fe80::abcd");
    assertThat(text("::ffff:a01:203")).isEqualTo("::ffff:10.1.2.3");
    assertThat(text("::fffe:a01:203")).isEqualTo("::fffe:a01:203");
  }

  @Test
  void toString_ipv4_isDottedQuad() {
    assertThat(Ip.v4(0x0A010203L).toString()).isEqualTo("10.1.2.3");
    assertThat(Ip.max(IpFamily.IPV4).toString()).isEqualTo("255.255.255.255");
  }

  @Test
  void toString_randomValues_roundTripsAndAgreesWithIpAddressLibrary() {
    Random random = new Random(42);
    for (int i = 0; i < 20_000; i++) {
      Ip ip = randomIp(random);
      String s = ip.toString();
      assertThat(Ip.parse(s)).as(s).contains(ip);
      BigInteger expected = new IPAddressString(s).getAddress().getValue();
      assertThat(expected).as(s).isEqualTo(value(ip));
      if (ip.family() == IpFamily.IPV6 && !(ip.hi() == 0 && (ip.lo() >>> 32) == 0xFFFF)) {
        assertThat(s).isEqualTo(new IPAddressString(s).getAddress().toCanonicalString());
      }
    }
  }

  @Test
  void nextAndPrevious_carryAcrossWords() {
    Ip a = Ip.v6(7, -1L);
    assertThat(a.next()).isEqualTo(Ip.v6(8, 0));
    assertThat(a.next().previous()).isEqualTo(a);
    assertThat(Ip.v4(0xFFL).next()).isEqualTo(Ip.v4(0x100L));
    assertThat(Ip.v4(0x100L).previous()).isEqualTo(Ip.v4(0xFFL));
  }

  @Test
  void next_atMax_throws() {
    assertThatThrownBy(() -> Ip.max(IpFamily.IPV4).next()).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> Ip.max(IpFamily.IPV6).next()).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> Ip.min(IpFamily.IPV6).previous()).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void compareTo_ipv4BeforeIpv6ThenUnsigned() {
    assertThat(Ip.max(IpFamily.IPV4)).isLessThan(Ip.min(IpFamily.IPV6));
    assertThat(Ip.v6(0x8000_0000_0000_0000L, 0)).isGreaterThan(Ip.v6(1, 0));
    assertThat(Ip.v6(0, -1L)).isLessThan(Ip.v6(1, 0));
  }

  static Ip randomIp(Random random) {
    if (random.nextBoolean()) {
      return Ip.v4(random.nextLong() & 0xFFFF_FFFFL);
    }
    long hi = random.nextLong();
    long lo = random.nextLong();
    // zero groups make the compression rules matter
    for (int g = 0; g < 4; g++) {
      if (random.nextInt(3) == 0) {
        hi &= ~(0xFFFFL << (16 * g));
      }
      if (random.nextInt(3) == 0) {
        lo &= ~(0xFFFFL << (16 * g));
      }
    }
    return Ip.v6(hi, lo);
  }

  static BigInteger value(Ip ip) {
    return new BigInteger(Long.toUnsignedString(ip.hi()))
        .shiftLeft(64)
        .add(new BigInteger(Long.toUnsignedString(ip.lo())));
  }

  private static String text(String s) {
    return Ip.parse(s).orElseThrow().toString();
  }
  @ParameterizedTest
  @ValueSource(
      strings = {
        "10.1.2.3", "0.0.0.0", "255.255.255.255", "::", "::1", "fe80::1", "::ffff:10.1.2.3",
        "", "1", "1.2.3", "1.2.3.4.5", "1.2.3.256", "010.1.1.1", "1..2.3", "1.2.3.4 ", "a.b.c.d",
        ":", "1::2::3", "fe80::1%eth0", "1:2:3:4:5:6:7", "1.2.3.4::", "10.0.0.0/8", "1.2.3.4-1.2.3.5"
      })
  void parseRange_itemInsideLongerText_sameAsParseOfItem(String item) {
    // Surrounding chars that a list reader stops at, and chars that would change the item if
    // they were read: the range must look at its own chars only.
    for (String[] around : new String[][] {{"", ""}, {"9,", ",9"}, {"::,", ",1.2"}, {"x", ":"}}) {
      String text = around[0] + item + around[1];
      int from = around[0].length();
      int to = from + item.length();
      assertThat(Ip.parse(text, from, to)).as("'%s' in '%s'", item, text).isEqualTo(Ip.parse(item));
      long bits = Ip.parseV4Bits(text, from, to);
      Optional<Ip> expected = Ip.parse(item).filter(ip -> ip.family() == IpFamily.IPV4);
      assertThat(bits < 0 ? Optional.empty() : Optional.of(Ip.v4(bits)))
          .as("bits of '%s' in '%s'", item, text)
          .isEqualTo(expected);
    }
  }
}
