package dev.rpcwall.emit.host.registry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rpcwall.compiler.host.HostRule;
import dev.rpcwall.compiler.host.HostStore;
import dev.rpcwall.compiler.model.AddressCondition;
import dev.rpcwall.compiler.model.AddressEntries;
import dev.rpcwall.compiler.model.AddressKeyword;
import dev.rpcwall.compiler.model.AddressLimits;
import dev.rpcwall.compiler.model.Direction;
import dev.rpcwall.compiler.model.PortCondition;
import dev.rpcwall.compiler.model.PortKeyword;
import dev.rpcwall.compiler.model.RuleAction;
import dev.rpcwall.compiler.model.WfasRule;
import dev.rpcwall.compiler.semantics.AddressSet;
import dev.rpcwall.compiler.semantics.Ip;
import dev.rpcwall.compiler.semantics.IpFamily;
import dev.rpcwall.compiler.semantics.IpRange;
import dev.rpcwall.compiler.semantics.PortRange;
import dev.rpcwall.compiler.semantics.PortSet;
import dev.rpcwall.compiler.semantics.Profile;
import dev.rpcwall.compiler.source.SourceSpan;
import dev.rpcwall.compiler.testing.Seeded;
import dev.rpcwall.emit.host.HostInputs;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.SourceDSL;

/**
 * Random Windows Firewall rules, written as registry rule strings by a writer of this test (the
 * inverse of windows-semantics.md 3.3), put in a REGEDIT5 file (UTF-16LE, escapes) under the local
 * or Group Policy FirewallRules key, read back through {@link HostInputs#standard()}: every rule
 * comes back equal, in its store, on its line. Ports cover 0 and 65535 and every size; addresses
 * are single, CIDR blocks and ranges of both families, with the ends next to each other's
 * neighbours. Failures print the seed.
 */
class RuleStringRoundTripTest {
  private static final String LOCAL =
      "HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Services\\SharedAccess\\Parameters"
          + "\\FirewallPolicy\\FirewallRules";
  private static final String GPO =
      "HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\Microsoft\\WindowsFirewall\\FirewallRules";

  /** A rule string for {@code r} of version {@code 2.minor} (the test's writer). */
  static String write(WfasRule r, int minor) {
    StringBuilder sb = new StringBuilder("v2.").append(minor).append('|');
    sb.append("Action=").append(switch (r.action()) {
      case ALLOW -> "Allow";
      case BLOCK -> "Block";
      case BYPASS -> "ByPass";
    }).append('|');
    if (r.enabled()) {
      sb.append("Active=TRUE|");
    } else if (minor % 2 == 0) {
      sb.append("Active=FALSE|"); // else left out: absent means disabled
    }
    sb.append("Dir=").append(r.direction() == Direction.IN ? "In" : "Out").append('|');
    if (r.protocol() != WfasRule.ANY_PROTOCOL) {
      sb.append("Protocol=").append(r.protocol()).append('|');
    }
    for (Profile p : r.profiles().stream().sorted().toList()) {
      sb.append("Profile=").append(switch (p) {
        case DOMAIN -> "Domain";
        case PRIVATE -> "Private";
        case PUBLIC -> "Public";
      }).append('|');
    }
    ports(sb, "LPort", r.localPorts());
    ports(sb, "RPort", r.remotePorts());
    addresses(sb, "LA", r.localAddresses());
    addresses(sb, "RA", r.remoteAddresses());
    r.program().ifPresent(p -> sb.append("App=").append(p).append('|'));
    r.service().ifPresent(p -> sb.append("Svc=").append(p).append('|'));
    sb.append("Name=").append(r.displayName()).append('|');
    r.description().ifPresent(p -> sb.append("Desc=").append(p).append('|'));
    r.group().ifPresent(p -> sb.append("EmbedCtxt=").append(p).append('|'));
    return sb.toString();
  }

