package dev.rpcwall.emit.family.ipsec;

import dev.rpcwall.compiler.diag.Codes;
import dev.rpcwall.compiler.diag.Diagnostics;
import dev.rpcwall.compiler.diag.Result;
import dev.rpcwall.compiler.ir.RpcSettings;
import dev.rpcwall.compiler.model.ipsec.IpsecAction;
import dev.rpcwall.compiler.model.ipsec.IpsecAddress;
import dev.rpcwall.compiler.model.ipsec.IpsecFilter;
import dev.rpcwall.compiler.model.ipsec.IpsecPolicy;
import dev.rpcwall.compiler.model.ipsec.IpsecRule;
import dev.rpcwall.compiler.model.ipsec.IpsecStore;
import dev.rpcwall.compiler.semantics.Ip;
import dev.rpcwall.compiler.semantics.PortRange;
import dev.rpcwall.compiler.semantics.PortSet;
import dev.rpcwall.compiler.source.SourceFile;
import dev.rpcwall.compiler.source.SourceSpan;
import dev.rpcwall.compiler.target.EmittedFile;
import dev.rpcwall.compiler.target.Emitter;
import dev.rpcwall.compiler.target.IpsecScriptInput;
import dev.rpcwall.compiler.target.LineEnding;
import dev.rpcwall.compiler.target.Reader;
import dev.rpcwall.compiler.target.TargetId;
import dev.rpcwall.emit.ScriptEncoding;
import dev.rpcwall.emit.Target;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.UnaryOperator;

/**
 * A minimal legacy IPsec dialect for testing the family frame before the real ones exist: one
 * command per line ({@code policy P}, {@code rule P R ACTION}, {@code filter P R SRC PROTO PORT},
 * {@code assign P}, {@code unassign P}, {@code delete P}, {@code deletelike PREFIX}, {@code rpc
 * PORTS}, {@code rpc none}), read back into an {@link IpsecStore}. {@code apply} and {@code
 * rollback} transform the texts to simulate broken dialects.
 */
final class StandInDialect {
  private StandInDialect() {}

  static Target<IpsecScriptInput, IpsecStore> target(
      TargetId id, UnaryOperator<String> apply, UnaryOperator<String> rollback) {
    return IpsecFamily.INSTANCE.dialect(id, new Emit(id, apply, rollback), new Read(id),
        ScriptEncoding.NETSH, new Host());
  }

  static Target<IpsecScriptInput, IpsecStore> target(TargetId id) {
    return target(id, UnaryOperator.identity(), UnaryOperator.identity());
  }

  static String policyName(IpsecScriptInput input) {
    return "rpcwall-" + input.slug();
  }

  record Emit(TargetId id, UnaryOperator<String> apply, UnaryOperator<String> rollback)
      implements Emitter<IpsecScriptInput> {
    @Override
    public TargetId target() {
      return id;
    }

    @Override
    public void check(IpsecScriptInput input, Diagnostics out) {
      if (input.policy().name().contains("\"")) {
        out.error(Codes.NETSH_QUOTE, input.policy().nameOrigin(), "stand-in: no quotes");
      }
    }

    @Override
    public List<EmittedFile> emit(IpsecScriptInput input) {
      String p = policyName(input);
      StringBuilder a = new StringBuilder();
      a.append("rem ").append(input.ipv6LeftOut() ? IpsecScriptInput.IPV6_LEFT_OUT : "all").append("\r\n");
      String unverified = input.verified() ? "" : "rem " + dev.rpcwall.compiler.target.ScriptInput.NOT_VERIFIED + "\r\n";
      a.append(unverified);
      a.append("policy ").append(p).append("\r\n");
      for (IpsecAction action : List.of(IpsecAction.BLOCK, IpsecAction.PASS)) {
        a.append("rule ").append(p).append(' ').append(action).append(' ').append(action).append("\r\n");
        for (IpsecFilter f : input.filters()) {
          if (f.action() == action) {
            a.append("filter ").append(p).append(' ').append(action).append(' ').append(f.source())
                .append(' ').append(f.protocol()).append(' ').append(f.destinationPort()).append("\r\n");
          }
        }
      }
      a.append("assign ").append(p).append("\r\n");
      a.append("rpc ").append(input.rpc().dynamicPorts().map(PortSet::toString).orElse("none")).append("\r\n");
      String r = unverified + "unassign " + p + "\r\ndelete " + p + "\r\nrpc none\r\n";
      String base = IpsecFamily.fileNames(id, input).get(0);
      String rb = IpsecFamily.fileNames(id, input).get(1);
      return List.of(
          new EmittedFile(base, apply.apply(a.toString()), LineEnding.CRLF, StandardCharsets.US_ASCII, false),
          new EmittedFile(rb, rollback.apply(r), LineEnding.CRLF, StandardCharsets.US_ASCII, false));
    }
  }

