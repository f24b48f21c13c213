package dev.rpcwall.emit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import dev.rpcwall.compiler.diag.Diagnostic;
import dev.rpcwall.compiler.diag.Result;
import dev.rpcwall.compiler.diag.Severity;
import dev.rpcwall.compiler.model.AddressCondition;
import dev.rpcwall.compiler.model.AddressKeyword;
import dev.rpcwall.compiler.model.WfasRule;
import dev.rpcwall.compiler.model.WfasRuleSet;
import dev.rpcwall.compiler.semantics.AddressSet;
import dev.rpcwall.compiler.semantics.Ip;
import dev.rpcwall.compiler.semantics.IpRange;
import dev.rpcwall.compiler.source.SourceFile;
import dev.rpcwall.compiler.testing.Seeded;
import dev.rpcwall.emit.netsh.NetshReader;
import dev.rpcwall.emit.powershell.PowerShellReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The netsh and the PowerShell reader read the same address entries alike (issue 11 point 8):
 * the same addresses and keywords, or both refuse the entry with the same reason. Each list is
 * written once as {@code remoteip=a,b} and once as {@code -RemoteAddress 'a', 'b'}.
 */
class ReadersAgreeOnAddressesTest {

  /** What a reader made of one address list: the condition, or the first error's message. */
  private record Outcome(AddressCondition condition, String refusal) {
    static Outcome of(Result<WfasRuleSet> r, boolean remote) {
      List<Diagnostic> errors =
          r.diagnostics().stream().filter(d -> d.severity() == Severity.ERROR).toList();
      if (!errors.isEmpty()) {
        return new Outcome(null, errors.get(0).message());
      }
      List<WfasRule> rules = r.orElseThrow().rules();
      assertThat(rules).hasSize(1);
      WfasRule rule = rules.get(0);
      return new Outcome(remote ? rule.remoteAddresses() : rule.localAddresses(), null);
    }
  }

  private static Outcome netsh(List<String> entries, boolean remote) {
    String script = "netsh advfirewall firewall add rule name=a dir=in action=block protocol=tcp"
        + " localport=135 " + (remote ? "remoteip=" : "localip=") + String.join(",", entries) + "\n";
    return Outcome.of(new NetshReader().read(new SourceFile("a.cmd", script)), remote);
  }

  private static Outcome powershell(List<String> entries, boolean remote) {
    String script = "New-NetFirewallRule -Name a -DisplayName a -Direction Inbound -Action Block"
        + " -Protocol TCP -LocalPort 135 " + (remote ? "-RemoteAddress " : "-LocalAddress ")
        + entries.stream().map(e -> "'" + e + "'").collect(Collectors.joining(", "));
    return Outcome.of(new PowerShellReader().read(new SourceFile("a.ps1", script)), remote);
  }

  private static void assertAgree(List<String> entries) {
    for (boolean remote : new boolean[] {true, false}) {
      Outcome n = netsh(entries, remote);
      Outcome p = powershell(entries, remote);
      String what = (remote ? "remote " : "local ") + entries;
      if (n.refusal() != null || p.refusal() != null) {
        assertThat(p.refusal()).as(what + " netsh said " + n.refusal()).isNotNull();
        assertThat(n.refusal()).as(what + " PowerShell said " + p.refusal()).isNotNull();
        // Address entries are refused in the same words; keywords on the local side in each
        // reader's own (both cite C7).
        if (!n.refusal().contains("keyword")) {
          assertThat(p.refusal()).as(what).isEqualTo(n.refusal());
        }
      } else {
        assertThat(p.condition()).as(what).isEqualTo(n.condition());
      }
    }
  }

  /** Every form of windows-semantics.md 1.1/3.3/4.1, both families, valid and not, any case. */
  private static final List<String> TABLE = List.of(
      // single addresses at the edges of the sets the readers care about (loopback, ::, families)
      "0.0.0.0", "0.0.0.1", "126.255.255.255", "127.0.0.0", "127.0.0.1", "127.255.255.255",
      "128.0.0.0", "255.255.255.255", "10.1.1.7", "::", "::1", "::2", "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff",
      "fe80::1", "FE80::A", "2001:db8::1", "::ffff:10.1.1.7", "1:2:3:4:5:6:1.2.3.4",
      // CIDR at every edge of the prefix limits (IPv4 1-32, IPv6 1-128) and with host bits
      "10.0.0.0/0", "0.0.0.0/0", "128.0.0.0/1", "10.0.0.0/8", "10.1.1.0/24", "10.1.1.7/24",
      "10.1.1.7/32", "10.1.1.0/33", "10.1.1.0/024", "10.1.1.0/", "127.0.0.0/8", "126.0.0.0/7",
      "::/0", "8000::/1", "2001:db8::/32", "2001:db8::1/64", "::2/127", "::/127", "::1/128",
      "::2/128", "2001:db8::/129", "2001:db8::/48",
      // dotted masks (IPv4 only), contiguous or not
      "10.0.0.0/255.0.0.0", "10.2.0.0/255.255.0.0", "10.2.3.4/255.255.0.0", "10.0.0.0/0.0.0.0",
      "10.1.1.1/255.255.255.255", "10.0.0.0/255.0.255.0", "10.0.0.0/255.255.0.256",
      "2001:db8::/255.255.0.0",
      // ranges, both families, at the loopback and unspecified edges
      "10.0.0.1-10.0.0.9", "10.0.0.9-10.0.0.1", "10.0.0.1-10.0.0.1", "126.0.0.0-128.0.0.0",
      "0.0.0.0-255.255.255.255", "::-ffff::", "::1-::5", "::2-ffff::", "fe80::1-fe80::9",
      "10.0.0.1-::1", "10.0.0.0/8-10.0.0.9", "10.0.0.1-", "-10.0.0.1",
      // not addresses
      "010.1.1.1", "10.1.1.01", "1.2.3", "1.2.3.4.5", "256.0.0.1", "fe80::1::2", "fe80:::1",
      "1.2.3.4/1.2.3.4", "", "x", "dns1",
      // the keywords both readers know (windows-semantics.md 1.1 remoteip row), any case
      "LocalSubnet", "localsubnet", "LOCALSUBNET", "DNS", "dns", "Dhcp", "WINS", "wins",
      "DefaultGateway", "defaultgateway");