  private static void ports(StringBuilder sb, String key, PortCondition c) {
    for (PortRange range : c.ports().ranges()) {
      if (range.first() == range.last()) {
        sb.append(key).append('=').append(range.first()).append('|');
      } else {
        sb.append(key).append("2_10=").append(range.first()).append('-').append(range.last())
            .append('|');
      }
    }
    for (PortKeyword k : c.keywords()) {
      sb.append(key).append(switch (k) {
        case RPC -> "=RPC";
        case RPC_EPMAP -> "=RPC-EPMap";
        case TEREDO -> "=Teredo";
        case IPHTTPS_IN -> "2_10=IPHTTPSIn";
        case IPHTTPS_OUT -> "2_10=IPHTTPSOut";
        case DHCP -> "2_20=DHCP";
        case PLAY_TO_DISCOVERY -> "2_20=Ply2Disc";
        case MDNS -> "2_20=mDNS";
        case CORTANA_OUT -> "2_20=CortanaOut";
        case PROXIMAL_TCP_CDP -> "2_20=TcpCDPSvc";
      }).append('|');
    }
  }

  private static void addresses(StringBuilder sb, String key, AddressCondition c) {
    for (IpRange range : c.addresses().ranges()) {
      String family = range.first().family() == IpFamily.IPV4 ? "4" : "6";
      sb.append(key).append(family).append('=').append(AddressLimits.Entry.of(range)).append('|');
    }
    for (AddressKeyword k : c.keywords()) {
      sb.append(switch (k) {
        case LOCAL_SUBNET -> key + "4=LocalSubnet";
        case DNS -> key + "6=DNS";
        case DHCP -> key + "4=DHCP";
        case WINS -> key + "4=WINS";
        case DEFAULT_GATEWAY -> key + "6=DefaultGateway";
        case INTRANET -> key + "42=IntrAnet";
        case INTERNET -> key + "42=IntErnet";
        case PLAY_TO_DEVICE -> key + "62=Ply2Renders";
        case REMOTE_INTRANET -> key + "42=RmtIntrAnet";
        case CAPTIVE_PORTAL -> key + "62=CaptivePortal";
      }).append('|');
    }
  }

  /** {@code s} as a .reg string: backslashes and quotes escaped. */
  static String regString(String s) {
    return '"' + s.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
  }

  // Generators
  // ==========

  private static PortSet portSet(Random rnd) {
    List<PortRange> ranges = new ArrayList<>();
    int n = 1 + rnd.nextInt(4);
    for (int i = 0; i < n; i++) {
      int first = switch (rnd.nextInt(5)) {
        case 0 -> 0;
        case 1 -> 65535;
        case 2 -> 135 + rnd.nextInt(3) - 1;
        default -> rnd.nextInt(65536);
      };
      int size = switch (rnd.nextInt(4)) {
        case 0 -> 1;
        case 1 -> 2;
        case 2 -> 1 + rnd.nextInt(100);
        default -> 1 + rnd.nextInt(65536);
      };
      ranges.add(PortRange.of(first, (int) Math.min(65535, (long) first + size - 1)));
    }
    return PortSet.of(ranges);
  }

  private static AddressSet addressSet(Random rnd) {
    List<IpRange> ranges = new ArrayList<>();
    int n = 1 + rnd.nextInt(4);
    for (int i = 0; i < n; i++) {
      if (rnd.nextBoolean()) {
        // IPv4 in 1.0.0.0-223.255.255.255, blocks and ranges with neighbouring ends.
        long base = 0x0100_0000L + Math.floorMod(rnd.nextLong(), 0xDEFF_FFFFL);
        int bits = rnd.nextInt(9) * (rnd.nextBoolean() ? 1 : 3);
        long first = bits == 0 ? base : base & ~((1L << bits) - 1);
        long last = rnd.nextInt(3) == 0 ? first + rnd.nextInt(3) : first + (1L << bits) - 1;
        last = Math.min(last, 0xDFFF_FFFFL);
        ranges.add(new IpRange(Ip.v4(first), Ip.v4(last)));
      } else {
        // IPv6 in 2000::/3, away from :: and ::1.
        long hi = 0x2000_0000_0000_0000L | (rnd.nextLong() & 0x0FFF_FFFF_FFFF_FFFFL);
        long lo = rnd.nextLong();
        int bits = rnd.nextInt(4) * 16;
        long firstLo = bits == 0 ? lo : lo & ~((1L << bits) - 1);
        long lastLo = bits == 0 ? firstLo + rnd.nextInt(2) : firstLo + (1L << bits) - 1;
        if (Long.compareUnsigned(lastLo, firstLo) < 0) {
          lastLo = firstLo;
        }
        ranges.add(new IpRange(Ip.v6(hi, firstLo), Ip.v6(hi, lastLo)));
      }
    }
    return AddressSet.of(ranges);
  }

