package dev.rpcwall.emit.host.export;

import dev.rpcwall.compiler.host.HostRule;
import dev.rpcwall.compiler.host.HostStore;
import dev.rpcwall.compiler.model.AddressCondition;
import dev.rpcwall.compiler.model.AddressKeyword;
import dev.rpcwall.compiler.model.AddressLimits;
import dev.rpcwall.compiler.model.Direction;
import dev.rpcwall.compiler.model.PortCondition;
import dev.rpcwall.compiler.model.PortKeyword;
import dev.rpcwall.compiler.model.ProtocolNames;
import dev.rpcwall.compiler.model.RuleAction;
import dev.rpcwall.compiler.model.WfasRule;
import dev.rpcwall.compiler.semantics.IpFamily;
import dev.rpcwall.compiler.semantics.IpRange;
import dev.rpcwall.compiler.semantics.PortRange;
import dev.rpcwall.compiler.semantics.Profile;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Test-only: writes host rules as the four exports would show them (property names of
 * windows-semantics.md 4.2, values as Get-NetFirewallRule and its filters print them), so the
 * readers can be checked to read them back to the same rules.
 */
final class ExportWriter {
  private ExportWriter() {}

  static final List<String> COLUMNS = List.of("Name", "DisplayName", "Description", "Group",
      "Enabled", "Profile", "Direction", "Action", "PolicyStoreSourceType", "Protocol",
      "LocalPort", "RemotePort", "LocalAddress", "RemoteAddress", "Program", "Service");

  /** The properties of one rule as display strings, lists as their items. */
  static Map<String, List<String>> properties(HostRule h, boolean numbers) {
    WfasRule r = h.rule();
    Map<String, List<String>> p = new LinkedHashMap<>();
    p.put("Name", List.of(r.id()));
    p.put("DisplayName", List.of(r.displayName()));
    p.put("Description", r.description().map(List::of).orElse(List.of()));
    p.put("Group", r.group().map(List::of).orElse(List.of()));
    p.put("Enabled", List.of(numbers ? (r.enabled() ? "1" : "2") : (r.enabled() ? "True" : "False")));
    p.put("Profile", List.of(profile(r, numbers)));
    p.put("Direction", List.of(numbers ? (r.direction() == Direction.IN ? "1" : "2")
        : (r.direction() == Direction.IN ? "Inbound" : "Outbound")));
    p.put("Action", List.of(action(r.action(), numbers)));
    p.put("PolicyStoreSourceType", List.of(h.store() == HostStore.GPO
        ? (numbers ? "2" : "GroupPolicy") : (numbers ? "1" : "Local")));
    p.put("Protocol", List.of(r.protocol() == WfasRule.ANY_PROTOCOL ? "Any"
        : ProtocolNames.name(r.protocol()).orElse(Integer.toString(r.protocol()))));
    p.put("LocalPort", ports(r.localPorts()));
    p.put("RemotePort", ports(r.remotePorts()));
    p.put("LocalAddress", addresses(r.localAddresses()));
    p.put("RemoteAddress", addresses(r.remoteAddresses()));
    p.put("Program", List.of(r.program().orElse("Any")));
    p.put("Service", List.of(r.service().orElse("Any")));
    return p;
  }

  private static String action(RuleAction a, boolean numbers) {
    return switch (a) {
      case ALLOW -> numbers ? "2" : "Allow";
      case BYPASS -> numbers ? "3" : "AllowBypass";
      case BLOCK -> numbers ? "4" : "Block";
    };
  }

  private static String profile(WfasRule r, boolean numbers) {
    if (numbers) {
      int bits = 0;
      for (Profile p : r.profiles()) {
        bits |= p.bit();
      }
      return Integer.toString(bits);
    }
    if (r.profiles().isEmpty()) {
      return "Any";
    }
    List<String> names = new ArrayList<>();
    for (Profile p : Profile.values()) {
      if (r.profiles().contains(p)) {
        names.add(p.name().charAt(0) + p.name().substring(1).toLowerCase(java.util.Locale.ROOT));
      }
    }
    return String.join(", ", names);
  }

