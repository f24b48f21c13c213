package dev.rpcwall.compiler.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rpcwall.compiler.model.AddressEntries.Bad;
import dev.rpcwall.compiler.model.AddressEntries.Ok;
import dev.rpcwall.compiler.semantics.AddressSet;
import dev.rpcwall.compiler.semantics.Cidr;
import dev.rpcwall.compiler.semantics.Ip;
import dev.rpcwall.compiler.semantics.IpFamily;
import dev.rpcwall.compiler.semantics.IpRange;
import java.util.Optional;
import java.util.Random;
import org.apache.commons.net.util.SubnetUtils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AddressEntriesTest {

  private static Ip ip(String s) {
    return Ip.parse(s).orElseThrow();
  }

  private static Ok ok(String text) {
    AddressEntries.Parsed p = AddressEntries.parse(text);
    assertThat(p).as(text).isInstanceOf(Ok.class);
    return (Ok) p;
  }

  private static Bad bad(String text) {
    AddressEntries.Parsed p = AddressEntries.parse(text);
    assertThat(p).as(text).isInstanceOf(Bad.class);
    return (Bad) p;
  }

  @Test
  void parse_host_givesSingleAddress() {
    assertThat(ok("10.1.1.7").set().ranges()).containsExactly(new IpRange(ip("10.1.1.7"), ip("10.1.1.7")));
    assertThat(ok("fe80::1").set().ranges()).containsExactly(new IpRange(ip("fe80::1"), ip("fe80::1")));
    assertThat(ok("10.1.1.7").hostBitsMeant()).isEmpty();
  }

  @Test
  void parse_cidr_givesBlock() {
    Ok v4 = ok("10.1.1.0/24");
    assertThat(v4.set().toCidrs()).containsExactly(new Cidr(ip("10.1.1.0"), 24));
    assertThat(v4.hostBitsMeant()).isEmpty();
    assertThat(ok("2001:db8:20::/48").set().toCidrs()).containsExactly(new Cidr(ip("2001:db8:20::"), 48));
    assertThat(ok("0.0.0.0/0").set()).isEqualTo(AddressSet.all(IpFamily.IPV4));
    assertThat(ok("::/0").set()).isEqualTo(AddressSet.all(IpFamily.IPV6));
  }

  @Test
  void parse_cidrWithHostBits_givesNetworkAndWhatWasMeant() {
    Ok p = ok("10.1.1.7/24");
    assertThat(p.set()).isEqualTo(ok("10.1.1.0/24").set());
    assertThat(p.hostBitsMeant()).contains(new Cidr(ip("10.1.1.0"), 24));
    assertThat(ok("2001:db8::1/64").hostBitsMeant()).contains(new Cidr(ip("2001:db8::"), 64));
    assertThat(ok("10.2.3.4/255.255.0.0").hostBitsMeant()).contains(new Cidr(ip("10.2.0.0"), 16));
  }

  @Test
  void parse_dottedMask_givesBlock() {
    Ok p = ok("10.2.0.0/255.255.0.0");
    assertThat(p.set()).isEqualTo(ok("10.2.0.0/16").set());
    assertThat(p.hostBitsMeant()).isEmpty();
    assertThat(ok("0.0.0.0/0.0.0.0").set()).isEqualTo(AddressSet.all(IpFamily.IPV4));
    assertThat(ok("10.1.1.1/255.255.255.255").set()).isEqualTo(ok("10.1.1.1").set());
  }

  @Test
  void parse_range_givesInterval() {
    assertThat(ok("192.168.6.1-192.168.6.50").set().ranges())
        .containsExactly(new IpRange(ip("192.168.6.1"), ip("192.168.6.50")));
    assertThat(ok("fe80::1-fe80::9").set().ranges()).containsExactly(new IpRange(ip("fe80::1"), ip("fe80::9")));
    assertThat(ok("10.0.0.1-10.0.0.1").set().rangeCount()).isEqualTo(1);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "10.1.1.256              | invalid IPv4 address '10.1.1.256'",
        "010.1.1.1               | invalid IPv4 address '010.1.1.1'",
        "10.1.1.0/33             | prefix /33 is out of range for IPv4 (0-32)",
        "2001:db8::/129          | prefix /129 is out of range for IPv6 (0-128)",
        "10.2.0.0/255.0.255.0    | mask 255.0.255.0 is not contiguous",
        "10.2.0.0/255.255.0.256  | invalid IPv4 mask '255.255.0.256'",
        "fe80::1::2              | malformed IPv6 address 'fe80::1::2'",
        "10.0.0.9-10.0.0.1       | range end 10.0.0.1 is below its start 10.0.0.9",
        "10.0.0.1-::1            | range mixes IPv4 and IPv6: '10.0.0.1-::1'",
        "fe80::1%eth0            | zone index '%eth0' is not allowed in 'fe80::1%eth0'",
        "2001:db8::/255.255.0.0  | a dotted mask is only valid for IPv4: '2001:db8::/255.255.0.0'",
        "10.0.0.0/024            | invalid prefix '/024'",
        "10.0.0.0/               | invalid prefix '/'",
        "10.0.0.0/8-10.0.0.9     | a range cannot have a prefix: '10.0.0.0/8-10.0.0.9'",
        "10.0.0.1-               | missing address",
      })
  void parse_invalid_saysWhy(String text, String message) {
    Bad b = bad(text);
    assertThat(b.message()).isEqualTo(message);
    assertThat(b.hint()).isNotBlank();
  }

  @Test
  void parse_empty_isBad() {
    assertThat(bad("").message()).isEqualTo("empty address");
  }

  @Test
  void parse_leadingZero_hintExplainsOctal() {
    assertThat(bad("10.01.1.1").hint()).contains("octal");
  }

  /** Commons Net SubnetUtils as an independent IPv4 oracle for CIDR and dotted-mask membership. */
  @Test
  void parse_randomCidrsAndMasks_agreeWithSubnetUtils() {
    Random random = new Random(20260101);
    for (int i = 0; i < 5_000; i++) {
      long address = random.nextLong() & 0xFFFF_FFFFL;
      int prefix = 1 + random.nextInt(32);
      String base = Ip.v4(address).toString();
      long mask = (0xFFFF_FFFFL << (32 - prefix)) & 0xFFFF_FFFFL;
      String cidrText = base + "/" + prefix;
      String maskText = base + "/" + Ip.v4(mask);
      SubnetUtils oracle = new SubnetUtils(cidrText);
      oracle.setInclusiveHostCount(true);
      SubnetUtils maskOracle = new SubnetUtils(base, Ip.v4(mask).toString());
      maskOracle.setInclusiveHostCount(true);
      AddressSet fromCidr = ok(cidrText).set();
      AddressSet fromMask = ok(maskText).set();
      assertThat(fromMask).isEqualTo(fromCidr);
      long network = address & mask;
      long broadcast = network | (~mask & 0xFFFF_FFFFL);
      assertThat(ok(cidrText).hostBitsMeant().isPresent()).isEqualTo(network != address);
      for (long probe :
          new long[] {network - 1, network, network + 1, broadcast - 1, broadcast, broadcast + 1, address}) {
        // SubnetUtils.isInRange answers false for 0.0.0.0 whatever the subnet, so it is no oracle there
        if (probe <= 0 || probe > 0xFFFF_FFFFL) {
          continue;
        }
        String p = Ip.v4(probe).toString();
        assertThat(fromCidr.contains(Ip.v4(probe))).as("%s in %s", p, cidrText).isEqualTo(oracle.getInfo().isInRange(p));
        assertThat(fromMask.contains(Ip.v4(probe))).as("%s in %s", p, maskText).isEqualTo(maskOracle.getInfo().isInRange(p));
      }
      assertThat(fromCidr.toCidrs()).containsExactly(new Cidr(ip(oracle.getInfo().getNetworkAddress()), prefix));
      assertThat(Optional.of(fromCidr.ranges().get(0).last().toString())).contains(oracle.getInfo().getBroadcastAddress());
    }
  }

  @Test
  void parse_partOfALongerText_sameAsTheItemAlone() {
    String list = "DNS,10.1.1.0/24,fe80::1-fe80::9,10.2.0.0/255.255.0.0,1.2.3.4,,x";
    int from = 0;
    for (String item : list.split(",", -1)) {
      assertThat(AddressEntries.parse(list, from, from + item.length()))
          .as(item).isEqualTo(AddressEntries.parse(item));
      from += item.length() + 1;
    }
  }

  @Test
  void windowsRefusal_limitsAndHostBits_otherwiseNone() {
    assertThat(ok("10.1.1.0/24").windowsRefusal()).isEmpty();
    assertThat(ok("::2-ffff::").windowsRefusal()).isEmpty();
    assertThat(ok("10.1.1.7/24").windowsRefusal()).get().asString().startsWith("host bits");
    assertThat(ok("10.0.0.0/0").windowsRefusal()).get().asString().contains("mask of 0");
    assertThat(ok("::1").windowsRefusal()).get().asString().contains("loopback");
    assertThat(ok("::/127").windowsRefusal()).isPresent();
  }
}
