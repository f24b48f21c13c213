package dev.rpcwall.compiler.source;

import dev.rpcwall.compiler.diag.Codes;
import dev.rpcwall.compiler.diag.Diagnostics;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** Turns the bytes of a policy file into a {@link SourceFile}: strict UTF-8, a leading BOM skipped. */
public final class SourceDecoder {
  private SourceDecoder() {}

  /**
   * Decodes {@code bytes} as strict UTF-8. Invalid input is reported once, at the line and column
   * of the first bad byte, and the returned file has each bad sequence replaced by U+FFFD so later
   * phases still see the rest of the text.
   */
  public static SourceFile decode(String name, byte[] bytes, Diagnostics diagnostics) {
    int start = 0;
    if (bytes.length >= 3
        && (bytes[0] & 0xFF) == 0xEF
        && (bytes[1] & 0xFF) == 0xBB
        && (bytes[2] & 0xFF) == 0xBF) {
      start = 3;
    }
    ByteBuffer in = ByteBuffer.wrap(bytes, start, bytes.length - start);
    CharsetDecoder strict =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    CharBuffer out = CharBuffer.allocate(Math.max(16, bytes.length - start));
    int firstBad = -1;
    while (true) {
      CoderResult r = strict.decode(in, out, true);
      if (r.isUnderflow()) {
        break;
      }
      if (r.isOverflow()) {
        // UTF-8 never decodes to more chars than bytes, so this cannot happen; grow anyway.
        CharBuffer bigger = CharBuffer.allocate(out.capacity() * 2 + 16);
        out.flip();
        bigger.put(out);
        out = bigger;
        continue;
      }
      if (firstBad < 0) {
        firstBad = out.position();
      }
      in.position(in.position() + r.length());
      out.put('\uFFFD');
    }
    try {
      CoderResult r = strict.flush(out);
      if (r.isError()) {
        r.throwException();
      }
    } catch (CharacterCodingException e) {
      throw new IllegalStateException("UTF-8 decoder flush failed", e);
    }
    out.flip();
    SourceFile file = new SourceFile(name, out.toString());
    if (firstBad >= 0) {
      diagnostics.error(
          Codes.SYNTAX_INVALID_UTF8,
          file.spanAt(firstBad, 1),
          "file is not valid UTF-8",
          "save the file as UTF-8");
    }
    return file;
  }
}
