package dev.rpcwall.emit.text;

import static java.util.Objects.requireNonNull;

import dev.rpcwall.compiler.target.EmittedFile;
import dev.rpcwall.compiler.target.LineEnding;
import java.nio.charset.Charset;

/**
 * Builds the text of one emitted file. It owns the line ending, so no emitter writes a line
 * terminator by hand; a value that itself contains a line break is a bug in the caller (quoting
 * must have rejected or escaped it), so it throws.
 */
public final class LineWriter {
  private final StringBuilder text = new StringBuilder(4096);
  private final LineEnding lineEnding;

  public LineWriter(LineEnding lineEnding) {
    this.lineEnding = requireNonNull(lineEnding, "lineEnding");
  }

  public LineWriter line(String line) {
    if (line.indexOf('\n') >= 0 || line.indexOf('\r') >= 0) {
      throw new IllegalArgumentException("line break inside an emitted line: " + line);
    }
    text.append(line).append(lineEnding.chars());
    return this;
  }

  public LineWriter blank() {
    text.append(lineEnding.chars());
    return this;
  }

  public String text() {
    return text.toString();
  }

  public EmittedFile toFile(String name, Charset charset, boolean bom) {
    return new EmittedFile(name, text(), lineEnding, charset, bom);
  }
}
