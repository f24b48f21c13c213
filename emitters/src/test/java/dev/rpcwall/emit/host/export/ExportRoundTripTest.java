package dev.rpcwall.emit.host.export;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rpcwall.compiler.host.HostNote;
import dev.rpcwall.compiler.host.HostReader;
import dev.rpcwall.compiler.host.HostRule;
import dev.rpcwall.compiler.host.HostState;
import dev.rpcwall.compiler.host.HostStore;
import dev.rpcwall.compiler.model.AddressCondition;
import dev.rpcwall.compiler.model.AddressKeyword;
import dev.rpcwall.compiler.model.Direction;
import dev.rpcwall.compiler.model.PortCondition;
import dev.rpcwall.compiler.model.PortKeyword;
import dev.rpcwall.compiler.model.RuleAction;
import dev.rpcwall.compiler.model.WfasRule;
import dev.rpcwall.compiler.semantics.AddressSet;
import dev.rpcwall.compiler.semantics.Ip;
import dev.rpcwall.compiler.semantics.IpRange;
import dev.rpcwall.compiler.semantics.PortRange;
import dev.rpcwall.compiler.semantics.PortSet;
import dev.rpcwall.compiler.semantics.Profile;
import dev.rpcwall.compiler.source.SourceFile;
import dev.rpcwall.compiler.source.SourceSpan;
import dev.rpcwall.compiler.testing.Seeded;
import dev.rpcwall.emit.host.HostInputs;
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
 * Random rule sets written in each export format by {@link ExportWriter} read back to the same
 * rules (origin aside), with no note and no unknown condition: the readers lose nothing an export
 * keeps. Ports at every boundary (0, 1, 134-136, 65534, 65535, ...), addresses of both families.
 */
class ExportRoundTripTest {
  private static final int[] PORTS = {0, 1, 134, 135, 136, 444, 445, 446, 1023, 1024, 5000, 5001,
      49151, 49152, 65534, 65535};
  private static final String[] WORDS = {"RPC", "Endpoint", "Mapper", "(TCP-In)", "a,b", "x;y",
      "\"quoted\"", "100%", "C:\\dir", "'single'", "<tag>", "&", "\u00fc", "WMI", "Remote", "-"};

  @Test
  void csvComma_roundTrips() {
    check(new CsvExportReader(), "csv", true, (rules, r) ->
        ExportWriter.csv(rules, ',', r.nextBoolean(), r.nextBoolean()));
  }

  @Test
  void csvSemicolon_roundTrips() {
    check(new CsvExportReader(), "csv", true, (rules, r) ->
        ExportWriter.csv(rules, ';', r.nextBoolean(), r.nextBoolean()));
  }

  @Test
  void jsonNumbers_roundTrips() {
    check(new JsonExportReader(), "json", true, (rules, r) ->
        ExportWriter.json(rules, true, r.nextBoolean()));
  }

  @Test
  void jsonStrings_roundTrips() {
    check(new JsonExportReader(), "json", true, (rules, r) ->
        ExportWriter.json(rules, false, r.nextBoolean()));
  }

  @Test
  void formatList_roundTrips() {
    check(new FormatListReader(), "format-list", false, (rules, r) -> ExportWriter.formatList(rules));
  }

  @Test
  void formatTable_roundTrips() {
    check(new FormatTableReader(), "format-table", false,
        (rules, r) -> ExportWriter.formatTable(rules));
  }

  private interface Writer {
    String write(List<HostRule> rules, Random r);
  }