  private static WfasRule rule(long seed, int index) {
    Random rnd = new Random(seed);
    Direction dir = rnd.nextInt(4) == 0 ? Direction.OUT : Direction.IN;
    RuleAction action = switch (rnd.nextInt(5)) {
      case 0, 1 -> RuleAction.ALLOW;
      case 2, 3 -> RuleAction.BLOCK;
      default -> dir == Direction.IN ? RuleAction.BYPASS : RuleAction.ALLOW;
    };
    int protocol = switch (rnd.nextInt(6)) {
      case 0, 1 -> 6;
      case 2 -> 17;
      case 3 -> WfasRule.ANY_PROTOCOL;
      case 4 -> rnd.nextBoolean() ? 0 : 255;
      default -> rnd.nextInt(256);
    };
    PortCondition local = PortCondition.ANY;
    PortCondition remote = PortCondition.ANY;
    if (protocol == 6 || protocol == 17) {
      if (rnd.nextBoolean()) {
        Set<PortKeyword> keys = EnumSet.noneOf(PortKeyword.class);
        if (protocol == 6 && dir == Direction.IN && rnd.nextInt(3) == 0) {
          keys.add(rnd.nextBoolean() ? PortKeyword.RPC : PortKeyword.RPC_EPMAP);
        }
        if (rnd.nextInt(5) == 0) {
          keys.add(PortKeyword.MDNS);
        }
        PortSet ports = rnd.nextInt(4) == 0 && !keys.isEmpty() ? PortSet.empty() : portSet(rnd);
        local = new PortCondition(false, ports, keys);
      }
      if (rnd.nextInt(3) == 0) {
        Set<PortKeyword> keys = rnd.nextInt(4) == 0 ? Set.of(PortKeyword.IPHTTPS_OUT) : Set.of();
        remote = new PortCondition(false, portSet(rnd), keys);
      }
    }
    AddressCondition la = rnd.nextInt(3) == 0 ? AddressCondition.of(addressSet(rnd))
        : AddressCondition.ANY;
    AddressCondition ra = AddressCondition.ANY;
    if (rnd.nextBoolean()) {
      Set<AddressKeyword> keys = EnumSet.noneOf(AddressKeyword.class);
      for (AddressKeyword k : AddressKeyword.values()) {
        if (rnd.nextInt(8) == 0) {
          keys.add(k);
        }
      }
      AddressSet set = keys.isEmpty() || rnd.nextBoolean() ? addressSet(rnd) : AddressSet.empty();
      ra = new AddressCondition(false, set, keys);
    }
    Set<Profile> profiles = EnumSet.noneOf(Profile.class);
    for (Profile p : Profile.values()) {
      if (rnd.nextInt(3) == 0) {
        profiles.add(p);
      }
    }
    String name = rnd.nextBoolean() ? "Rule " + index + " \"quoted\" \u00e9\u4e2d" : "R" + index;
    Optional<String> program = rnd.nextBoolean()
        ? Optional.of("%SystemRoot%\\system32\\svchost" + index + ".exe") : Optional.empty();
    Optional<String> service = rnd.nextBoolean()
        ? Optional.of(rnd.nextBoolean() ? "*" : "RpcSs") : Optional.empty();
    return new WfasRule("{rule-" + index + "}", name,
        rnd.nextBoolean() ? Optional.of("@FirewallAPI.dll,-" + index) : Optional.empty(),
        rnd.nextBoolean() ? Optional.of("described = " + index) : Optional.empty(),
        dir, action, protocol, local, remote, la, ra, profiles, rnd.nextBoolean(), program, service,
        SourceSpan.UNKNOWN);
  }

  private static Gen<Long> seeds() {
    return SourceDSL.longs().all();
  }