  /** Foreign policies as IpsecRollbackHost says, then apply, then rollback. */
  static final class Host implements IpsecRollbackHost {
    @Override
    public String afterApplyThenRollback(
        IpsecScriptInput input, String apply, String rollback, List<String> foreign, boolean stateKept) {
      StringBuilder b = new StringBuilder();
      for (String n : foreign) {
        String q = n.replace(' ', '_');
        b.append("policy ").append(q).append("\r\nrule ").append(q).append(' ').append(q)
            .append(" PASS\r\nfilter ").append(q).append(' ').append(q).append(" any 6 135\r\n");
      }
      return b + apply + rollback;
    }
  }

  record Read(TargetId id) implements Reader<IpsecStore> {
    @Override
    public TargetId target() {
      return id;
    }

    private static final class P {
      boolean assigned;
      final Map<String, IpsecAction> actions = new LinkedHashMap<>();
      final Map<String, List<IpsecFilter>> filters = new LinkedHashMap<>();
    }

    @Override
    public Result<IpsecStore> read(SourceFile file) {
      Diagnostics d = new Diagnostics();
      Map<String, P> policies = new LinkedHashMap<>();
      RpcSettings rpc = RpcSettings.NONE;
      String[] lines = file.text().split("\r\n", -1);
      for (int i = 0; i < lines.length; i++) {
        String[] w = lines[i].split(" ");
        SourceSpan at = SourceSpan.at(file.name(), i + 1, 1, Math.max(1, lines[i].length()));
        try {
          switch (w[0]) {
            case "", "rem" -> { }
            case "policy" -> policies.put(w[1], new P());
            case "rule" -> {
              policies.get(w[1]).actions.put(w[2], IpsecAction.valueOf(w[3]));
              policies.get(w[1]).filters.put(w[2], new ArrayList<>());
            }
            case "filter" -> {
              P p = policies.get(w[1]);
              p.filters.get(w[2]).add(IpsecFilter.inbound(address(w[3]), Integer.parseInt(w[4]),
                  Integer.parseInt(w[5]), p.actions.get(w[2])));
            }
            case "assign" -> policies.get(w[1]).assigned = true;
            case "unassign" -> policies.computeIfPresent(w[1], (k, v) -> {
              v.assigned = false;
              return v;
            });
            case "delete" -> policies.remove(w[1]);
            case "deletelike" -> policies.keySet().removeIf(n -> n.startsWith(w[1]));
            case "rpc" -> rpc = w[1].equals("none") ? RpcSettings.NONE
                : new RpcSettings(Optional.of(ports(w[1])), SourceSpan.UNKNOWN, OptionalInt.empty(),
                    SourceSpan.UNKNOWN);
            default -> d.error(Codes.NETSH_READ_COMMAND, at, "stand-in: unknown command " + w[0]);
          }
        } catch (RuntimeException e) {
          d.error(Codes.NETSH_READ_SYNTAX, at, "stand-in: cannot read: " + e);
        }
      }
      List<IpsecPolicy> out = new ArrayList<>();
      policies.forEach((n, p) -> {
        List<IpsecRule> rules = new ArrayList<>();
        p.actions.forEach((r, a) -> {
          String rn = r.replace('_', ' ');
          rules.add(new IpsecRule(rn, rn, rn, a, p.filters.get(r)));
        });
        out.add(new IpsecPolicy(n.replace('_', ' '), p.assigned, rules));
      });
      return Result.of(new IpsecStore(out, List.of(), rpc), d);
    }

    private static IpsecAddress address(String s) {
      if (s.equals("any")) {
        return IpsecAddress.any();
      }
      String[] p = s.split("/");
      return IpsecAddress.prefix(Ip.parse(p[0]).orElseThrow().lo(), p.length > 1 ? Integer.parseInt(p[1]) : 32);
    }

    private static PortSet ports(String s) {
      List<PortRange> out = new ArrayList<>();
      for (String r : s.split(",")) {
        String[] b = r.split("-");
        out.add(PortRange.of(Integer.parseInt(b[0]), Integer.parseInt(b[b.length - 1])));
      }
      return PortSet.of(out);
    }
  }
}
