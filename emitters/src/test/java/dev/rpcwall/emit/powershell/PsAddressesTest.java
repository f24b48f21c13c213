package dev.rpcwall.emit.powershell;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rpcwall.compiler.semantics.Ip;
import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import java.util.List;
import org.junit.jupiter.api.Test;

class PsAddressesTest {

  @Test
  void plain_dottedQuadsAtEveryOctetWidth_sameAddressAsTheLibrary() throws Exception {
    // plain() reads strict dotted quads itself; the library is the reference for them.
    int[] octets = {0, 1, 9, 10, 99, 100, 199, 200, 249, 250, 255};
    for (int a : octets) {
      for (int b : octets) {
        for (int c : octets) {
          for (int d : octets) {
            String text = a + "." + b + "." + c + "." + d;
            assertThat(PsAddresses.plain(text)).as(text)
                .isEqualTo(v4(new IPAddressString(text).getAddress()));
          }
        }
      }
    }
  }

  @Test
  void plain_leadingZeros_rejectedNotGuessed() {
    // Octal or decimal? Undocumented for Windows, so the reader reports it instead of choosing.
    assertThatThrownBy(() -> PsAddresses.plain("010.1.1.1")).isInstanceOf(PsAddresses.BadAddress.class)
        .hasMessageContaining("leading zero");
    assertThatThrownBy(() -> PsAddresses.plain("10.1.1.01")).isInstanceOf(PsAddresses.BadAddress.class);
    assertThatThrownBy(() -> PsAddresses.plain("1.2.3.08")).isInstanceOf(PsAddresses.BadAddress.class);
  }

  @Test
  void plain_notDottedQuads_rejected() {
    for (String bad : List.of("256.0.0.1", "1.2.3", "1.2.3.4.5", "1.2.3.4/8", " 1.2.3.4", "1.2.3.-4",
        "1.2.3.1000", "")) {
      assertThatThrownBy(() -> PsAddresses.plain(bad)).as(bad).isInstanceOf(PsAddresses.BadAddress.class);
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
