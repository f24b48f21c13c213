package dev.rpcwall.compiler.lint;

import dev.rpcwall.compiler.host.EffectiveHost;
import dev.rpcwall.compiler.host.HostIpsecFilter;
import dev.rpcwall.compiler.host.ProfileSetting;
import dev.rpcwall.compiler.host.Roles;
import dev.rpcwall.compiler.ir.Action;
import dev.rpcwall.compiler.lint.HostModel.Reach;
import dev.rpcwall.compiler.model.EvaluationOptions.ProfileState;
import dev.rpcwall.compiler.semantics.PortSet;
import dev.rpcwall.compiler.semantics.Profile;
import dev.rpcwall.compiler.semantics.Protocol;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What one host enforces, as text for {@code lint --show-effective}: per profile and protocol, the
 * local port ranges and the remote addresses that reach them unsolicited, and what allows each
 * (a rule traced to file:line, the profile default, a firewall that is off). The assumptions made
 * where no input says are listed first. Deterministic: the same host gives the same text.
 *
 * <p>Lines marked {@code (depends on the host: ...)} are allowed under one reading of the
 * conditions only the host resolves, or when an uncertain legacy IPsec verdict passes (see {@link
 * HostModel}); the others are allowed under both. Ports and addresses not listed are blocked.
 */
public final class EffectiveView {
  private EffectiveView() {}

  /** The view, with the Internet read as every address outside the private and special ranges. */
  public static String render(EffectiveHost host) {
    return render(host, Roles.NONE);
  }

  /** The view; {@code roles} names what counts as the Internet in address texts. */
  public static String render(EffectiveHost host, Roles roles) {
    HostModel m = new HostModel(host, roles);
    StringBuilder sb = new StringBuilder();
    sb.append("Effective inbound policy: what reaches this host unsolicited\n");
    sb.append("(").append(host.rules().size()).append(" firewall rule")
        .append(host.rules().size() == 1 ? "" : "s").append(", ")
        .append(host.state().ipsecFilters().size()).append(" legacy IPsec filter")
        .append(host.state().ipsecFilters().size() == 1 ? "" : "s").append(")\n");
    sb.append("Assumed:\n");
    for (String a : assumptions(m)) {
      sb.append("  - ").append(a).append('\n');
    }
    for (Profile p : Profile.values()) {
      sb.append('\n').append("profile ").append(p.keyword()).append(": ").append(header(m, p))
          .append('\n');
      for (Protocol t : Protocol.values()) {
        sb.append("  ").append(t.keyword()).append(":\n");
        List<Reach> reaches = m.reach(p, t, PortSet.all(), HostModel.everyone());
        if (reaches.isEmpty()) {
          sb.append("    nothing reachable\n");
          continue;
        }
        List<String[]> rows = new ArrayList<>();
        int width = 0;
        for (Reach r : reaches) {
          String ports = r.ports().toString();
          width = Math.max(width, ports.length());
          rows.add(new String[] {ports,
              "from " + AddressText.full(r.addresses(), m.internet) + "  allowed by "
                  + r.cause().text()
                  + (r.certain() ? "" : "  (depends on the host: " + r.dependsOn() + ")")});
        }
        for (String[] row : rows) {
          sb.append("    ").append(row[0]).append(" ".repeat(width - row[0].length() + 2))
              .append(row[1]).append('\n');
        }
      }
    }
    return sb.toString();
  }

  private static String header(HostModel m, Profile p) {
    ProfileState s = m.profileState(p);
    ProfileSetting<ProfileState> set = m.state.profileStates().get(p);
    String state = switch (s) {
      case ENFORCING -> "firewall on";
      case FIREWALL_OFF -> "firewall OFF, nothing is blocked";
      case SHIELDED -> "shielded, every unsolicited inbound connection is blocked";
      case LOCAL_RULES_IGNORED -> "local rules ignored, Group Policy rules only";
    };
    if (set != null) {
      state += " (" + set.origin().location() + ")";
    }
    ProfileSetting<Action> d = m.state.defaultInbound().get(p);
    String def = d == null
        ? "default inbound block (assumed)"
        : "default inbound " + d.value().name().toLowerCase(Locale.ROOT) + " ("
            + d.origin().location() + ")";
    return state + ", " + def;
  }

  static List<String> assumptions(HostModel m) {
    List<String> out = new ArrayList<>();
    List<Profile> assumed = m.host.assumedDefaults();
    if (!assumed.isEmpty()) {
      List<String> names = new ArrayList<>();
      for (Profile p : assumed) {
        names.add(p.keyword());
      }
      out.add("default inbound action block in " + String.join(", ", names)
          + " (no input sets it; Windows' default)");
    }
    List<String> states = new ArrayList<>();
    for (Profile p : Profile.values()) {
      if (!m.state.profileStates().containsKey(p)) {
        states.add(p.keyword());
      }
    }
    if (!states.isEmpty()) {
      out.add("firewall on and local rules merged in " + String.join(", ", states)
          + " (no input says otherwise)");
    }
    out.add("RPC dynamic range: " + m.rpc.description
        + "; the port keyword RPC is read as this range");
    m.rpc.wmiFixedPort.ifPresent(port ->
        out.add("WMI fixed port tcp/" + port + " (" + m.rpc.wmiOrigin.location() + ")"));
    out.add("loopback (127.0.0.0/8, ::1) is never filtered and is not listed");
    out.add("conditions only the host resolves (program, service, local address, remote port,"
        + " keywords such as LocalSubnet, conditions an input leaves out) are read both ways;"
        + " what only one reading allows says so");
    if (m.hasIpsec()) {
      HostIpsecFilter first = m.state.ipsecFilters().get(0);
      out.add("legacy IPsec filters (" + m.state.ipsecFilters().size() + ", from "
          + first.origin().location() + ") and the firewall both apply: a packet gets through"
          + " only if the filters pass it (Kerberos and IKE exempt) and the firewall allows it;"
          + " IPv6 is the firewall's alone");
      if (m.unevaluatedIpsecFilters() > 0) {
        out.add(m.unevaluatedIpsecFilters() + " IPsec filter(s) with a destination address block"
            + " are not evaluated: IPsec is not relied on to block");
      }
    }
    if (!m.internetAssumed) {
      out.add("the Internet is the roles file's internet");
    }
    out.add("only TCP and UDP are shown; outbound rules are not part of this view");
    return out;
  }
}
