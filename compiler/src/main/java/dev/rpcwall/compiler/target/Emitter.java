package dev.rpcwall.compiler.target;

import dev.rpcwall.compiler.diag.Diagnostics;
import java.util.List;

/**
 * Turns the lowered form of one model family ({@code I}: the WFAS rule set in a {@link
 * ScriptInput}, or the IPsec filters in an {@link IpsecScriptInput}) into the text of one dialect.
 * Pure: no I/O, no clock, no environment.
 */
public interface Emitter<I> {
  TargetId target();

  /**
   * Reports, at the policy's source spans, everything this dialect cannot carry (characters that
   * cannot be quoted safely, limits). {@link #emit} is only called when this found no error.
   */
  void check(I input, Diagnostics out);

  /** The apply script first, then the rollback script. Same input, same bytes. */
  List<EmittedFile> emit(I input);
}
