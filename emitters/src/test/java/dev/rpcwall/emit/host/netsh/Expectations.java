package dev.rpcwall.emit.host.netsh;

import dev.rpcwall.compiler.host.HostNote;
import dev.rpcwall.compiler.host.HostRule;
import dev.rpcwall.compiler.host.HostState;
import dev.rpcwall.compiler.host.ProfileSetting;
import dev.rpcwall.compiler.host.RegistryValue;
import dev.rpcwall.compiler.model.AddressCondition;
import dev.rpcwall.compiler.model.PortCondition;
import dev.rpcwall.compiler.model.WfasRule;
import dev.rpcwall.compiler.semantics.Profile;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The fixture corpus's expectation language: one line per rule, profile setting, RPC registry
 * value, WMI port and note, in the order the reader left them. A {@code .expect} file next to each
 * fixture holds the lines; notes are written {@code note <line> <category> ~<part of the
 * message>}.
 */
final class Expectations {
  private Expectations() {}

  static List<String> render(HostState host) {
    List<String> out = new ArrayList<>();
    for (HostRule hr : host.rules()) {
      out.add(rule(hr));
    }
    for (Profile p : Profile.values()) {
      ProfileSetting<?> d = host.defaultInbound().get(p);
      if (d != null) {
        out.add("default " + p.keyword() + " " + d.value().toString().toLowerCase(Locale.ROOT)
            + " @" + d.origin().line());
      }
    }
    for (Profile p : Profile.values()) {
      ProfileSetting<?> s = host.profileStates().get(p);
      if (s != null) {
        out.add("state " + p.keyword() + " " + s.value() + " @" + s.origin().line());
      }
    }
    for (Map.Entry<String, RegistryValue> e : host.rpcInternet().entrySet()) {
      RegistryValue v = e.getValue();
      out.add("rpc " + v.name() + " " + v.type() + " [" + String.join("|", v.data()) + "] @"
          + v.origin().line());
    }
    host.wmiFixedPort().ifPresent(w -> out.add("wmi " + w.value() + " @" + w.origin().line()));
    return out;
  }

  static String rule(HostRule hr) {
    WfasRule r = hr.rule();
    StringBuilder b = new StringBuilder("rule @").append(r.origin().line()).append(' ');
    b.append(hr.store()).append(" \"").append(r.displayName()).append("\" ");
    b.append(r.direction().toString().toLowerCase(Locale.ROOT)).append(' ');
    b.append(r.action().toString().toLowerCase(Locale.ROOT)).append(' ');
    b.append(r.protocol() == WfasRule.ANY_PROTOCOL ? "any" : Integer.toString(r.protocol()));
    b.append(" lport=").append(ports(r.localPorts()));
    b.append(" rport=").append(ports(r.remotePorts()));
    b.append(" lip=").append(addresses(r.localAddresses()));
    b.append(" rip=").append(addresses(r.remoteAddresses()));
    b.append(" profiles=").append(r.profiles().isEmpty() ? "any"
        : r.profiles().stream().sorted().map(Profile::keyword).collect(Collectors.joining(",")));
    b.append(r.enabled() ? " enabled" : " disabled");
    r.program().ifPresent(p -> b.append(" program=").append(p));
    r.service().ifPresent(p -> b.append(" service=").append(p));
    r.group().ifPresent(p -> b.append(" group=").append(p));
    if (!r.otherConditions().isEmpty()) {
      b.append(" other=").append(r.otherConditions());
    }
    return b.toString();
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

  static String note(HostNote n) {
    return "note " + n.at().line() + " " + n.category() + " " + n.message();
  }

  /** Whether {@code actual} (a rendered note) is what {@code expected} ({@code note L cat ~part}) says. */
  static boolean noteMatches(String expected, String actual) {
    int tilde = expected.indexOf(" ~");
    if (tilde < 0) {
      return expected.equals(actual);
    }
    String head = expected.substring(0, tilde);
    String part = expected.substring(tilde + 2);
    return actual.startsWith(head + " ") && actual.substring(head.length()).contains(part);
  }
}