  @Test
  void randomRulesComeBackEqualThroughARegExport() {
    Seeded.check(qt -> qt.withExamples(Integer.getInteger("rpcwall.examples.regroundtrip", 40))
        .forAll(seeds()).checkAssert(seed -> {
          Random rnd = new Random(seed);
          int count = 1 + rnd.nextInt(12);
          List<WfasRule> rules = new ArrayList<>();
          List<HostStore> stores = new ArrayList<>();
          StringBuilder reg = new StringBuilder("Windows Registry Editor Version 5.00\r\n");
          int line = 1;
          HostStore current = null;
          for (int i = 0; i < count; i++) {
            WfasRule r = rule(rnd.nextLong(), i);
            HostStore store = rnd.nextBoolean() ? HostStore.LOCAL : HostStore.GPO;
            if (store != current) {
              reg.append("\r\n[").append(store == HostStore.LOCAL ? LOCAL : GPO).append("]\r\n");
              line += 2;
              current = store;
            }
            int minor = 10 + rnd.nextInt(24);
            String text = write(r, minor);
            reg.append(regString(r.id())).append('=').append(regString(text)).append("\r\n");
            line++;
            rules.add(new WfasRule(r.id(), r.displayName(), r.group(), r.description(),
                r.direction(), r.action(), r.protocol(), r.localPorts(), r.remotePorts(),
                r.localAddresses(), r.remoteAddresses(), r.profiles(), r.enabled(), r.program(),
                r.service(), SourceSpan.at("rt.reg", line, 1, 0)));
            stores.add(store);
          }
          ByteArrayOutputStream bytes = new ByteArrayOutputStream();
          bytes.write(0xFF);
          bytes.write(0xFE);
          bytes.writeBytes(reg.toString().getBytes(StandardCharsets.UTF_16LE));
          HostInputs.Result result = HostInputs.standard()
              .read(List.of(new HostInputs.Input("rt.reg", bytes.toByteArray())));
          assertThat(result.notes()).as(reg.toString()).isEmpty();
          assertThat(result.files().get(0).format()).isEqualTo("reg");
          List<HostRule> got = result.host().rules();
          assertThat(got).hasSameSizeAs(rules);
          for (int i = 0; i < rules.size(); i++) {
            HostRule h = got.get(i);
            assertThat(h.store()).isEqualTo(stores.get(i));
            WfasRule want = rules.get(i);
            WfasRule have = h.rule();
            assertThat(have.origin().line()).isEqualTo(want.origin().line());
            assertThat(new WfasRule(have.id(), have.displayName(), have.group(),
                have.description(), have.direction(), have.action(), have.protocol(),
                have.localPorts(), have.remotePorts(), have.localAddresses(),
                have.remoteAddresses(), have.profiles(), have.enabled(), have.program(),
                have.service(), want.origin(), have.otherConditions()))
                .as(write(want, 33)).isEqualTo(want);
          }
        }));
  }

  @Test
  void theWriterAndReaderAgreeOnEveryPortAtTheEdges() {
    // Every port 0-65535 as a single LPort token, and the ranges ending on each neighbour of the
    // edges: read back as exactly that port set.
    for (int port = 0; port <= 65535; port++) {
      var p = dev.rpcwall.compiler.host.FirewallRuleStrings.parse("r",
          "v2.10|Action=Allow|Dir=In|Protocol=17|LPort=" + port + "|", SourceSpan.UNKNOWN);
      assertThat(p.rule()).as("port " + port).isPresent();
      assertThat(p.rule().get().localPorts().ports()).isEqualTo(PortSet.of(port));
    }
    for (int[] r : new int[][] {{0, 1}, {0, 65535}, {65534, 65535}, {134, 136}, {1, 65534}}) {
      var p = dev.rpcwall.compiler.host.FirewallRuleStrings.parse("r",
          "v2.10|Action=Allow|Dir=In|Protocol=6|LPort2_10=" + r[0] + "-" + r[1] + "|",
          SourceSpan.UNKNOWN);
      assertThat(p.rule().get().localPorts().ports()).isEqualTo(PortSet.of(r[0], r[1]));
    }
  }

  @Test
  void theAddressEntryFormsReadBack() {
    for (String entry : new String[] {"10.0.0.0/8", "10.0.0.1-10.0.0.2", "1.0.0.0",
        "223.255.255.255", "2001:db8::/32", "2001:db8::1-2001:db8::2"}) {
      AddressEntries.Ok ok = (AddressEntries.Ok) AddressEntries.parse(entry);
      String key = entry.contains(":") ? "RA6" : "RA4";
      var p = dev.rpcwall.compiler.host.FirewallRuleStrings.parse("r",
          "v2.10|Action=Allow|Dir=In|" + key + "=" + entry + "|", SourceSpan.UNKNOWN);
      assertThat(p.rule().get().remoteAddresses().addresses()).as(entry).isEqualTo(ok.set());
    }
  }
}
