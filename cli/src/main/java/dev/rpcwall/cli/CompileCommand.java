package dev.rpcwall.cli;

import dev.rpcwall.compiler.Analysis;
import dev.rpcwall.compiler.model.AddressLimits;
import dev.rpcwall.compiler.target.EmittedFile;
import dev.rpcwall.compiler.target.TargetId;
import dev.rpcwall.emit.Compilation;
import dev.rpcwall.emit.Targets;
import dev.rpcwall.emit.confirm.ConfirmedApply;
import dev.rpcwall.emit.deploy.RpcArtifacts;
import dev.rpcwall.emit.sigma.SigmaRules;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code rpcwall compile}: lower a policy to Windows Firewall rules and emit scripts. Every compile
 * reads its own output back and proves it decides like the policy before anything is written.
 */
@Command(
    name = "compile",
    description = {
      "Compile a policy to apply scripts and their rollbacks: netsh (.cmd) and PowerShell (.ps1)"
          + " for Windows Firewall, and the legacy IPsec dialects (ipsecpol, ipseccmd,"
          + " netsh-ipsec: DIR/<name>-<target>.cmd) where built in.",
      "Named targets only (not in all, need -o): reg, admx, sceregvl (the RPC range for the"
          + " registry and Group Policy) and sigma (Sigma detection rules, one YAML file each).",
      "The emitted text is read back and checked region by region against the policy (every"
          + " profile, protocol, port and address; with and without an allow-any rule already on the"
          + " host); nothing is written when the check fails."
    },
    mixinStandardHelpOptions = true)
