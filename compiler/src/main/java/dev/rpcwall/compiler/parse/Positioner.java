package dev.rpcwall.compiler.parse;

import dev.rpcwall.compiler.source.SourceSpan;

/**
 * Maps a position in the text the lexer saw (1-based line, 0-based char in line, both UTF-16) to a
 * span in the user's file. For a {@code .rpcwall} file that is the identity; for a fragment taken
 * from a YAML scalar it shifts by the scalar's position.
 */
@FunctionalInterface
interface Positioner {
  SourceSpan at(int line, int charInLine, int length);
}
