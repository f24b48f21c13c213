package dev.rpcwall.emit.netsh;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rpcwall.compiler.semantics.Ip;
import dev.rpcwall.compiler.semantics.IpRange;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class NetshAddressTextTest {

  @Test
  void entry_eachForm_spelledAsNetshAndPowerShellTakeIt() {
    assertThat(NetshAddressText.entry(range("10.1.2.3", "10.1.2.3"))).isEqualTo("10.1.2.3");
    assertThat(NetshAddressText.entry(range("10.1.1.0", "10.1.1.255"))).isEqualTo("10.1.1.0/24");
    assertThat(NetshAddressText.entry(range("10.0.0.1", "10.0.0.9"))).isEqualTo("10.0.0.1-10.0.0.9");
    assertThat(NetshAddressText.entry(range("0.0.0.0", "255.255.255.255"))).isEqualTo("0.0.0.0-255.255.255.255");
    assertThat(NetshAddressText.entry(range("2001:db8::", "2001:db8::ffff"))).isEqualTo("2001:db8::/112");
    assertThat(NetshAddressText.entry(range("::1", "::1"))).isEqualTo("::1");
    assertThat(NetshAddressText.entry(range("::", "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff")))
        .isEqualTo("::-ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff");
  }

  @Test
  void entryLength_everyOctetWidthAndPrefixWidth_isLengthOfEntry() {
    // Octet values at each change of width (1, 2, 3 digits), in every position; single
    // addresses, ranges, and blocks of every prefix length 1..32 (widths 1 and 2).
    int[] octets = {0, 9, 10, 99, 100, 255};
    List<Long> values = new ArrayList<>();
    for (int a : octets) {
      for (int b : octets) {
        for (int c : octets) {
          for (int d : octets) {
            values.add(((long) a << 24) | (b << 16) | (c << 8) | d);
          }
        }
      }
    }
    for (long v : values) {
      check(new IpRange(Ip.v4(v), Ip.v4(v)));
      check(new IpRange(Ip.v4(v), Ip.v4(0xFFFF_FFFFL)));
      for (int prefix = 1; prefix <= 32; prefix++) {
        long size = 1L << (32 - prefix);
        long base = v & ~(size - 1);
        check(new IpRange(Ip.v4(base), Ip.v4(base + size - 1)));
      }
    }
    check(range("2001:db8::", "2001:db8::ffff"));
    check(range("::1", "::2"));
  }

  private static void check(IpRange r) {
    assertThat(NetshAddressText.entryLength(r)).as("%s", r).isEqualTo(NetshAddressText.entry(r).length());
    // netsh's spelling is the model's form (AddressLimits.Entry#of) with canonical addresses.
    assertThat(NetshAddressText.entry(r)).as("%s", r)
        .isEqualTo(dev.rpcwall.compiler.model.AddressLimits.Entry.of(r).toString());
  }

  private static IpRange range(String first, String last) {
    return new IpRange(Ip.parse(first).orElseThrow(), Ip.parse(last).orElseThrow());
  }
}