final class CompileCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "FILE", description = "The policy (.rpcwall or YAML).")
  String file;

  @Option(
      names = {"-t", "--target"},
      required = true,
      paramLabel = "TARGET",
      description = "Target (netsh, powershell, a built-in legacy IPsec dialect, reg, admx, sceregvl,"
          + " sigma), or all:"
          + " every target, the legacy IPsec ones only for a policy they can express (else a"
          + " warning says which were skipped and why).")
  String target;

  @Option(
      names = "--ipv4-only",
      description = "Legacy IPsec targets: leave the policy's IPv6 part out (the agent filters IPv4"
          + " only); without it a policy that decides IPv6 traffic is an error for them.")
  boolean ipv4Only;

  @Option(
      names = {"-o", "--output"},
      paramLabel = "DIR",
      description = "Write apply and rollback scripts here (default: the apply script to stdout).")
  Path output;

  @Option(
      names = "--no-verify",
      description =
          "Skip reading the output back and checking it; prints a warning and marks every script"
              + " NOT VERIFIED in its header.")
  boolean noVerify;

  @Option(
      names = "--max-addresses",
      paramLabel = "N",
      description = "Most remote address entries in one rule (default: ${DEFAULT-VALUE}).")
  int maxAddresses = AddressLimits.MAX_ENTRIES;

  @Option(
      names = "--keep-open",
      paramLabel = "FLOW",
      description =
          "A flow that must stay open, address,protocol,port[,profile] (e.g. 10.1.1.5,tcp,5985);"
              + " repeatable. Flows in keep-open.csv next to the policy (explain --probes format)"
              + " count too. Compile fails (exit 1, nothing written) when the policy blocks one.")
  java.util.List<String> keepOpen = new java.util.ArrayList<>();

  @Option(
      names = "--confirm-within",
      paramLabel = "MINUTES",
      description = "netsh and powershell: confirmed apply. Before its first change the apply script"
          + " registers a task, run as SYSTEM, that rolls the policy back after MINUTES (1 to"
          + " 1440) unless DIR/<name>-confirm.cmd|.ps1 deletes it first. Needs -o; with all, the"
          + " legacy IPsec targets are left out. See docs/deploy/confirmed-apply.md.")
  String confirmWithin;

  @Mixin RootOption root;

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Set<TargetId> targets = parseTargets();
    if (targets.isEmpty()) {
      err.println("rpcwall compile: unknown target '" + Reporter.safe(target) + "'; use "
          + TargetOption.choices());
      return ExitCodes.INVALID;
    }
    if (targets.size() > 1 && output == null) {
      err.println("rpcwall compile: --target all writes several files; give an output directory with -o");
      return ExitCodes.INVALID;
    }
    boolean sigma = targets.remove(TargetId.SIGMA);
    if (sigma && output == null) {
      err.println("rpcwall compile: --target sigma writes one YAML file per detection rule, not to"
          + " the console; give an output directory with -o");
      return ExitCodes.INVALID;
    }
    if (sigma && confirmWithin != null) {
      err.println("rpcwall compile: --confirm-within is for the script targets netsh and powershell"
          + " (or all), not --target " + Reporter.safe(target));
      return ExitCodes.INVALID;
    }
    Set<TargetId> deploy = java.util.EnumSet.noneOf(TargetId.class);
    targets.stream().filter(RpcArtifacts.TARGETS::contains).forEach(deploy::add);
    targets.removeAll(deploy);
    if (!deploy.isEmpty() && output == null) {
      err.println("rpcwall compile: --target " + Reporter.safe(target) + " writes files for Group"
          + " Policy and the registry (UTF-16 .reg, XML, .inf), not to the console; give an output"
          + " directory with -o");
      return ExitCodes.INVALID;
    }
    if (maxAddresses < 1) {
      err.println("rpcwall compile: --max-addresses must be at least 1");
      return ExitCodes.INVALID;
    }
    int confirmMinutes = 0;
    if (confirmWithin != null) {
      java.util.OptionalInt minutes = confirmMinutes(err, deploy, targets);
      if (minutes.isEmpty()) {
        return ExitCodes.INVALID;
      }
      confirmMinutes = minutes.getAsInt();
    }
    Analysis analysis = root.analyze(file);
    if (analysis.hasErrors()) {
      Reporter.printText(err, analysis.diagnostics(), analysis.sources());
      return ExitCodes.INVALID;
    }
    Reporter.printText(err, analysis.diagnostics(), analysis.sources());
    java.util.OptionalInt kept = KeepOpen.check(file, keepOpen, root, analysis.decisionMap().orElseThrow(),
        analysis.sources(), err);
    if (kept.isPresent()) {
      return kept.getAsInt();
    }
    if (sigma) {
      // The rules are always read back and proved against the policy: --no-verify does not apply.
      return writeSigma(analysis, err);
    }
    if (!deploy.isEmpty()) {
      // The deployment files are small and always self-checked: --no-verify does not apply.
      return writeArtifacts(deploy, analysis, err);
    }
    if (noVerify) {
      err.println("rpcwall compile: warning: --no-verify: the output is not read back nor checked"
          + " against the policy (apply or rollback); every script says NOT VERIFIED in its header");
    }
    Compilation.Options options =
        new Compilation.Options(
                Compilation.Options.defaults().lowering().withMaxAddressEntries(maxAddresses),
                !noVerify)
            .withIpv4Only(ipv4Only)
            .withSkipInexpressible(TargetOption.isAll(target))
            .withConfirmMinutes(confirmMinutes);
    Compilation.Output result =
        Compilation.compile(analysis.decisionMap().orElseThrow(), analysis.mainBytes(), targets, options);
    Reporter.printText(err, result.diagnostics(), analysis.sources());
    if (result.hasErrors()) {
      return ExitCodes.INVALID;
    }
    for (String note : result.notes()) {
      err.println("rpcwall compile: " + note);
    }
    if (!result.verificationProblems().isEmpty()) {
      err.println("rpcwall compile: internal error: the output does not mean the policy; nothing was"
          + " written. Please report this with the policy file.");
      result.verificationProblems().stream().limit(20).forEach(p -> err.println("  " + p));
      err.flush();
      return ExitCodes.INTERNAL;
    }
    if (output == null) {
      out.print(result.files().get(0).text());
      out.flush();
      return ExitCodes.OK;
    }
    return write(result.files(), err);
  }

  /**
   * The deployment artifacts (issue 9): each checked, emitted and self-checked (what it writes to
   * the registry equals the policy's RPC settings); an error is exit 2, a failed self-check exit
   * 3, and either way nothing is written.
   */
  private int writeArtifacts(Set<TargetId> deploy, Analysis analysis, PrintWriter err) {
    List<EmittedFile> all = new java.util.ArrayList<>();
    List<String> problems = new java.util.ArrayList<>();
    boolean errors = false;
    for (TargetId t : deploy) {
      RpcArtifacts.Output o = RpcArtifacts.compile(t, analysis.decisionMap().orElseThrow().policy(),
          analysis.mainBytes(), Compilation.TOOL_VERSION);
      Reporter.printText(err, o.diagnostics().sorted(), analysis.sources());
      errors |= o.diagnostics().hasErrors();
      o.verificationProblems().forEach(p -> problems.add(t.keyword() + ": " + p));
      all.addAll(o.files());
    }
    if (errors) {
      return ExitCodes.INVALID;
    }
    if (!problems.isEmpty()) {
      err.println("rpcwall compile: internal error: the output does not write the policy's RPC"
          + " settings; nothing was written. Please report this with the policy file.");
      problems.stream().limit(20).forEach(p -> err.println("  " + p));
      err.flush();
      return ExitCodes.INTERNAL;
    }
    return write(all, err);
  }

  /**
   * The Sigma rules (issue 10): checked, emitted, read back and proved to match exactly what the
   * policy blocks on the RPC/WMI ports; an error is exit 2, a failed proof exit 3, and either way
   * nothing is written.
   */
  private int writeSigma(Analysis analysis, PrintWriter err) {
    SigmaRules.Output o = SigmaRules.compile(analysis.decisionMap().orElseThrow(), analysis.mainBytes(),
        Compilation.TOOL_VERSION);
    Reporter.printText(err, o.diagnostics().sorted(), analysis.sources());
    if (o.diagnostics().hasErrors()) {
      return ExitCodes.INVALID;
    }
    if (!o.verificationProblems().isEmpty()) {
      err.println("rpcwall compile: internal error: the Sigma rules do not match what the policy"
          + " blocks; nothing was written. Please report this with the policy file.");
      o.verificationProblems().stream().limit(20).forEach(p -> err.println("  sigma: " + p));
      err.flush();
      return ExitCodes.INTERNAL;
    }
    return write(o.files(), err);
  }

  /** Writes every file under {@link #output}, or none (exit 2 when that fails). */
  private int write(List<EmittedFile> emitted, PrintWriter err) {
    Map<Path, byte[]> files = new LinkedHashMap<>();
    for (EmittedFile f : emitted) {
      files.put(output.resolve(f.name()), f.bytes());
    }
    try {
      AtomicFiles.writeAll(files);
    } catch (AtomicFiles.WriteFailure f) {
      // An output path that is a directory, read-only or missing its parent is the user's to fix
      // (exit 2, DESIGN.md section 5), not a bug. The message says what is on disk now.
      err.println("rpcwall compile: cannot write the scripts to " + output + ": " + describe(f.reason())
          + "; " + (f.notRestored().isEmpty()
              ? "nothing was written (files already there are as they were)"
              : "the files placed before the failure could not all be put back; these now hold the"
                  + " new output, the others are as they were: " + f.notRestored()));
      err.flush();
      return ExitCodes.INVALID;
    } catch (IOException | java.nio.file.InvalidPathException | SecurityException e) {
      // Failed before any file was placed: AtomicFiles left nothing behind.
      err.println("rpcwall compile: cannot write the scripts to " + output + ": " + describe(e)
          + "; nothing was written");
      err.flush();
      return ExitCodes.INVALID;
    }
    files.keySet().forEach(p -> err.println("wrote " + p));
    err.flush();
    return ExitCodes.OK;
  }

  private static String describe(Exception e) {
    if (e instanceof java.nio.file.FileAlreadyExistsException f) {
      return f.getFile() + " exists and is not a directory";
    }
    if (e instanceof java.nio.file.AccessDeniedException a) {
      return "permission denied (" + a.getFile() + ")";
    }
    if (e instanceof java.nio.file.FileSystemException f && f.getReason() != null) {
      return f.getReason() + " (" + f.getFile() + ")";
    }
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }

  /**
   * {@code --confirm-within} (issue 9 point 5): a whole number of minutes from 1 to 1440, for the
   * netsh and powershell targets, with an output directory (the confirm script is a file of its
   * own). With {@code all} the targets without confirmed apply (the legacy IPsec dialects) are
   * removed from {@code targets}, and a line says so. Empty after printing why when not valid.
   */
  private java.util.OptionalInt confirmMinutes(
      PrintWriter err, Set<TargetId> deploy, Set<TargetId> targets) {
    String v = confirmWithin.trim();
    int minutes;
    try {
      minutes = v.matches("[0-9]{1,5}") ? Integer.parseInt(v) : -1;
    } catch (NumberFormatException e) {
      minutes = -1;
    }
    if (!ConfirmedApply.validMinutes(minutes)) {
      err.println("rpcwall compile: --confirm-within takes a whole number of minutes from "
          + ConfirmedApply.MIN_MINUTES + " to " + ConfirmedApply.MAX_MINUTES + ", not '"
          + Reporter.safe(confirmWithin) + "'");
      return java.util.OptionalInt.empty();
    }
    Set<TargetId> wfas = Targets.wfas().keySet();
    boolean all = TargetOption.isAll(target);
    if (!deploy.isEmpty() || (!all && !wfas.containsAll(targets))) {
      err.println("rpcwall compile: --confirm-within is for the script targets netsh and powershell"
          + " (or all), not --target " + Reporter.safe(target));
      return java.util.OptionalInt.empty();
    }
    if (output == null) {
      err.println("rpcwall compile: --confirm-within writes a confirm script next to the apply"
          + " script; give an output directory with -o");
      return java.util.OptionalInt.empty();
    }
    if (all && targets.retainAll(wfas)) {
      err.println("rpcwall compile: --confirm-within: the legacy IPsec targets have no confirmed"
          + " apply and are left out; compile them without it");
    }
    return java.util.OptionalInt.of(minutes);
  }

  private Set<TargetId> parseTargets() {
    return TargetOption.parse(target);
  }

}
