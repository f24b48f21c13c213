package dev.rpcwall.compiler.target;

import static java.util.Objects.requireNonNull;

import dev.rpcwall.compiler.ir.Policy;
import dev.rpcwall.compiler.model.WfasRuleSet;

/**
 * What an emitter needs: the policy (for names, descriptions and their source spans), the lowered
 * rule set, and header facts. {@code slug} is the policy's identity on a host ({@link Slug#of}),
 * used in rule names, the group and the state folder; {@code sourceSha256} is the hex digest of
 * the main source bytes. {@code verified} is false when the output will be written without being
 * read back and checked ({@code compile --no-verify}): every script header then carries {@link
 * #NOT_VERIFIED}. {@code confirmMinutes} is 0, or the minutes of {@code compile --confirm-within}
 * (issue 9 point 5): the apply script then registers a task that rolls back unless confirmed.
 */
public record ScriptInput(
    Policy policy,
    WfasRuleSet rules,
    String slug,
    String sourceSha256,
    String toolVersion,
    boolean verified,
    int confirmMinutes) {
  /** The header line of a script written without the check (ASCII: both dialects carry it). */
  public static final String NOT_VERIFIED =
      "NOT VERIFIED: written with --no-verify; not checked against the policy (apply or rollback).";

  /** Output that will be checked before it is written. */
  public ScriptInput(
      Policy policy, WfasRuleSet rules, String slug, String sourceSha256, String toolVersion) {
    this(policy, rules, slug, sourceSha256, toolVersion, true);
  }

  /** Output without confirmed apply. */
  public ScriptInput(
      Policy policy, WfasRuleSet rules, String slug, String sourceSha256, String toolVersion,
      boolean verified) {
    this(policy, rules, slug, sourceSha256, toolVersion, verified, 0);
  }

  public ScriptInput {
    if (confirmMinutes < 0) {
      throw new IllegalArgumentException("confirmMinutes must be 0 (off) or positive");
    }
    requireNonNull(policy, "policy");
    requireNonNull(rules, "rules");
    requireNonNull(slug, "slug");
    requireNonNull(sourceSha256, "sourceSha256");
    requireNonNull(toolVersion, "toolVersion");
  }

  /** Whether the apply script registers a rollback that runs unless confirmed in time. */
  public boolean confirmed() {
    return confirmMinutes > 0;
  }

  /** The same input with confirmed apply after {@code minutes} (0: off). */
  public ScriptInput withConfirmMinutes(int minutes) {
    return new ScriptInput(policy, rules, slug, sourceSha256, toolVersion, verified, minutes);
  }

  /** The base of the emitted files' names ({@link Slug#fileBase}). */
  public String fileBase() {
    return Slug.fileBase(policy.name());
  }
}
