package dev.rpcwall.emit;

import static java.util.Objects.requireNonNull;

import dev.rpcwall.compiler.model.WfasRuleSet;
import dev.rpcwall.compiler.target.Emitter;
import dev.rpcwall.compiler.target.Reader;
import dev.rpcwall.compiler.target.ScriptInput;
import dev.rpcwall.compiler.target.TargetId;

/**
 * A dialect: its emitter, the reader that inverts it, how Windows reads its files' bytes, and its
 * host model for the rollback proof.
 */
public record Target(
    TargetId id, Emitter<ScriptInput> emitter, Reader<WfasRuleSet> reader, ScriptEncoding encoding, RollbackHost rollbackHost) {
  public Target {
    requireNonNull(id, "id");
    requireNonNull(emitter, "emitter");
    requireNonNull(reader, "reader");
    requireNonNull(encoding, "encoding");
    requireNonNull(rollbackHost, "rollbackHost");
  }
}
