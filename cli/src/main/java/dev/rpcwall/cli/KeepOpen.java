package dev.rpcwall.cli;

import dev.rpcwall.cli.ExplainCommand.Flow;
import dev.rpcwall.compiler.diag.Codes;
import dev.rpcwall.compiler.diag.Diagnostics;
import dev.rpcwall.compiler.ir.Rule;
import dev.rpcwall.compiler.semantics.Decision;
import dev.rpcwall.compiler.semantics.DecisionMap;
import dev.rpcwall.compiler.semantics.Explanation;
import dev.rpcwall.compiler.semantics.Profile;
import dev.rpcwall.compiler.source.LoadResult;
import dev.rpcwall.compiler.source.SourceDecoder;
import dev.rpcwall.compiler.source.SourceFile;
import dev.rpcwall.compiler.source.SourceSpan;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * The lockout guard of {@code compile} (issue 9 point 6): flows the admins need, from
 * {@code --keep-open} (each {@code address,protocol,port[,profile]}) and from a
 * {@value #FILE_NAME} next to the policy (the probe CSV format of {@code explain --probes}), must
 * not be blocked by the policy in any profile they name (all three when none). A blocked flow is
 * an error at the rule that decides it, or at the {@code default} statement (exit 1, nothing
 * written). A flow the policy does not manage is left to what the host has and passes.
 */
final class KeepOpen {
  static final String FILE_NAME = "keep-open.csv";
  static final String ARG_SOURCE = "--keep-open";

  private KeepOpen() {}

  /**
   * Checks the flows; empty when none is blocked (or there are none), else the exit code after
   * printing: {@link ExitCodes#INVALID} for an unreadable flow, {@link ExitCodes#FINDINGS} for a
   * blocked one.
   */
  static OptionalInt check(String policyFile, List<String> args, RootOption root, DecisionMap map,
      Map<String, SourceFile> policySources, PrintWriter err) {
    Diagnostics diagnostics = new Diagnostics();
    Map<String, SourceFile> sources = new HashMap<>(policySources);
    List<Flow> flows = new ArrayList<>();
    if (!args.isEmpty()) {
      SourceFile given = new SourceFile(ARG_SOURCE, String.join("\n", args));
      sources.put(given.name(), given);
      flows.addAll(ProbeFile.parse(given, diagnostics));
    }
    Path next = Path.of(policyFile).toAbsolutePath().resolveSibling(FILE_NAME);
    if (Files.isRegularFile(next)) {
      String shown = Path.of(policyFile).resolveSibling(FILE_NAME).toString();
      LoadResult loaded = root.loader(shown).read(shown);
      if (!(loaded instanceof LoadResult.Found found)) {
        err.println("rpcwall compile: cannot read " + Reporter.safe(shown)
            + (loaded instanceof LoadResult.Refused r ? ": " + Reporter.safe(r.reason()) : ""));
        err.flush();
        return OptionalInt.of(ExitCodes.INVALID);
      }
      SourceFile csv = SourceDecoder.decode(shown, found.bytes(), diagnostics);
      sources.put(csv.name(), csv);
      flows.addAll(ProbeFile.parse(csv, diagnostics));
    }
    for (Flow f : flows) {
      if (f.expect().isPresent()) {
        diagnostics.error(Codes.PROBE_INVALID, f.origin(), "a keep-open flow has no expect column",
            "keep-open flows must simply not be blocked; remove the fifth column");
      }
    }
    if (diagnostics.hasErrors()) {
      Reporter.printText(err, diagnostics.sorted(), sources);
      err.flush();
      return OptionalInt.of(ExitCodes.INVALID);
    }
    for (Flow f : flows) {
      for (Profile p : Profile.values()) {
        if (f.profile().isPresent() && f.profile().get() != p) {
          continue;
        }
        Explanation e = map.decide(p, f.protocol(), f.port(), f.address());
        if (e.decision() != Decision.BLOCK) {
          continue;
        }
        String flow = f.address() + " " + f.protocol().keyword() + "/" + f.port();
        String from = "keep-open flow " + flow + " (" + Reporter.safe(f.origin().location()) + ")";
        if (e.rule().isPresent()) {
          Rule r = e.rule().get();
          diagnostics.error(Codes.LOCKOUT_KEEP_OPEN_BLOCKED, r.origin(),
              from + " is blocked in the " + p.keyword() + " profile by this rule",
              "allow " + flow + " in an earlier rule, or remove the flow from the keep-open list");
        } else {
          SourceSpan at = map.policy().defaultOrigin().isKnown() ? map.policy().defaultOrigin() : map.policy().nameOrigin();
          diagnostics.error(Codes.LOCKOUT_KEEP_OPEN_BLOCKED, at,
              from + " is blocked in the " + p.keyword() + " profile by the "
                  + (map.policy().defaultOrigin().isKnown() ? "default" : "implicit default (block)"),
              "add a rule that allows " + flow);
        }
      }
    }
    if (diagnostics.hasErrors()) {
      Reporter.printText(err, diagnostics.sorted(), sources);
      err.println("rpcwall compile: the policy blocks a flow that must stay open; nothing was written");
      err.flush();
      return OptionalInt.of(ExitCodes.FINDINGS);
    }
    return OptionalInt.empty();
  }
}
