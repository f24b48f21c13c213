package dev.rpcwall.emit.host.export;

import dev.rpcwall.compiler.host.HostNote;
import dev.rpcwall.compiler.host.HostRule;
import dev.rpcwall.compiler.host.HostState;
import dev.rpcwall.compiler.host.HostStore;
import dev.rpcwall.compiler.model.AddressCondition;
import dev.rpcwall.compiler.model.AddressEntries;
import dev.rpcwall.compiler.model.AddressKeyword;
import dev.rpcwall.compiler.model.AddressLimits;
import dev.rpcwall.compiler.model.Direction;
import dev.rpcwall.compiler.model.PortCondition;
import dev.rpcwall.compiler.model.PortKeyword;
import dev.rpcwall.compiler.model.ProtocolNames;
import dev.rpcwall.compiler.model.RuleAction;
import dev.rpcwall.compiler.model.WfasRule;
import dev.rpcwall.compiler.semantics.AddressSet;
import dev.rpcwall.compiler.semantics.PortRange;
import dev.rpcwall.compiler.semantics.PortSet;
import dev.rpcwall.compiler.semantics.Profile;
import dev.rpcwall.compiler.semantics.Protocol;
import dev.rpcwall.compiler.source.SourceSpan;
import dev.rpcwall.emit.host.export.ExportRecord.Field;
import dev.rpcwall.emit.powershell.PsSpelling;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Turns exported rule objects into host rules: the property names and values of {@code
 * Get-NetFirewallRule} and its filter cmdlets (windows-semantics.md 4.2), as names or as the CIM
 * enum numbers {@code ConvertTo-Json} writes. One per file: it reports a column the export lacks
 * once, not once per rule.
 *
 * <p>What the export does not say is never read as "any": a rule whose ports, addresses, program,
 * service, profile or enabled state are missing, truncated or unreadable gets {@code any} in that
 * field and names it in {@link WfasRule#otherConditions()}, which the evaluator reads as a
 * host-dependent condition ("not enough information"). A value Windows itself refuses is an {@code
 * invalid-rule} note and leaves no rule; a rule without a readable name, direction or action is an
 * {@code unreadable} note and leaves no rule.
 */
final class ExportRules {
  private static final String EXPORT_HINT =
      "export with the filters, e.g. Get-NetFirewallRule | Select-Object *,"
          + " @{n='Protocol';e={($_ | Get-NetFirewallPortFilter).Protocol}},"
          + " @{n='LocalPort';e={($_ | Get-NetFirewallPortFilter).LocalPort -join ','}}, ..."
          + " | Export-Csv (or ConvertTo-Json -Depth 4)";
  private static final String LOSSY_HINT =
      "export to a file that keeps whole values: Export-Csv or ConvertTo-Json -Depth 4; for console"
          + " text, set $FormatEnumerationLimit = -1 and use Format-List or Format-Table -AutoSize -Wrap";

  private final HostState host;
  private final List<HostNote> notes;
  private final Set<String> reported = new HashSet<>();
  private SourceSpan columnsAt;
  /** The rule IDs on the host by store, read once: other readers do not run while this one does. */
  private Set<String> ids;

  ExportRules(HostState host, List<HostNote> notes) {
    this.host = host;
    this.notes = notes;
  }

  /**
   * Where the export names its columns (a CSV or table header): a column the export lacks is
   * reported there; without a header, at the first record that lacks it.
   */
  void columnsAt(SourceSpan at) {
    this.columnsAt = at;
  }

  /** What one record leaves: the conditions it cannot know, and whether it is refused. */
  private final class Rec {
    final ExportRecord record;
    final List<String> other = new ArrayList<>();
    boolean refused;

    Rec(ExportRecord record) {
      this.record = record;
    }

    /** The field, with a note when the export lost part of it. */
    Optional<Field> field(String... names) {
      for (String n : names) {
        Optional<Field> f = record.get(n);
        if (f.isPresent()) {
          if (f.get().lossy().isPresent()) {
            lossy(f.get());
          }
          return f;
        }
      }
      return Optional.empty();
    }

    void unknown(String what) {
      if (!other.contains(what)) {
        other.add(what);
      }
    }

    void invalid(Field f, String message, String hint) {
      notes.add(HostNote.invalidRule(f.at(), message, hint));
      refused = true;
    }

    void unreadable(Field f, String message, String hint) {
      notes.add(HostNote.unreadable(f.at(), message, hint));
    }

    void lossy(Field f) {
      notes.add(HostNote.unreadable(f.at(),
          "the " + f.name() + " value is lossy in this export (" + f.lossy().get() + "): '"
              + shorten(String.join(",", f.items())) + "'",
          LOSSY_HINT));
    }
  }

  /** Reads one record into the host, or says why it cannot. */
  void add(ExportRecord record) {
    Rec r = new Rec(record);
    Optional<Field> nameField = r.field("Name", "ID", "InstanceID");
    Optional<Field> displayField = r.field("DisplayName", "ElementName");
    Optional<String> name = nameField.map(ExportRules::scalar).filter(s -> !s.isEmpty());
    Optional<String> display = displayField.map(ExportRules::scalar).filter(s -> !s.isEmpty());
    if (name.isEmpty() && display.isEmpty()) {
      if (record.isEmpty() || !looksLikeRule(record)) {
        once("name", record.at(), "an object without Name or DisplayName is not a firewall rule;"
            + " it is not read", "export Get-NetFirewallRule objects (with their Name property)");
      } else {
        notes.add(HostNote.unreadable(record.at(), "this rule has no Name or DisplayName; it is"
            + " not read", "keep the Name column in the export"));
      }
      return;
    }
    String id = name.orElseGet(display::get);
    String displayName = display.orElse(id);

    Direction direction = direction(r);
    RuleAction action = action(r);
    if (direction == null || action == null) {
      return;
    }
    if (primaryError(r)) {
      return;
    }
    boolean enabled = enabled(r);
    Set<Profile> profiles = profiles(r);
    Optional<String> group = r.field("Group", "RuleGroup", "DisplayGroup").map(ExportRules::scalar)
        .filter(s -> !s.isEmpty());
    Optional<String> description = r.field("Description").map(ExportRules::scalar)
        .filter(s -> !s.isEmpty());
    int protocol = protocol(r);
    PortCondition local = ports(r, "LocalPort", protocol, direction);
    PortCondition remote = ports(r, "RemotePort", protocol, direction);
    if (!r.record.has("Protocol") && !r.record.has("LocalPort") && !r.record.has("RemotePort")) {
      missing(r, "ports", "Protocol, LocalPort and RemotePort");
    } else {
      missingOne(r, "Protocol", "protocol");
      missingOne(r, "LocalPort", "local port");
      missingOne(r, "RemotePort", "remote port");
    }
    AddressCondition localAddresses = addresses(r, "LocalAddress");
    AddressCondition remoteAddresses = addresses(r, "RemoteAddress");
    if (!r.record.has("LocalAddress") && !r.record.has("RemoteAddress")) {
      missing(r, "addresses", "LocalAddress and RemoteAddress");
    } else {
      missingOne(r, "LocalAddress", "local address");
      missingOne(r, "RemoteAddress", "remote address");
    }
    Optional<String> program = textCondition(r, "Program", "program");
    Optional<String> service = textCondition(r, "Service", "service");
    extraConditions(r);
    if (action == RuleAction.BYPASS && direction == Direction.OUT) {
      // windows-semantics.md 1.2 rule 4: bypass only with dir=in (MS-FASP 2.2.37).
      r.invalid(r.field("Action").orElseThrow(), "an AllowBypass rule must be inbound; Windows"
          + " refuses this rule", "make it an inbound rule or an Allow rule");
    }
    if (r.refused || local == null || remote == null || localAddresses == null
        || remoteAddresses == null) {
      return;
    }
    SourceSpan origin = nameField.or(() -> displayField).map(Field::at).orElse(record.at());
    WfasRule rule = new WfasRule(id, displayName, group, description, direction, action, protocol,
        local, remote, localAddresses, remoteAddresses, profiles, enabled, program, service, origin,
        r.other);
    HostStore store = store(r);
    if (name.isPresent()) {
      // The Name is the rule ID, unique in its store (windows-semantics.md 4.1 -Name): the export
      // shows the rule as it is now, so it replaces what earlier inputs left under that ID.
      if (ids == null) {
        ids = new HashSet<>();
        for (HostRule h : host.rules()) {
          ids.add(key(h.rule().id(), h.store()));
        }
      }
      if (!ids.add(key(id, store))) {
        host.removeRules(h -> h.store() == store && h.rule().id().equalsIgnoreCase(id));
      }
    }
    host.addRule(new HostRule(rule, store));
  }

  // ---- identity and state ----------------------------------------------------------------------

  private static String key(String id, HostStore store) {
    return store + "|" + id.toLowerCase(Locale.ROOT);
  }

  private static boolean looksLikeRule(ExportRecord record) {
    return record.has("Direction") || record.has("Action") || record.has("Enabled");
  }

  /**
   * Direction: {@code Inbound}/{@code Outbound}, or the CIM number ConvertTo-Json writes: 1 in, 2
   * out (MS-FASP FW_DIRECTION: FW_DIR_IN = 1, FW_DIR_OUT = 2; the COM NET_FW_RULE_DIRECTION has the
   * same values). windows-semantics.md 4.2 rule 5 calls the numbers UNCONFIRMED for
   * MSFT_NetFirewallRule; they are read as the protocol's, the one source that gives them.
   */
  private Direction direction(Rec r) {
    Optional<Field> f = r.field("Direction");
    if (f.isEmpty()) {
      once("Direction", r.record.at(), "the export has no Direction: its rules are not read",
          "keep the Direction column in the export");
      return null;
    }
    if (f.get().lossy().isPresent()) {
      return null;
    }
    String v = scalar(f.get()).toLowerCase(Locale.ROOT);
    switch (v) {
      case "inbound", "in", "1":
        return Direction.IN;
      case "outbound", "out", "2":
        return Direction.OUT;
      default:
        r.unreadable(f.get(), "'" + shorten(scalar(f.get())) + "' is not a Direction (Inbound,"
            + " Outbound, 1 or 2); the rule is not read", "export the rule's Direction as written");
        return null;
    }
  }

  /**
   * Action: names, or the CIM numbers of MSFT_NetFirewallRule.Action: Allow 2, AllowBypass 3,
   * Block 4 (windows-semantics.md 4.2 rule 5, [cim-rule]).
   */
  private RuleAction action(Rec r) {
    Optional<Field> f = r.field("Action");
    if (f.isEmpty()) {
      once("Action", r.record.at(), "the export has no Action: its rules are not read",
          "keep the Action column in the export");
      return null;
    }
    if (f.get().lossy().isPresent()) {
      return null;
    }
    String v = scalar(f.get()).toLowerCase(Locale.ROOT);
    switch (v) {
      case "allow", "2":
        return RuleAction.ALLOW;
      case "block", "4":
        return RuleAction.BLOCK;
      case "allowbypass", "bypass", "3":
        return RuleAction.BYPASS;
      default:
        r.unreadable(f.get(), "'" + shorten(scalar(f.get())) + "' is not an Action (Allow, Block,"
            + " AllowBypass, 2, 4 or 3); the rule is not read", "export the rule's Action as written");
        return null;
    }
  }

  /**
   * PrimaryStatus Error (CIM value 3; OK 1, Degraded 2): Windows could not parse the rule from its
   * store, so it enforces nothing of it (windows-semantics.md 4.2 rule 4 gives the healthy status).
   */
  private boolean primaryError(Rec r) {
    Optional<Field> f = r.field("PrimaryStatus");
    if (f.isPresent()) {
      String v = scalar(f.get());
      if (v.equalsIgnoreCase("Error") || v.equals("3")) {
        r.invalid(f.get(), "Windows reports this rule as not parsed (PrimaryStatus " + v + ");"
            + " it is not enforced", "see the rule's Status; recreate it with valid values");
        return true;
      }
    }
    return false;
  }

  /**
   * Enabled: {@code True}/{@code False}, or CIM_PolicyRule.Enabled 1 (enabled; the class default,
   * [cim-rule]) and 2 (disabled; windows-semantics.md 4.2 rule 5 calls 2 UNCONFIRMED, it is
   * CIM_PolicyRule's "Disabled"), or a JSON boolean. An unknown state reads as enabled with an
   * unknown condition, so neither an allow nor a block is taken for granted.
   */
  private boolean enabled(Rec r) {
    Optional<Field> f = r.field("Enabled");
    if (f.isEmpty()) {
      missing(r, "enabled", "Enabled");
      return true;
    }
    if (f.get().lossy().isPresent()) {
      r.unknown("Enabled lost in the export");
      return true;
    }
    String v = scalar(f.get()).toLowerCase(Locale.ROOT);
    switch (v) {
      case "true", "1", "yes":
        return true;
      case "false", "2", "no":
        return false;
      default:
        r.unreadable(f.get(), "'" + shorten(scalar(f.get())) + "' is not an Enabled value (True,"
            + " False, 1 or 2)", "export the rule's Enabled as written");
        r.unknown("Enabled unreadable in the export");
        return true;
    }
  }

  /**
   * Profile: names ({@code Any}, {@code Domain, Private}, ...) or the FW_PROFILE_TYPE bit mask
   * the CIM {@code Profiles} property holds: Domain 1, Private 2, Public 4, 0 any
   * (windows-semantics.md 2.2 rule 1 and 4.2 rule 5).
   */
  private Set<Profile> profiles(Rec r) {
    Optional<Field> f = r.field("Profile", "Profiles");
    if (f.isEmpty()) {
      missing(r, "profile", "Profile");
      return Set.of();
    }
    if (f.get().lossy().isPresent()) {
      r.unknown("profile lost in the export");
      return Set.of();
    }
    Set<Profile> out = EnumSet.noneOf(Profile.class);
    boolean any = false;
    for (String item : items(f.get())) {
      if (item.equalsIgnoreCase("Any")) {
        any = true;
        continue;
      }
      Optional<Profile> named = java.util.Arrays.stream(Profile.values())
          .filter(p -> p.keyword().equalsIgnoreCase(item)).findFirst();
      int bits = digits(item) ? Integer.parseInt(item) : -1;
      if (named.isPresent()) {
        out.add(named.get());
      } else if (bits >= 0 && bits <= 7) {
        any |= bits == 0;
        for (Profile p : Profile.values()) {
          if ((bits & p.bit()) != 0) {
            out.add(p);
          }
        }
      } else {
        r.unreadable(f.get(), "'" + shorten(item) + "' is not a profile (Any, Domain, Private,"
            + " Public or a mask 0-7)", "export the rule's Profile as written");
        r.unknown("profile unreadable in the export");
        return Set.of();
      }
    }
    return any || out.size() == Profile.values().length ? Set.of() : out;
  }

  /**
   * The store: {@code PolicyStoreSourceType} {@code GroupPolicy} (or its number 2, as
   * FW_RULE_ORIGIN_TYPE numbers the GP origin, windows-semantics.md 2.3 rule 6 [fasp-origin]; the
   * CIM enum's numbers are UNCONFIRMED and 2 is read as GPO, the safe reading: a GPO rule applies
   * whatever the local-merge setting says) is a GPO rule; anything else is local. Without the type,
   * a {@code PolicyStoreSource} of the form {@code domain\GPO} (a GPO store as {@code -PolicyStore}
   * names it, 4.1) is a GPO rule too. Otherwise local: Get-NetFirewallRule reads the persistent
   * store by default (4.2 rule 1).
   */
  private static HostStore store(Rec r) {
    Optional<Field> type = r.record.get("PolicyStoreSourceType");
    if (type.isPresent()) {
      String v = scalar(type.get());
      return v.equalsIgnoreCase("GroupPolicy") || v.equals("2") ? HostStore.GPO : HostStore.LOCAL;
    }
    Optional<Field> source = r.record.get("PolicyStoreSource");
    if (source.isPresent() && scalar(source.get()).indexOf('\\') > 0) {
      return HostStore.GPO;
    }
    return HostStore.LOCAL;
  }

  // ---- conditions ------------------------------------------------------------------------------

  /** Protocol: TCP, UDP, ICMPv4, ICMPv6, Any or 0-255 (windows-semantics.md 4.1, ProtocolNames). */
  private int protocol(Rec r) {
    Optional<Field> f = r.field("Protocol");
    if (f.isEmpty()) {
      return WfasRule.ANY_PROTOCOL;
    }
    if (f.get().lossy().isPresent() || f.get().items().isEmpty()) {
      r.unknown("protocol " + (f.get().items().isEmpty() ? "empty" : "lost") + " in the export");
      return WfasRule.ANY_PROTOCOL;
    }
    String v = scalar(f.get());
    int n = v.isEmpty() ? -1 : ProtocolNames.number(v);
    if (n >= 0) {
      return n;
    }
    if (digits(v)) {
      r.invalid(f.get(), "protocol " + shorten(v) + " is out of range; Windows accepts 0-255",
          "write a protocol number 0-255 or TCP, UDP, ICMPv4, ICMPv6");
    } else {
      r.unreadable(f.get(), "'" + shorten(v) + "' is not a protocol (TCP, UDP, ICMPv4, ICMPv6,"
          + " Any or 0-255)", "export the port filter's Protocol as written");
      r.unknown("protocol unreadable in the export");
    }
    return WfasRule.ANY_PROTOCOL;
  }

  /** A port list, or {@code any} with an unknown condition, or null when Windows refuses it. */
  private PortCondition ports(Rec r, String name, int protocol, Direction direction) {
    Optional<Field> f = r.field(name);
    String label = name.equals("LocalPort") ? "local port" : "remote port";
    if (f.isEmpty()) {
      return PortCondition.ANY;
    }
    if (f.get().lossy().isPresent()) {
      r.unknown(label + " lost in the export");
      return PortCondition.ANY;
    }
    List<String> items = items(f.get());
    if (items.isEmpty()) {
      r.unknown(label + " empty in the export");
      return PortCondition.ANY;
    }
    List<PortRange> ranges = new ArrayList<>();
    Set<PortKeyword> keywords = EnumSet.noneOf(PortKeyword.class);
    boolean any = false;
    for (String item : items) {
      if (item.equalsIgnoreCase("Any")) {
        any = true;
        continue;
      }
      Optional<PortKeyword> k = PsSpelling.portKeyword(item);
      if (k.isPresent()) {
        keywords.add(k.get());
        continue;
      }
      int dash = item.indexOf('-', 1);
      String a = dash < 0 ? item : item.substring(0, dash);
      String z = dash < 0 ? item : item.substring(dash + 1);
      if (digits(a) && digits(z)) {
        long first = parse(a);
        long last = parse(z);
        if (first > PortRange.MAX_PORT || last > PortRange.MAX_PORT || first > last) {
          r.invalid(f.get(), "'" + shorten(item) + "' is not a port or range Windows accepts"
              + " (0-65535, first <= last)", "write ports 0-65535 and ranges low-high");
          return null;
        }
        ranges.add(PortRange.of((int) first, (int) last));
        continue;
      }
      if (isObjectText(item)) {
        r.unreadable(f.get(), "the " + name + " value is the name of a type ('" + shorten(item)
            + "'), not its ports: the export did not expand it", EXPORT_HINT);
        r.unknown(label + " not in the export");
      } else {
        r.unreadable(f.get(), "'" + shorten(item) + "' is not a port, a range a-b or a port"
            + " keyword", "export the port filter's " + name + " as written");
        r.unknown(label + " unreadable in the export");
      }
      return PortCondition.ANY;
    }
    if (any) {
      if (items.size() > 1) {
        r.invalid(f.get(), "'Any' cannot be combined with other ports; Windows refuses this rule",
            "write either Any or the ports");
        return null;
      }
      return PortCondition.ANY;
    }
    if (protocol != WfasRule.ANY_PROTOCOL || r.record.has("Protocol")) {
      if (!ProtocolNames.takesPorts(protocol)) {
        // windows-semantics.md 1.2 rule 1 and C12: ports only with TCP or UDP.
        r.invalid(f.get(), name + " needs protocol TCP or UDP; Windows refuses this rule",
            "give the rule protocol TCP or UDP, or no ports");
        return null;
      }
    }
    if ((keywords.contains(PortKeyword.RPC) || keywords.contains(PortKeyword.RPC_EPMAP))
        && (protocol != Protocol.TCP.number() || direction != Direction.IN
            || name.equals("RemotePort"))) {
      // windows-semantics.md 1.2 rule 2 and 2.4 rule 4.
      r.invalid(f.get(), "the RPC port keywords need protocol TCP, an inbound rule and the local"
          + " port; Windows refuses this rule", "write -Protocol TCP -Direction Inbound -LocalPort");
      return null;
    }
    return new PortCondition(false, PortSet.of(ranges), keywords);
  }

  /** An address list, or {@code any} with an unknown condition, or null when Windows refuses it. */
  private AddressCondition addresses(Rec r, String name) {
    Optional<Field> f = r.field(name);
    String label = name.equals("LocalAddress") ? "local address" : "remote address";
    if (f.isEmpty()) {
      return AddressCondition.ANY;
    }
    if (f.get().lossy().isPresent()) {
      r.unknown(label + " lost in the export");
      return AddressCondition.ANY;
    }
    List<String> items = items(f.get());
    if (items.isEmpty()) {
      r.unknown(label + " empty in the export");
      return AddressCondition.ANY;
    }
    Optional<String> tooMany = AddressLimits.countViolation(items.size());
    if (tooMany.isPresent()) {
      r.invalid(f.get(), tooMany.get(), "split the rule");
      return null;
    }
    List<AddressSet> sets = new ArrayList<>();
    Set<AddressKeyword> keywords = EnumSet.noneOf(AddressKeyword.class);
    boolean any = false;
    for (String item : items) {
      if (item.equalsIgnoreCase("Any")) {
        any = true;
        continue;
      }
      char c = item.charAt(0);
      if (!(c >= '0' && c <= '9') && c != ':') {
        Optional<AddressKeyword> k = PsSpelling.addressKeyword(item);
        if (k.isPresent()) {
          keywords.add(k.get());
          continue;
        }
        String base = item.substring(0, item.length() - 1);
        if ((item.endsWith("4") || item.endsWith("6"))
            && PsSpelling.addressKeyword(base).isPresent()) {
          // A keyword limited to one family (4.1, LocalSubnet4) has no field in the rule model.
          r.unknown(label + " " + item);
          return AddressCondition.ANY;
        }
      }
      AddressEntries.Parsed p = AddressEntries.parse(item);
      if (p instanceof AddressEntries.Ok ok) {
        Optional<String> refusal = ok.windowsRefusal();
        if (refusal.isPresent()) {
          r.invalid(f.get(), "'" + shorten(item) + "': " + refusal.get(),
              "write the addresses as Windows accepts them");
          return null;
        }
        sets.add(ok.set());
        continue;
      }
      AddressEntries.Bad bad = (AddressEntries.Bad) p;
      if (isObjectText(item)) {
        r.unreadable(f.get(), "the " + name + " value is the name of a type ('" + shorten(item)
            + "'), not its addresses: the export did not expand it", EXPORT_HINT);
        r.unknown(label + " not in the export");
      } else {
        r.unreadable(f.get(), shorten(bad.message()), bad.hint());
        r.unknown(label + " unreadable in the export");
      }
      return AddressCondition.ANY;
    }
    if (any) {
      if (items.size() > 1) {
        r.invalid(f.get(), "'Any' cannot be combined with other addresses; Windows refuses this"
            + " rule", "write either Any or the addresses");
        return null;
      }
      return AddressCondition.ANY;
    }
    return new AddressCondition(false, AddressSet.union(sets), keywords);
  }

  /** Program or Service: {@code Any} is none; a missing or lost value is an unknown condition. */
  private Optional<String> textCondition(Rec r, String name, String label) {
    Optional<Field> f = r.field(name);
    if (f.isEmpty()) {
      missingOne(r, name, label);
      return Optional.empty();
    }
    if (f.get().lossy().isPresent()) {
      r.unknown(label + " lost in the export");
      return Optional.empty();
    }
    String v = scalar(f.get());
    if (v.isEmpty()) {
      r.unknown(label + " empty in the export");
      return Optional.empty();
    }
    if (isObjectText(v)) {
      r.unreadable(f.get(), "the " + name + " value is the name of a type ('" + shorten(v)
          + "'), not its value: the export did not expand it", EXPORT_HINT);
      r.unknown(label + " not in the export");
      return Optional.empty();
    }
    return v.equalsIgnoreCase("Any") ? Optional.empty() : Optional.of(v);
  }

  /**
   * Conditions of the other filters (windows-semantics.md 4.2 rule 2: interface type, security,
   * package) have no field in the rule model: a value other than Any is an unknown condition.
   */
  private void extraConditions(Rec r) {
    for (String name : List.of("InterfaceType", "InterfaceAlias", "Package", "LocalUser",
        "RemoteUser", "RemoteMachine", "IcmpType")) {
      Optional<Field> f = r.record.get(name);
      if (f.isEmpty()) {
        continue;
      }
      String v = scalar(f.get());
      if (f.get().lossy().isPresent()) {
        r.unknown(name + " lost in the export");
      } else if (!v.isEmpty() && !v.equalsIgnoreCase("Any") && !v.equals("0")) {
        r.unknown(name + " " + shorten(v));
      }
    }
  }

  // ---- missing columns -------------------------------------------------------------------------

  private void missing(Rec r, String what, String columns) {
    r.unknown(what + " not in the export");
    once(what, r.record.at(), "the export has no " + columns + ": its rules are read with their "
        + what + " unknown (not enough information), never as any", EXPORT_HINT);
  }

  private void missingOne(Rec r, String name, String label) {
    if (!r.record.has(name)) {
      missing(r, label, name);
    }
  }

  private void once(String key, SourceSpan at, String message, String hint) {
    if (reported.add(key)) {
      notes.add(HostNote.unreadable(columnsAt != null ? columnsAt : at, message, hint));
    }
  }

  // ---- values ----------------------------------------------------------------------------------

  /** A scalar value: the one item, or the items joined as PowerShell joins them in a string. */
  static String scalar(Field f) {
    return f.items().size() == 1 ? f.items().get(0).trim() : String.join(" ", f.items()).trim();
  }

  /**
   * The items of a list value: each item split at commas and white space, with the braces
   * Format-List and Format-Table print around an array ({@code {135, 445}}) taken off.
   */
  static List<String> items(Field f) {
    List<String> out = new ArrayList<>();
    for (String item : f.items()) {
      String s = item.trim();
      if (s.startsWith("{") && s.endsWith("}")) {
        s = s.substring(1, s.length() - 1);
      }
      int i = 0;
      int n = s.length();
      while (i < n) {
        while (i < n && (s.charAt(i) == ',' || Character.isWhitespace(s.charAt(i)))) {
          i++;
        }
        int start = i;
        while (i < n && s.charAt(i) != ',' && !Character.isWhitespace(s.charAt(i))) {
          i++;
        }
        if (i > start) {
          out.add(s.substring(start, i));
        }
      }
    }
    return out;
  }

  /**
   * Text PowerShell writes for a value it did not expand: an array in Export-Csv ({@code
   * System.Object[]}), an object past ConvertTo-Json's {@code -Depth} ({@code @{...}}, a CIM type
   * name).
   */
  static boolean isObjectText(String s) {
    String t = s.trim();
    return (t.startsWith("System.") && t.endsWith("]"))
        || t.startsWith("@{")
        || t.startsWith("Microsoft.Management.Infrastructure.")
        || t.startsWith("MSFT_Net")
        || t.equals("System.Collections.Hashtable")
        || t.equals("System.Management.Automation.PSCustomObject");
  }

  private static boolean digits(String s) {
    if (s.isEmpty() || s.length() > 9) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) < '0' || s.charAt(i) > '9') {
        return false;
      }
    }
    return true;
  }

  private static long parse(String digits) {
    return Long.parseLong(digits);
  }

  static String shorten(String s) {
    return s.length() <= 80 ? s : s.substring(0, 77) + "...";
  }
}
