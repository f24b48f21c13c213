package dev.rpcwall.emit.host.export;

import dev.rpcwall.compiler.host.HostNote;
import dev.rpcwall.compiler.host.HostRule;
import dev.rpcwall.compiler.model.AddressCondition;
import dev.rpcwall.compiler.model.PortCondition;
import dev.rpcwall.compiler.model.WfasRule;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** One-line texts of rules and notes, so a test states what a file reads to in a readable list. */
final class Described {
  private Described() {}

  static String rule(HostRule h) {
    WfasRule r = h.rule();
    return r.id() + " | " + r.displayName() + " | " + r.direction() + " " + r.action() + " | "
        + (r.enabled() ? "on" : "off") + " | profiles " + (r.profiles().isEmpty() ? "any"
            : r.profiles().stream().map(Enum::name).sorted().collect(Collectors.joining(",")))
        + " | proto " + (r.protocol() == WfasRule.ANY_PROTOCOL ? "any" : r.protocol())
        + " | lport " + ports(r.localPorts()) + " | rport " + ports(r.remotePorts())
        + " | laddr " + addresses(r.localAddresses()) + " | raddr " + addresses(r.remoteAddresses())
        + " | program " + r.program().orElse("-") + " | service " + r.service().orElse("-")
        + " | group " + r.group().orElse("-") + " | " + h.store()
        + (r.otherConditions().isEmpty() ? "" : " | other " + r.otherConditions())
        + " @" + r.origin().line() + ":" + r.origin().column();
  }

  static List<String> rules(List<HostRule> rules) {
    List<String> out = new ArrayList<>();
    for (HostRule r : rules) {
      out.add(rule(r));
    }
    return out;
  }

  static String ports(PortCondition p) {
    if (p.any()) {
      return "any";
    }
    List<String> parts = new ArrayList<>();
    if (!p.ports().isEmpty()) {
      parts.add(p.ports().toString());
    }
    p.keywords().stream().map(Enum::name).sorted().forEach(parts::add);
    return String.join(",", parts);
  }

  static String addresses(AddressCondition a) {
    if (a.any()) {
      return "any";
    }
    List<String> parts = new ArrayList<>();
    if (!a.addresses().isEmpty()) {
      parts.add(a.addresses().toString());
    }
    a.keywords().stream().map(Enum::name).sorted().forEach(parts::add);
    return String.join(",", parts);
  }

  /** {@code line:col category message}. */
  static String note(HostNote n) {
    return n.at().line() + ":" + n.at().column() + " " + n.category() + " " + n.message();
  }

  static List<String> notes(List<HostNote> notes) {
    return notes.stream().map(Described::note).toList();
  }
}
