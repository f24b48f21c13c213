package dev.rpcwall.emit;

import static java.util.Objects.requireNonNull;

import dev.rpcwall.compiler.target.Emitter;
import dev.rpcwall.compiler.target.Reader;
import dev.rpcwall.compiler.target.TargetId;

/** A dialect: its emitter and the reader that inverts it. */
public record Target(TargetId id, Emitter emitter, Reader reader) {
  public Target {
    requireNonNull(id, "id");
    requireNonNull(emitter, "emitter");
    requireNonNull(reader, "reader");
  }
}
