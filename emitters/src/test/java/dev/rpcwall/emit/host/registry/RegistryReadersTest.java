package dev.rpcwall.emit.host.registry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rpcwall.emit.host.HostInputs;
import dev.rpcwall.emit.host.ipsec.LegacyIpsecReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Several inputs on one host, and which reader claims which text. */
class RegistryReadersTest {
  private static final String RULES =
      "HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Services\\SharedAccess\\Parameters"
          + "\\FirewallPolicy\\FirewallRules";

  private static HostInputs.Input input(String name, String text) {
    return new HostInputs.Input(name, text.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void aLaterFileReplacesAndDeletesRulesAnEarlierFileWrote() {
    HostInputs.Result r = HostInputs.standard().read(List.of(
        input("a.reg", "REGEDIT4\r\n[" + RULES + "]\r\n"
            + "\"R1\"=\"v2.10|Action=Allow|Active=TRUE|Dir=In|Protocol=6|LPort=135|\"\r\n"
            + "\"R2\"=\"v2.10|Action=Allow|Active=TRUE|Dir=In|Protocol=6|LPort=445|\"\r\n"
            + "\"R3\"=\"v2.10|Action=Allow|Active=TRUE|Dir=In|Protocol=6|LPort=3389|\"\r\n"),
        input("b.txt", RULES + "\r\n"
            + "    r1    REG_SZ    v2.10|Action=Block|Active=TRUE|Dir=In|Protocol=6|LPort=135|\r\n"),
        input("c.reg", "Windows Registry Editor Version 5.00\n[" + RULES + "]\n\"R2\"=-\n"
            + "\"R2\"=\"v2.10|Action=Allow|Active=TRUE|Dir=In|Protocol=17|LPort=53|\"\n")));
    assertThat(r.notes()).isEmpty();
    assertThat(r.files()).extracting(f -> f.file() + " " + f.format() + " " + f.rules())
        .containsExactly("a.reg reg 3", "b.txt reg-query 0", "c.reg reg 0");
    assertThat(r.host().rules()).extracting(h -> h.rule().id() + " " + h.rule().action() + " "
            + h.rule().protocol() + " " + h.rule().origin().source())
        .containsExactly("R3 ALLOW 6 a.reg", "r1 BLOCK 6 b.txt", "R2 ALLOW 17 c.reg");
  }

  @Test
  void aRegedit5FileWithoutItsBomIsReadAsUtf16() {
    String text = "Windows Registry Editor Version 5.00\r\n[" + RULES + "]\r\n"
        + "\"R\"=\"v2.10|Action=Allow|Active=TRUE|Dir=In|Protocol=6|LPort=135|Name=Caf\u00e9|\"\r\n";
    HostInputs.Result r = HostInputs.standard().read(List.of(
        new HostInputs.Input("nobom.reg", text.getBytes(StandardCharsets.UTF_16LE))));
    assertThat(r.notes()).isEmpty();
    assertThat(r.files().get(0).format()).isEqualTo("reg");
    assertThat(r.host().rules()).singleElement().satisfies(h -> {
      assertThat(h.rule().displayName()).isEqualTo("Caf\u00e9");
      assertThat(h.rule().origin().line()).isEqualTo(3);
    });
  }

  @Test
  void recognition() {
    RegFileReader reg = new RegFileReader();
    RegQueryReader query = new RegQueryReader();
    assertThat(reg.recognise("\uFEFFWindows Registry Editor Version 5.00\r\n")).isEqualTo(100);
    assertThat(reg.recognise("\r\nREGEDIT4\r\n")).isEqualTo(100);
    assertThat(reg.recognise("[" + RULES + "]\n\"R\"=\"v2.10|\"\n")).isEqualTo(60);
    assertThat(reg.recognise("netsh advfirewall firewall add rule name=x\n")).isZero();
    assertThat(query.recognise("\r\n" + RULES + "\r\n    R    REG_SZ    v2.10|\r\n")).isEqualTo(90);
    assertThat(query.recognise("reg query " + RULES + "\r\n")).isZero();
    assertThat(new WfwReader().recognise("regf\u0000\u0001")).isEqualTo(100);
    assertThat(new WfwReader().recognise("REGEDIT4")).isZero();
    String mixed = "@echo off\r\nrem x\r\nnetsh advfirewall firewall add rule name=a dir=in"
        + " action=allow\r\nipsecpol -f [*=0:135:TCP]\r\n";
    assertThat(LegacyIpsecReader.ipsecpol().recognise(mixed)).isEqualTo(40 + 55 / 2);
    assertThat(LegacyIpsecReader.ipseccmd().recognise(mixed)).isZero();
    assertThat(LegacyIpsecReader.netshIpsec().recognise(mixed)).isZero();
    assertThat(LegacyIpsecReader.netshIpsec()
        .recognise("netsh -c \"ipsec static\" add policy name=p\r\n")).isEqualTo(95);
    assertThat(LegacyIpsecReader.ipseccmd().recognise("@C:\\tools\\IPSECCMD.EXE -u\r\n"))
        .isEqualTo(95);
  }
}
