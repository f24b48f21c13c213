package dev.rpcwall.emit.powershell;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rpcwall.compiler.semantics.AddressSet;
import dev.rpcwall.compiler.semantics.Ip;
import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import java.util.List;
import org.junit.jupiter.api.Test;

class PsAddressesTest {

  @Test
  void parse_dottedQuadsAtEveryOctetWidth_sameAddressAsTheLibrary() throws Exception {
    // The one address parser reads strict dotted quads itself; the library is the reference.
    int[] octets = {0, 1, 9, 10, 99, 100, 199, 200, 249, 250, 255};
    for (int a : octets) {
      for (int b : octets) {
        for (int c : octets) {
          for (int d : octets) {
            String text = a + "." + b + "." + c + "." + d;
            assertThat(PsAddresses.parse(text)).as(text)
                .isEqualTo(AddressSet.of(v4(new IPAddressString(text).getAddress())));
          }
        }
      }
    }
  }

  @Test
  void parse_ipv6Forms_sameAddressAsTheLibrary() throws Exception {
    for (String text : List.of("fe80::1", "FE80::A", "2001:db8::", "::2", "::ffff:10.1.1.7",
        "1:2:3:4:5:6:1.2.3.4", "1:2:3:4:5:6:7:8", "2001:DB8:0:0:0:0:0:1")) {
      byte[] b = new IPAddressString(text).getAddress().getBytes();
      long hi = 0;
      long lo = 0;
      for (int i = 0; i < 8; i++) {
        hi = (hi << 8) | (b[i] & 0xFF);
        lo = (lo << 8) | (b[8 + i] & 0xFF);
      }
      assertThat(PsAddresses.parse(text)).as(text).isEqualTo(AddressSet.of(Ip.v6(hi, lo)));
    }
  }

  @Test
  void parse_leadingZeros_rejectedNotGuessed() {
    // Octal or decimal? Undocumented for Windows, so the reader reports it instead of choosing.
    assertThatThrownBy(() -> PsAddresses.parse("010.1.1.1")).isInstanceOf(PsAddresses.BadAddress.class)
        .satisfies(e -> assertThat(((PsAddresses.BadAddress) e).hint()).contains("octal"));
    assertThatThrownBy(() -> PsAddresses.parse("10.1.1.01")).isInstanceOf(PsAddresses.BadAddress.class);
    assertThatThrownBy(() -> PsAddresses.parse("1.2.3.08")).isInstanceOf(PsAddresses.BadAddress.class);
  }

  @Test
  void parse_notAddresses_rejected() {
    for (String bad : List.of("256.0.0.1", "1.2.3", "1.2.3.4.5", " 1.2.3.4", "1.2.3.-4",
        "1.2.3.1000", "", "10.1.1.7/24", "fe80::1%eth0")) {
      assertThatThrownBy(() -> PsAddresses.parse(bad)).as(bad)
          .isInstanceOf(PsAddresses.BadAddress.class).hasMessageStartingWith("'" + bad + "': ");
    }
  }

  private static Ip v4(IPAddress lib) {
    long v = 0;
    for (byte x : lib.getBytes()) {
      v = (v << 8) | (x & 0xFF);
    }
    return Ip.v4(v);
  }
}
