package dev.rpcwall.compiler.host;

import dev.rpcwall.compiler.source.SourceFile;
import java.util.List;

/**
 * One input format as found on hosts (a netsh script, a {@code show rule} dump, a CSV export, a
 * registry file, ...). Readers are chosen by content, not by file name: each says how sure it is
 * that a text is its format, and the most confident one reads it. A reader never throws on its
 * input: what it does not understand is a {@link HostNote} with file:line:col, and it reads on.
 */
public interface HostReader {
  /** The format's stable name as printed in lint's {@code files[].format} (e.g. {@code netsh}). */
  String format();

  /**
   * How sure the reader is that {@code text} is its format: 0 not at all, 100 certain (a header
   * only this format has). Cheap: looks at the first lines or a few markers, never parses it all.
   */
  int recognise(String text);

  /**
   * Applies what {@code file} does to {@code host} (statements in order: a later {@code delete} or
   * {@code set} acts on rules earlier files created) and adds what it could not read to {@code
   * notes}.
   */
  void read(SourceFile file, HostState host, List<HostNote> notes);
}