  private static void check(HostReader reader, String format, boolean newlines, Writer writer) {
    Gen<Long> seeds = SourceDSL.longs().all();
    Seeded.check(qt -> qt.withExamples(150).forAll(seeds).checkAssert(seed -> {
      Random r = new Random(seed);
      List<HostRule> rules = rules(r, newlines);
      String text = writer.write(rules, r);
      if (r.nextBoolean()) {
        text = text.replace("\n", "\r\n");
      }
      HostState host = new HostState();
      List<HostNote> notes = new ArrayList<>();
      reader.read(new SourceFile("rt", text), host, notes);
      assertThat(Described.notes(notes)).as(text).isEmpty();
      assertThat(normalized(host.rules())).as(text).isEqualTo(normalized(rules));

      byte[] bytes = switch (r.nextInt(3)) {
        case 0 -> text.getBytes(StandardCharsets.UTF_8);
        case 1 -> concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF},
            text.getBytes(StandardCharsets.UTF_8));
        default -> concat(new byte[] {(byte) 0xFF, (byte) 0xFE},
            text.getBytes(StandardCharsets.UTF_16LE));
      };
      HostInputs.Result all = HostInputs.standard().read(List.of(new HostInputs.Input("rt", bytes)));
      assertThat(all.files().get(0).format()).isEqualTo(format);
      assertThat(normalized(all.host().rules())).isEqualTo(normalized(rules));
    }));
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = new byte[a.length + b.length];
    System.arraycopy(a, 0, out, 0, a.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  private static List<String> normalized(List<HostRule> rules) {
    List<String> out = new ArrayList<>();
    for (HostRule h : rules) {
      WfasRule r = h.rule();
      WfasRule n = new WfasRule(r.id(), r.displayName(), r.group(), r.description(), r.direction(),
          r.action(), r.protocol(), r.localPorts(), r.remotePorts(), r.localAddresses(),
          r.remoteAddresses(), r.profiles(), r.enabled(), r.program(), r.service(),
          SourceSpan.UNKNOWN, r.otherConditions());
      out.add(n + " " + h.store());
    }
    return out;
  }

  // ---- random rules ----------------------------------------------------------------------------

  static List<HostRule> rules(Random r, boolean newlines) {
    List<HostRule> out = new ArrayList<>();
    int n = 1 + r.nextInt(6);
    for (int i = 0; i < n; i++) {
      out.add(rule(r, i, newlines));
    }
    return out;
  }

  private static String words(Random r, int max) {
    List<String> w = new ArrayList<>();
    int n = 1 + r.nextInt(max);
    for (int i = 0; i < n; i++) {
      w.add(WORDS[r.nextInt(WORDS.length)]);
    }
    return String.join(" ", w);
  }

  private static HostRule rule(Random r, int i, boolean newlines) {
    Direction dir = r.nextInt(4) == 0 ? Direction.OUT : Direction.IN;
    RuleAction action = switch (r.nextInt(5)) {
      case 0, 1 -> RuleAction.ALLOW;
      case 2, 3 -> RuleAction.BLOCK;
      default -> dir == Direction.IN ? RuleAction.BYPASS : RuleAction.ALLOW;
    };
    int[] protocols = {6, 6, 17, WfasRule.ANY_PROTOCOL, 1, 58, 47, 0, 255};
    int protocol = protocols[r.nextInt(protocols.length)];
    boolean ports = protocol == 6 || protocol == 17;
    PortCondition local = ports ? ports(r, protocol == 6 && dir == Direction.IN) : PortCondition.ANY;
    PortCondition remote = ports ? ports(r, false) : PortCondition.ANY;
    Set<Profile> profiles = EnumSet.noneOf(Profile.class);
    if (r.nextBoolean()) {
      profiles.add(Profile.values()[r.nextInt(3)]);
      if (r.nextBoolean()) {
        profiles.add(Profile.values()[r.nextInt(3)]);
      }
      if (profiles.size() == 3) {
        profiles.clear();
      }
    }
    String description = r.nextBoolean() ? null
        : words(r, 5) + (newlines && r.nextBoolean() ? "\nsecond line" : "");
    Optional<String> group = switch (r.nextInt(3)) {
      case 0 -> Optional.empty();
      case 1 -> Optional.of("@FirewallAPI.dll,-28502");
      default -> Optional.of("Remote Management");
    };
    Optional<String> program = switch (r.nextInt(3)) {
      case 0 -> Optional.empty();
      case 1 -> Optional.of("%SystemRoot%\\system32\\svchost.exe");
      default -> Optional.of("C:\\Program Files\\App " + r.nextInt(10) + "\\app.exe");
    };
    Optional<String> service = switch (r.nextInt(4)) {
      case 0, 1 -> Optional.empty();
      case 2 -> Optional.of("RpcSs");
      default -> Optional.of("*");
    };
    WfasRule rule = new WfasRule("Rule-" + i + "-" + Integer.toHexString(r.nextInt(4096)),
        words(r, 4), group, Optional.ofNullable(description), dir, action, protocol, local, remote,
        addresses(r, false), addresses(r, true), profiles, r.nextBoolean(), program, service,
        SourceSpan.UNKNOWN);
    return new HostRule(rule, r.nextBoolean() ? HostStore.LOCAL : HostStore.GPO);
  }

  private static PortCondition ports(Random r, boolean rpcKeywords) {
    if (r.nextInt(3) == 0) {
      return PortCondition.ANY;
    }
    Set<PortKeyword> keywords = EnumSet.noneOf(PortKeyword.class);
    if (rpcKeywords && r.nextInt(3) == 0) {
      keywords.add(r.nextBoolean() ? PortKeyword.RPC : PortKeyword.RPC_EPMAP);
    }
    List<PortRange> ranges = new ArrayList<>();
    int n = keywords.isEmpty() ? 1 + r.nextInt(4) : r.nextInt(3);
    for (int k = 0; k < n; k++) {
      int a = r.nextInt(4) == 0 ? r.nextInt(65536) : PORTS[r.nextInt(PORTS.length)];
      int b = r.nextBoolean() ? a : PORTS[r.nextInt(PORTS.length)];
      ranges.add(PortRange.of(Math.min(a, b), Math.max(a, b)));
    }
    return new PortCondition(false, PortSet.of(ranges), keywords);
  }

  private static AddressCondition addresses(Random r, boolean remote) {
    if (r.nextInt(3) == 0) {
      return AddressCondition.ANY;
    }
    Set<AddressKeyword> keywords = EnumSet.noneOf(AddressKeyword.class);
    if (remote && r.nextInt(3) == 0) {
      AddressKeyword[] k = {AddressKeyword.LOCAL_SUBNET, AddressKeyword.INTERNET,
          AddressKeyword.DNS, AddressKeyword.DEFAULT_GATEWAY};
      keywords.add(k[r.nextInt(k.length)]);
    }
    List<AddressSet> sets = new ArrayList<>();
    int n = keywords.isEmpty() ? 1 + r.nextInt(3) : r.nextInt(3);
    for (int k = 0; k < n; k++) {
      switch (r.nextInt(5)) {
        case 0 -> sets.add(AddressSet.of(Ip.v4(r.nextInt() & 0xFFFF_FFFFL)));
        case 1 -> sets.add(AddressSet.cidr(Ip.v4(r.nextInt() & 0xFFFF_FFFFL), 8 + r.nextInt(25)));
        case 2 -> {
          long a = r.nextInt() & 0xFFFF_FFFFL;
          long b = Math.min(0xFFFF_FFFFL, a + r.nextInt(100_000));
          sets.add(AddressSet.of(new IpRange(Ip.v4(a), Ip.v4(b))));
        }
        case 3 -> sets.add(AddressSet.cidr(Ip.v6(0x2001_0db8_0000_0000L | (r.nextInt() & 0xFFFF_FFFFL),
            r.nextLong()), 48 + r.nextInt(81)));
        default -> sets.add(AddressSet.of(Ip.v6(0x2001_0db8_0000_0000L | r.nextInt(0xFFFF),
            r.nextLong())));
      }
    }
    return new AddressCondition(false, AddressSet.union(sets), keywords);
  }
}