  static List<String> ports(PortCondition c) {
    if (c.any()) {
      return List.of("Any");
    }
    List<String> out = new ArrayList<>();
    for (PortKeyword k : c.keywords()) {
      out.add(k == PortKeyword.RPC ? "RPC" : "RPCEPMap");
    }
    for (PortRange r : c.ports().ranges()) {
      out.add(r.toString());
    }
    return out;
  }

  static List<String> addresses(AddressCondition c) {
    if (c.any()) {
      return List.of("Any");
    }
    List<String> out = new ArrayList<>();
    for (AddressKeyword k : c.keywords()) {
      out.add(switch (k) {
        case LOCAL_SUBNET -> "LocalSubnet";
        case INTERNET -> "Internet";
        case DNS -> "DNS";
        case DEFAULT_GATEWAY -> "DefaultGateway";
        default -> throw new IllegalArgumentException(k.name());
      });
    }
    for (IpRange r : c.addresses().ranges()) {
      AddressLimits.Entry e = AddressLimits.Entry.of(r);
      if (e.prefix() >= 0 && e.first().family() == IpFamily.IPV4) {
        // Get-NetFirewallAddressFilter prints an IPv4 subnet with a dotted mask.
        long mask = (0xFFFF_FFFFL << (32 - e.prefix())) & 0xFFFF_FFFFL;
        out.add(e.first() + "/" + dev.rpcwall.compiler.semantics.Ip.v4(mask));
      } else {
        out.add(e.toString());
      }
    }
    return out;
  }

  // ---- CSV -------------------------------------------------------------------------------------

  static String csv(List<HostRule> rules, char delim, boolean typeLine, boolean quoteAll) {
    StringBuilder b = new StringBuilder();
    if (typeLine) {
      b.append("#TYPE Selected.Microsoft.Management.Infrastructure.CimInstance\n");
    }
    List<String> header = new ArrayList<>();
    for (String c : COLUMNS) {
      header.add(csvField(c, delim, quoteAll));
    }
    b.append(String.join(String.valueOf(delim), header)).append('\n');
    for (HostRule h : rules) {
      List<String> row = new ArrayList<>();
      for (List<String> v : properties(h, false).values()) {
        row.add(csvField(String.join(",", v), delim, quoteAll));
      }
      b.append(String.join(String.valueOf(delim), row)).append('\n');
    }
    return b.toString();
  }

  private static String csvField(String s, char delim, boolean quoteAll) {
    boolean needs = quoteAll || s.indexOf(delim) >= 0 || s.indexOf('"') >= 0
        || s.indexOf('\n') >= 0 || s.indexOf('\r') >= 0 || s.isEmpty();
    return needs ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
  }

  // ---- JSON ------------------------------------------------------------------------------------

  static String json(List<HostRule> rules, boolean numbers, boolean nested) {
    StringBuilder b = new StringBuilder("[\n");
    for (int i = 0; i < rules.size(); i++) {
      Map<String, List<String>> p = properties(rules.get(i), numbers);
      b.append("  {\n");
      List<String> members = new ArrayList<>();
      Map<String, List<String>> portFilter = new LinkedHashMap<>();
      Map<String, List<String>> addressFilter = new LinkedHashMap<>();
      for (Map.Entry<String, List<String>> e : p.entrySet()) {
        String k = e.getKey();
        if (nested && List.of("Protocol", "LocalPort", "RemotePort").contains(k)) {
          portFilter.put(k, e.getValue());
        } else if (nested && List.of("LocalAddress", "RemoteAddress").contains(k)) {
          addressFilter.put(k, e.getValue());
        } else {
          members.add("    " + jsonString(k) + ": " + jsonValue(k, e.getValue(), numbers));
        }
      }
      if (nested) {
        members.add("    \"PortFilter\": " + jsonObject(portFilter, numbers));
        members.add("    \"AddressFilter\": " + jsonObject(addressFilter, numbers));
      }
      b.append(String.join(",\n", members)).append("\n  }");
      b.append(i + 1 < rules.size() ? ",\n" : "\n");
    }
    return b.append("]\n").toString();
  }

