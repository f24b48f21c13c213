package dev.rpcwall.emit.family;

import dev.rpcwall.compiler.diag.Diagnostics;
import dev.rpcwall.compiler.diag.Result;
import dev.rpcwall.compiler.semantics.DecisionMap;
import dev.rpcwall.compiler.target.EmittedFile;
import dev.rpcwall.compiler.target.Emitter;
import dev.rpcwall.compiler.target.Reader;
import dev.rpcwall.compiler.target.TargetId;
import dev.rpcwall.emit.Compilation;
import dev.rpcwall.emit.RollbackHost;
import dev.rpcwall.emit.ScriptEncoding;
import dev.rpcwall.emit.Target;
import java.util.List;
import java.util.Optional;

/**
 * A model family: one model of what Windows enforces, with the lowering into it, the emitter input
 * built from it, the translation check on what a script leaves on a host, and the rollback proof;
 * its dialects ({@link Target}: emitter, reader, encoding, rollback host) share all of these.
 * {@link Compilation} runs every family the same way and never asks which one it has.
 *
 * @param <L> the lowered form (WFAS: the rule set; legacy IPsec: the filters)
 * @param <I> what the family's emitters take (WFAS: {@code ScriptInput}; IPsec: {@code
 *     IpsecScriptInput})
 * @param <R> what the family's readers give back: the host after the script ran (WFAS: the rule
 *     set; IPsec: the {@code IpsecStore})
 */
public interface ModelFamily<L, I, R> {
  /** For messages: {@code Windows Firewall}, {@code legacy IPsec}. */
  String name();

  /**
   * Whether {@code --target all} may leave this family's dialects out, with a warning (RW2304),
   * when they cannot express or carry the policy; a family that is not optional makes the compile
   * fail instead.
   */
  boolean optional();

  /**
   * What the family's model cannot hold of the policy's texts and RPC settings, before lowering
   * (errors do not stop the dialects' own checks, so a user sees all of them at once).
   */
  void policyChecks(DecisionMap map, Diagnostics out);

  /**
   * The policy in the family's model; errors (at the policy's source) when it cannot be expressed,
   * warnings otherwise.
   */
  Result<L> lower(DecisionMap map, Compilation.Options options);

  /** The emitters' input: the lowered form and the script header facts. */
  I input(DecisionMap map, L lowered, ScriptHeader header);

  /**
   * Sentences the compile output prints once for this family's outputs (for example that the IPv6
   * part was left out); empty for most policies.
   */
  List<String> notes(I input);

  /**
   * Every way the files {@code target} emitted are not named as the CLI contract says; empty when
   * the family does not fix the names.
   */
  List<String> fileNameProblems(TargetId target, I input, List<EmittedFile> files);

  /**
   * Every way {@code readBack}, what the apply script leaves on a host as the dialect's reader
   * read it, does not mean the policy: one line per mismatch (the translation check), RPC settings
   * included.
   */
  List<String> translationProblems(DecisionMap map, I input, R readBack);

  /**
   * The rollback proof: the host after {@code apply} and then {@code rollback} (both decoded text)
   * on {@code target}'s {@link RollbackHost}, read by its reader, holds none of the policy's
   * objects and every foreign one. {@code applied} is the apply script as read back (empty when it
   * could not be read).
   */
  List<String> rollbackProblems(
      Target<I, R> target, I input, Optional<R> applied, String name, String apply, String rollback);

  /** A dialect of this family; {@code Targets} registers it in one line. */
  default Target<I, R> dialect(
      TargetId id,
      Emitter<I> emitter,
      Reader<R> reader,
      ScriptEncoding encoding,
      RollbackHost<I> rollbackHost) {
    return new Target<>(id, this, emitter, reader, encoding, rollbackHost);
  }
}
