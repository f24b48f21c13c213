package dev.rpcwall.emit.host.powershell;

import dev.rpcwall.compiler.host.HostNote;
import dev.rpcwall.compiler.host.HostRule;
import dev.rpcwall.compiler.host.HostState;
import dev.rpcwall.compiler.host.ProfileSetting;
import dev.rpcwall.compiler.host.RegistryValue;
import dev.rpcwall.compiler.model.AddressCondition;
import dev.rpcwall.compiler.model.Direction;
import dev.rpcwall.compiler.model.PortCondition;
import dev.rpcwall.compiler.model.ProtocolNames;
import dev.rpcwall.compiler.model.WfasRule;
import dev.rpcwall.compiler.semantics.Profile;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * One line of text per thing a reader leaves on a host, as the fixtures' inline expectations
 * write it ({@code # expect rule ...}). Fields at their default are left out, so an expectation
 * names exactly what the script sets.
 */
final class HostRender {
  private HostRender() {}

  static List<String> lines(HostState host) {
    List<String> out = new ArrayList<>();
    for (HostRule r : host.rules()) {
      out.add(rule(r));
    }
    for (Profile p : Profile.values()) {
      ProfileSetting<?> in = host.defaultInbound().get(p);
      ProfileSetting<?> st = host.profileStates().get(p);
      if (in != null || st != null) {
        out.add("profile " + p.keyword()
            + (in == null ? "" : " inbound=" + in.value().toString().toLowerCase(Locale.ROOT)
                + " @" + in.origin().line())
            + (st == null ? "" : " state=" + st.value() + " @" + st.origin().line()));
      }
    }
    for (Map.Entry<String, RegistryValue> e : host.rpcInternet().entrySet()) {
      RegistryValue v = e.getValue();
      out.add("reg " + v.name() + " " + v.type() + " " + v.data() + " @" + v.origin().line());
    }
    host.wmiFixedPort().ifPresent(w -> out.add("wmi " + w.value() + " @" + w.origin().line()));
    return out;
  }

  static String rule(HostRule hr) {
    WfasRule r = hr.rule();
    StringBuilder b = new StringBuilder("rule ").append(q(r.id()));
    if (!r.displayName().equals(r.id())) {
      b.append(" name=").append(q(r.displayName()));
    }
    b.append(' ').append(hr.store());
    b.append(' ').append(r.direction() == Direction.IN ? "in" : "out");
    b.append(' ').append(r.action().name().toLowerCase(Locale.ROOT));
    b.append(' ').append(r.protocol() == WfasRule.ANY_PROTOCOL ? "any"
        : ProtocolNames.name(r.protocol()).map(s -> s.toLowerCase(Locale.ROOT))
            .orElse(Integer.toString(r.protocol())));
    ports(b, "lport", r.localPorts());
    ports(b, "rport", r.remotePorts());
    addresses(b, "laddr", r.localAddresses());
    addresses(b, "raddr", r.remoteAddresses());
    if (!r.profiles().isEmpty()) {
      TreeSet<String> p = new TreeSet<>();
      r.profiles().forEach(x -> p.add(x.keyword()));
      b.append(" profiles=").append(String.join(",", p));
    }
    if (!r.enabled()) {
      b.append(" disabled");
    }
    text(b, "program", r.program());
    text(b, "service", r.service());
    text(b, "group", r.group());
    for (String o : r.otherConditions()) {
      b.append(" other=").append(q(o));
    }
    b.append(" @").append(r.origin().line());
    return b.toString();
  }

  private static void ports(StringBuilder b, String name, PortCondition c) {
    if (c.any()) {
      return;
    }
    List<String> parts = new ArrayList<>();
    if (!c.ports().isEmpty()) {
      parts.add(c.ports().toString());
    }
    c.keywords().stream().map(Enum::name).sorted().forEach(parts::add);
    b.append(' ').append(name).append('=').append(String.join(",", parts));
  }

  private static void addresses(StringBuilder b, String name, AddressCondition c) {
    if (c.any()) {
      return;
    }
    List<String> parts = new ArrayList<>();
    if (!c.addresses().isEmpty()) {
      parts.add(c.addresses().toString());
    }
    c.keywords().stream().map(Enum::name).sorted().forEach(parts::add);
    b.append(' ').append(name).append('=').append(String.join(",", parts));
  }

  private static void text(StringBuilder b, String name, Optional<String> v) {
    v.ifPresent(s -> b.append(' ').append(name).append('=').append(q(s)));
  }

  private static String q(String s) {
    return "'" + s.replace("'", "''") + "'";
  }

  static String note(HostNote n) {
    return "note " + n.category() + " " + n.at().line() + ":" + n.at().column() + " "
        + n.message();
  }
}