  @Test
  void everyFormInTheTable_bothReadersAgree() {
    for (String entry : TABLE) {
      assertAgree(List.of(entry));
      assertAgree(List.of("10.9.9.9", entry));
      assertAgree(List.of(entry, "2001:db8::9"));
    }
  }

  @Test
  void table_isNotAllRefused_andNotAllAccepted() {
    // The agreement above must be about something: both outcomes occur, for both families.
    assertThat(netsh(List.of("fe80::1", "10.1.1.0/24", "10.2.0.0/255.255.0.0", "::2-ffff::",
        "127.0.0.1", "DefaultGateway"), true).condition())
        .isEqualTo(new AddressCondition(false,
            AddressSet.of(List.of(
                range("fe80::1", "fe80::1"), range("10.1.1.0", "10.1.1.255"),
                range("10.2.0.0", "10.2.255.255"), range("::2", "ffff::"),
                range("127.0.0.1", "127.0.0.1"))),
            Set.of(AddressKeyword.DEFAULT_GATEWAY)));
    for (String refused : List.of("10.1.1.7/24", "::1", "10.0.0.0/0", "010.1.1.1")) {
      assertThat(netsh(List.of(refused), true).refusal()).as(refused).isNotNull();
      assertThat(powershell(List.of(refused), true).refusal()).as(refused).isNotNull();
    }
  }

  @Test
  void keywordsNetshDoesNotDocument_areTheOneDifference() {
    // netsh documents only five remote keywords (windows-semantics.md 1.1 remoteip row); the
    // cmdlets document Intranet, Internet and more (4.1). So only PowerShell reads these.
    for (String k : List.of("Intranet", "Internet", "IntranetRemoteAccess", "PlayToDevice",
        "CaptivePortal")) {
      assertThat(netsh(List.of(k), true).refusal()).as(k).isNotNull();
      assertThat(powershell(List.of(k), true).condition()).as(k).isNotNull();
    }
  }

  @Test
  void moreThanAThousandEntries_bothRefuse() {
    List<String> many = new ArrayList<>();
    for (int i = 0; i < 1001; i++) {
      many.add("10.0." + (i / 250) + "." + (i % 250));
    }
    assertAgree(many);
    assertThat(netsh(many, true).refusal()).contains("at most 1000");
    assertAgree(many.subList(0, 1000));
    assertThat(netsh(many.subList(0, 1000), true).refusal()).isNull();
  }

  /**
   * Random entries near every boundary: addresses of both families at the edges of loopback,
   * {@code ::} and the family bounds, +-1; every prefix 0 to 129 on aligned and unaligned bases;
   * every contiguous mask and its neighbours; ranges between any two of those addresses.
   */
  @Test
  void randomEntriesAtTheBoundaries_bothReadersAgree() {
    List<Ip> points = new ArrayList<>();
    for (String s : List.of("0.0.0.0", "127.0.0.0", "127.255.255.255", "255.255.255.255",
        "10.1.1.0", "::", "::1", "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", "2001:db8::")) {
      Ip ip = Ip.parse(s).orElseThrow();
      points.add(ip);
      if (!ip.isMax()) {
        points.add(ip.next());
      }
      if (!ip.isMin()) {
        points.add(ip.previous());
      }
    }
    Seeded.check(qt -> qt.withExamples(400)
        .forAll(lists().of(integers().between(0, Integer.MAX_VALUE)).ofSizeBetween(1, 4))
        .checkAssert(seeds -> {
          List<String> entries = new ArrayList<>();
          for (int seed : seeds) {
            entries.add(entry(points, seed));
          }
          assertAgree(entries);
        }));
  }

  private static String entry(List<Ip> points, int seed) {
    Ip a = points.get(seed % points.size());
    Ip b = points.get((seed / points.size()) % points.size());
    int form = (seed / (points.size() * points.size())) % 4;
    int prefix = (seed / (points.size() * points.size() * 4)) % 130;
    return switch (form) {
      case 0 -> a.toString();
      case 1 -> a + "-" + b;
      case 2 -> a + "/" + prefix;
      default -> {
        int p = prefix % 34; // 0-32, and 33: a non-contiguous mask
        long mask = p == 33 ? 0xFF00FF00L : p == 0 ? 0 : (0xFFFF_FFFFL << (32 - p)) & 0xFFFF_FFFFL;
        yield a + "/" + Ip.v4(mask);
      }
    };
  }

  private static IpRange range(String first, String last) {
    return new IpRange(Ip.parse(first).orElseThrow(), Ip.parse(last).orElseThrow());
  }
}
