package dev.rpcwall.emit;

import static java.util.Objects.requireNonNull;

import dev.rpcwall.compiler.target.EmittedFile;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * How Windows reads a script file of one dialect, so that the proof reads the bytes that are
 * written and not the text before encoding (issue 11 point 6). A file whose bytes Windows would
 * read differently from what the emitter meant is a verification problem.
 *
 * @param charset the code the bytes are decoded in, strictly (a byte that does not decode is a
 *     problem, never a replacement character)
 * @param bom whether the file must start with a UTF-8 byte order mark (Windows PowerShell 5.1
 *     reads a file without one in the ANSI code page); when false, a BOM is a problem too (cmd.exe
 *     would read it as part of the first command)
 */
public record ScriptEncoding(Charset charset, boolean bom) {
  /** netsh .cmd: ASCII only, no BOM, CRLF line ends (cmd.exe parses lines; a bare LF is not one). */
  public static final ScriptEncoding NETSH = new ScriptEncoding(StandardCharsets.US_ASCII, false);

  /** PowerShell .ps1: UTF-8 with a BOM, CRLF line ends. */
  public static final ScriptEncoding POWERSHELL = new ScriptEncoding(StandardCharsets.UTF_8, true);

  private static final byte[] UTF8_BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

  public ScriptEncoding {
    requireNonNull(charset, "charset");
  }

  /** What a read of {@code bytes} gives: the text, or the first reason it cannot be read as meant. */
  public sealed interface Decoded {}

  public record Text(String text) implements Decoded {}

  public record Problem(String message) implements Decoded {}

  /** Decodes {@code bytes} the way Windows reads a file of this dialect. */
  public Decoded decode(byte[] bytes) {
    boolean starts = bytes.length >= 3
        && bytes[0] == UTF8_BOM[0] && bytes[1] == UTF8_BOM[1] && bytes[2] == UTF8_BOM[2];
    if (bom && !starts) {
      return new Problem("the bytes do not start with the UTF-8 byte order mark this dialect needs");
    }
    if (!bom && starts) {
      return new Problem("the bytes start with a UTF-8 byte order mark, which this dialect reads as text");
    }
    int start = bom ? 3 : 0;
    String text;
    try {
      text = charset.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes, start, bytes.length - start))
          .toString();
    } catch (CharacterCodingException e) {
      return new Problem("the bytes do not decode as " + charset.name() + " (" + e.getMessage() + ")");
    }
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      boolean crlf = c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n';
      if (crlf) {
        i++;
      } else if (c == '\r' || c == '\n') {
        return new Problem("line " + line(text, i) + " ends with a bare "
            + (c == '\r' ? "CR" : "LF") + " instead of CRLF");
      }
    }
    return new Text(text);
  }

  /**
   * Every way {@code file}'s bytes fail to be read as its text: they do not decode in this
   * dialect, or decode to something else than the emitter meant (a character the charset replaced).
   */
  public List<String> problems(EmittedFile file) {
    Decoded d = decode(file.bytes());
    if (d instanceof Problem p) {
      return List.of(file.name() + ": " + p.message());
    }
    String text = ((Text) d).text();
    if (text.equals(file.text())) {
      return List.of();
    }
    return List.of(file.name() + ": the bytes decode to other text than the emitter wrote, first at"
        + " line " + line(text, firstDifference(text, file.text())));
  }

  private static int firstDifference(String a, String b) {
    int n = Math.min(a.length(), b.length());
    for (int i = 0; i < n; i++) {
      if (a.charAt(i) != b.charAt(i)) {
        return i;
      }
    }
    return n;
  }

  private static int line(String text, int index) {
    int line = 1;
    for (int i = 0; i < index && i < text.length(); i++) {
      if (text.charAt(i) == '\n') {
        line++;
      }
    }
    return line;
  }
}
