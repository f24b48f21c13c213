package dev.rpcwall.cli;

import dev.rpcwall.compiler.host.EffectiveHost;
import dev.rpcwall.compiler.lint.Evidence;
import dev.rpcwall.compiler.lint.Finding;
import dev.rpcwall.compiler.lint.LintCatalog;
import dev.rpcwall.compiler.semantics.DecisionMap;
import dev.rpcwall.compiler.source.SourceSpan;
import dev.rpcwall.compiler.verify.HostVerification;
import dev.rpcwall.compiler.verify.HostVerification.Difference;
import dev.rpcwall.compiler.verify.HostVerification.HostAnswer;
import dev.rpcwall.compiler.verify.HostVerification.HostCause;
import dev.rpcwall.compiler.verify.HostVerification.Model;
import dev.rpcwall.compiler.verify.HostVerification.PolicyAnswer;
import dev.rpcwall.compiler.verify.HostVerification.Report;
import dev.rpcwall.compiler.verify.HostVerification.Unknown;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code lint --policy}: the verify report of the host against the policy, as lint findings. Each
 * difference is an RWL0401 and each region without enough information an RWL0402, reported at the
 * first host rule that decides it (else the policy rule, else the first input), with every host
 * rule and the policy rule as evidence. The model is the one verify picks from the inputs; host
 * conditions are not assumed either way (verify's default).
 */
final class LintPolicy {
  private LintPolicy() {}

  static List<Finding> findings(DecisionMap policy, EffectiveHost host, String firstInput) {
    Model model = HostVerification.defaultModel(host);
    Report report = HostVerification.verify(policy, host, model, Optional.empty(), false);
    List<Finding> out = new ArrayList<>();
    for (Difference d : report.differences()) {
      List<Evidence> evidence = new ArrayList<>();
      causes(d.host(), "host " + d.host().decision() + ": ", evidence);
      evidence.add(policyEvidence(d.policy()));
      out.add(
          LintCatalog.POLICY_MISMATCH.finding(
              at(evidence, firstInput), d.describe(model), evidence));
    }
    for (Unknown u : report.notEnoughInformation()) {
      List<Evidence> evidence = new ArrayList<>();
      causes(u.ifMatch(), "if the conditions match, host " + u.ifMatch().decision() + ": ", evidence);
      causes(u.ifDiffer(), "if not, host " + u.ifDiffer().decision() + ": ", evidence);
      evidence.add(policyEvidence(u.policy()));
      out.add(
          LintCatalog.POLICY_UNKNOWN.finding(at(evidence, firstInput), u.describe(model), evidence));
    }
    return out;
  }

  private static void causes(HostAnswer answer, String prefix, List<Evidence> out) {
    for (HostCause c : answer.rules()) {
      out.add(new Evidence(prefix + c.describe(), c.at()));
    }
  }

  private static Evidence policyEvidence(PolicyAnswer policy) {
    return policy.rule().isPresent()
        ? new Evidence(
            "policy " + policy.decision().keyword() + ": rule " + policy.where(),
            policy.rule().get().origin())
        : new Evidence(
            "policy " + policy.decision().keyword() + ": the policy's default", SourceSpan.UNKNOWN);
  }

  /** The first evidence with a place; else line 1 of the first input. */
  private static SourceSpan at(List<Evidence> evidence, String firstInput) {
    for (Evidence e : evidence) {
      if (e.at().isKnown()) {
        return e.at();
      }
    }
    return new SourceSpan(firstInput, 1, 1, 0);
  }
}
