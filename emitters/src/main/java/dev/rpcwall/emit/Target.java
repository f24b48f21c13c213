package dev.rpcwall.emit;

import static java.util.Objects.requireNonNull;

import dev.rpcwall.compiler.target.Emitter;
import dev.rpcwall.compiler.target.Reader;
import dev.rpcwall.compiler.target.TargetId;
import dev.rpcwall.emit.family.ModelFamily;

/**
 * A dialect of one model family: its emitter (from the family's emitter input {@code I}), the
 * reader that inverts it (to the family's read-back form {@code R}), how Windows reads its files'
 * bytes, and its host model for the rollback proof. Made by {@link ModelFamily#dialect} and
 * registered in {@link Targets#registry()}.
 */
public record Target<I, R>(
    TargetId id,
    ModelFamily<?, I, R> family,
    Emitter<I> emitter,
    Reader<R> reader,
    ScriptEncoding encoding,
    RollbackHost<I> rollbackHost) {
  public Target {
    requireNonNull(id, "id");
    requireNonNull(family, "family");
    requireNonNull(emitter, "emitter");
    requireNonNull(reader, "reader");
    requireNonNull(encoding, "encoding");
    requireNonNull(rollbackHost, "rollbackHost");
  }
}