  private static String jsonObject(Map<String, List<String>> p, boolean numbers) {
    List<String> members = new ArrayList<>();
    for (Map.Entry<String, List<String>> e : p.entrySet()) {
      members.add(jsonString(e.getKey()) + ": " + jsonValue(e.getKey(), e.getValue(), numbers));
    }
    return "{" + String.join(", ", members) + "}";
  }

  private static String jsonValue(String key, List<String> v, boolean numbers) {
    if (v.isEmpty()) {
      return "null";
    }
    boolean number = numbers && List.of("Enabled", "Profile", "Direction", "Action",
        "PolicyStoreSourceType").contains(key);
    if (v.size() == 1) {
      return number ? v.get(0) : jsonString(v.get(0));
    }
    List<String> items = new ArrayList<>();
    for (String s : v) {
      items.add(jsonString(s));
    }
    return "[" + String.join(", ", items) + "]";
  }

  static String jsonString(String s) {
    StringBuilder b = new StringBuilder("\"");
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        case '\r' -> b.append("\\r");
        case '\t' -> b.append("\\t");
        default -> {
          if (c < 0x20 || c == '\'' || c == '<' || c == '>' || c == '&') {
            // Windows PowerShell escapes these as \\uXXXX.
            b.append(String.format("\\u%04x", (int) c));
          } else {
            b.append(c);
          }
        }
      }
    }
    return b.append('"').toString();
  }

  // ---- Format-List and Format-Table ------------------------------------------------------------

  /** A list as Format-List and Format-Table print it: one item bare, several in braces. */
  private static String display(List<String> v) {
    if (v.isEmpty()) {
      return "";
    }
    return v.size() == 1 ? v.get(0) : "{" + String.join(", ", v) + "}";
  }

  static String formatList(List<HostRule> rules) {
    int width = 0;
    for (String c : COLUMNS) {
      width = Math.max(width, c.length());
    }
    StringBuilder b = new StringBuilder("\n");
    for (HostRule h : rules) {
      b.append('\n');
      for (Map.Entry<String, List<String>> e : properties(h, false).entrySet()) {
        String line = String.format("%-" + width + "s : %s", e.getKey(), display(e.getValue()));
        b.append(line.stripTrailing()).append('\n');
      }
    }
    return b.append("\n\n").toString();
  }

  /** Format-Table -AutoSize: each column as wide as its widest cell, nothing cut. */
  static String formatTable(List<HostRule> rules) {
    List<List<String>> rows = new ArrayList<>();
    for (HostRule h : rules) {
      List<String> row = new ArrayList<>();
      for (List<String> v : properties(h, false).values()) {
        row.add(display(v));
      }
      rows.add(row);
    }
    int[] widths = new int[COLUMNS.size()];
    for (int c = 0; c < widths.length; c++) {
      widths[c] = COLUMNS.get(c).length();
      for (List<String> row : rows) {
        widths[c] = Math.max(widths[c], row.get(c).length());
      }
    }
    StringBuilder b = new StringBuilder("\n");
    List<String> dashes = new ArrayList<>();
    for (String c : COLUMNS) {
      dashes.add("-".repeat(c.length()));
    }
    b.append(tableLine(COLUMNS, widths)).append('\n').append(tableLine(dashes, widths)).append('\n');
    for (List<String> row : rows) {
      b.append(tableLine(row, widths)).append('\n');
    }
    return b.append('\n').toString();
  }

  private static String tableLine(List<String> cells, int[] widths) {
    StringBuilder b = new StringBuilder();
    for (int c = 0; c < cells.size(); c++) {
      if (c > 0) {
        b.append(' ');
      }
      b.append(c + 1 < cells.size() ? String.format("%-" + widths[c] + "s", cells.get(c))
          : cells.get(c));
    }
    return b.toString().stripTrailing();
  }
}
