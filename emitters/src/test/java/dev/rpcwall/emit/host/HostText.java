package dev.rpcwall.emit.host;

import dev.rpcwall.compiler.host.HostIpsecFilter;
import dev.rpcwall.compiler.host.HostNote;
import dev.rpcwall.compiler.host.HostRule;
import dev.rpcwall.compiler.host.HostState;
import dev.rpcwall.compiler.host.RegistryValue;
import dev.rpcwall.compiler.model.AddressCondition;
import dev.rpcwall.compiler.model.PortCondition;
import dev.rpcwall.compiler.model.WfasRule;
import dev.rpcwall.compiler.model.ipsec.IpsecFilter;
import dev.rpcwall.compiler.semantics.Profile;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * One line of text per thing a host holds, for tests that compare what a reader built with what a
 * fixture expects: every field of a rule, with its store and line, so an expectation pins all.
 */
public final class HostText {
  private HostText() {}

  public static String rule(HostRule hr) {
    WfasRule r = hr.rule();
    StringBuilder sb = new StringBuilder();
    sb.append(hr.store()).append(' ').append(r.id());
    if (!r.displayName().equals(r.id())) {
      sb.append(" name=\"").append(r.displayName()).append('"');
    }
    sb.append(' ').append(r.direction().name().toLowerCase(Locale.ROOT));
    sb.append(' ').append(r.action().name().toLowerCase(Locale.ROOT));
    sb.append(" proto=").append(r.protocol() == WfasRule.ANY_PROTOCOL ? "any" : r.protocol());
    sb.append(" lport=").append(ports(r.localPorts()));
    sb.append(" rport=").append(ports(r.remotePorts()));
    sb.append(" laddr=").append(addresses(r.localAddresses()));
    sb.append(" raddr=").append(addresses(r.remoteAddresses()));
    sb.append(" profiles=").append(r.profiles().isEmpty() ? "all"
        : r.profiles().stream().sorted().map(Profile::keyword).collect(Collectors.joining(",")));
    sb.append(r.enabled() ? " on" : " off");
    r.program().ifPresent(p -> sb.append(" app=").append(p));
    r.service().ifPresent(p -> sb.append(" svc=").append(p));
    r.group().ifPresent(p -> sb.append(" group=").append(p));
    if (!r.otherConditions().isEmpty()) {
      sb.append(" other=[").append(String.join("; ", r.otherConditions())).append(']');
    }
    sb.append(" @").append(r.origin().line());
    return sb.toString();
  }

  static String ports(PortCondition p) {
    if (p.any()) {
      return "any";
    }
    List<String> parts = new ArrayList<>();
    if (!p.ports().isEmpty()) {
      parts.add(p.ports().toString());
    }
    p.keywords().stream().sorted().forEach(k -> parts.add(k.name()));
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
    a.keywords().stream().sorted().forEach(k -> parts.add(k.name()));
    return String.join(",", parts);
  }

  public static String filter(HostIpsecFilter hf) {
    IpsecFilter f = hf.filter();
    return f.source() + (f.sourcePort() == 0 ? "" : ":" + f.sourcePort())
        + (f.mirrored() ? " <-> " : " -> ")
        + f.destination() + (f.destinationPort() == 0 ? "" : ":" + f.destinationPort())
        + " proto=" + (f.protocol() == 0 ? "any" : f.protocol())
        + " " + f.action().name().toLowerCase(Locale.ROOT) + " @" + hf.origin().line();
  }

  public static String note(HostNote n) {
    return n.at().line() + ":" + n.at().column() + " " + n.category() + " " + n.message();
  }

  /** Default inbound actions, profile states and RPC values, one line each, sorted. */
  public static List<String> settings(HostState host) {
    List<String> out = new ArrayList<>();
    host.defaultInbound().forEach((p, s) -> out.add("default " + p.keyword() + " "
        + s.value().keyword() + " @" + s.origin().line()));
    host.profileStates().forEach((p, s) -> out.add("state " + p.keyword() + " " + s.value()
        + " @" + s.origin().line()));
    for (Map.Entry<String, RegistryValue> e : host.rpcInternet().entrySet()) {
      RegistryValue v = e.getValue();
      out.add("rpc " + v.name() + " " + v.type() + " " + String.join("|", v.data())
          + " @" + v.origin().line());
    }
    host.wmiFixedPort().ifPresent(w -> out.add("wmi " + w.value() + " @" + w.origin().line()));
    out.sort(null);
    return out;
  }
}
