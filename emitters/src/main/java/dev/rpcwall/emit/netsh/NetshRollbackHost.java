package dev.rpcwall.emit.netsh;

import dev.rpcwall.compiler.model.WfasRule;
import dev.rpcwall.compiler.target.ScriptInput;
import dev.rpcwall.emit.RollbackHost;
import dev.rpcwall.emit.netsh.NetshQuoting.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The netsh target's host for the rollback proof. The policy's state is the two name lists under
 * its registry key ({@code rules}: the last successful run's, {@code rules.new}: a failed run's);
 * the rollback's {@code for /f} loops over {@code reg query} of them are replaced by one delete per
 * name they hold, as cmd.exe runs them, and the host's rules are created right after the rollback's banner, before
 * anything it removes. When the state moves elsewhere, this is the one place to follow it.
 */
public final class NetshRollbackHost implements RollbackHost<ScriptInput> {
  /** The name, after the policy's prefix, of the rule an earlier failed run left. */
  static final String STALE = "earlier-run-left-this";

  private static final String ADD = "netsh advfirewall firewall add rule ";
  private static final String BANNER = "echo rpcwall: rolling back policy ";
  private static final Pattern LOOP =
      Pattern.compile(
          "^.*\\bfor /f \"tokens=2,\\*\" %%A in \\('reg query \"[^\"]*\\\\(" + Pattern.quote(NetshEmitter.RULES)
              + "|" + Pattern.quote(NetshEmitter.PENDING) + ")\" 2\\^>nul \\^\\| findstr /c:\" REG_SZ \"'\\)"
              + " do (netsh advfirewall firewall delete rule name=\"[^\"%]*)%%B(\".*)$");

  @Override
  public String afterApplyThenRollback(
      ScriptInput input, String apply, String rollback, List<String> foreign, boolean stateKept) {
    String prefix = NetshEmitter.ruleNamePrefix(input.slug());
    List<String> host = new ArrayList<>();
    for (String name : foreign) {
      host.add(ADD + "name=" + NetshQuoting.quote(name, Kind.NAME)
          + " dir=in action=allow protocol=tcp localport=135 remoteip=any profile=any enable=yes");
    }
    if (stateKept) {
      host.add(ADD + "name=" + NetshQuoting.quote(prefix + STALE, Kind.NAME)
          + " dir=in action=block protocol=tcp localport=135 remoteip=any profile=any enable=yes");
    }
    for (String line : apply.split("\r\n", -1)) {
      if (line.startsWith(ADD)) {
        host.add(line);
      }
    }
    List<String> listed = new ArrayList<>();
    List<String> pending = new ArrayList<>();
    if (stateKept) {
      for (WfasRule r : input.rules().rules()) {
        listed.add(r.displayName().substring(prefix.length()));
      }
      pending.add(STALE);
    }
    StringBuilder out = new StringBuilder();
    boolean placed = false;
    for (String line : rollback.split("\r\n", -1)) {
      Matcher m = LOOP.matcher(line);
      if (m.matches()) {
        for (String n : m.group(1).equals(NetshEmitter.RULES) ? listed : pending) {
          out.append(m.group(2)).append(n).append(m.group(3)).append("\r\n");
        }
        continue;
      }
      out.append(line).append("\r\n");
      if (!placed && line.startsWith(BANNER)) {
        placed = true;
        host.forEach(h -> out.append(h).append("\r\n"));
      }
    }
    if (!placed) {
      // Nowhere to put the host's rules: the reader then finds them missing, never a pass.
      throw new IllegalStateException("the netsh rollback script has no '" + BANNER.strip() + "' line");
    }
    return out.substring(0, out.length() - 2);
  }

  /**
   * The rollback task, read with {@link NetshReader#tasks}: registered by the apply script before
   * its first change (else the reader fails), deleted by the rollback and the confirm script.
   */
  @Override
  public List<String> confirmProblems(
      ScriptInput input, String apply, String rollback, java.util.Optional<String> confirm) {
    NetshReader reader = new NetshReader();
    List<String> problems = new ArrayList<>();
    var a = tasks(reader, input.fileBase() + ".cmd", apply, problems);
    var r = tasks(reader, input.fileBase() + "-rollback.cmd", rollback, problems);
    var c = confirm.map(text -> tasks(reader, NetshEmitter.confirmName(input), text, problems));
    if (!problems.isEmpty()) {
      return problems;
    }
    return dev.rpcwall.emit.confirm.ConfirmedApply.problems(input,
        NetshEmitter.revertCopy(input), a, r, c);
  }

  private static dev.rpcwall.emit.confirm.ConfirmedApply.TaskEffects tasks(
      NetshReader reader, String name, String text, List<String> problems) {
    var read = reader.tasks(new dev.rpcwall.compiler.source.SourceFile(name, text));
    for (var d : read.diagnostics()) {
      if (d.severity() == dev.rpcwall.compiler.diag.Severity.ERROR) {
        problems.add(name + ": " + d.span().location() + ": " + d.message());
      }
    }
    return read.value().orElse(dev.rpcwall.emit.confirm.ConfirmedApply.TaskEffects.none());
  }

  @Override
  public List<String> hostSettingsProblems(ScriptInput input, String apply, String rollback) {
    return dev.rpcwall.emit.cmd.CmdHostSettings.rollbackProblems(input.slug(), apply, rollback);
  }
}
