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

/**
 * Turns the bytes of a policy file into a {@link SourceFile}: strict UTF-8 with a leading BOM
 * skipped, or UTF-16 when the file starts with a UTF-16 byte order mark (Notepad's "Unicode" and
 * PowerShell 5.1's {@code Out-File} default write that).
 */
public final class SourceDecoder {
  private SourceDecoder() {}

  /**
   * Decodes {@code bytes} as strict UTF-8. Invalid input is reported once, at the line and column
   * of the first bad byte, and the returned file has each bad sequence replaced by U+FFFD so later
   * phases still see the rest of the text.
   */
  public static SourceFile decode(String name, byte[] bytes, Diagnostics diagnostics) {
    if (bytes.length >= 2 && (bytes[0] & 0xFF) == 0xFF && (bytes[1] & 0xFF) == 0xFE) {
      return decodeUtf16(name, bytes, StandardCharsets.UTF_16LE, diagnostics);
    }
    if (bytes.length >= 2 && (bytes[0] & 0xFF) == 0xFE && (bytes[1] & 0xFF) == 0xFF) {
      return decodeUtf16(name, bytes, StandardCharsets.UTF_16BE, diagnostics);
    }
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
    SourceFile file = new SourceFile(name, loneCrToLf(out.toString()));
    if (firstBad >= 0) {
      boolean utf16 = looksLikeUtf16(bytes);
      diagnostics.error(
          Codes.SYNTAX_INVALID_UTF8,
          file.spanAt(firstBad, 1),
          utf16 ? "file looks like UTF-16 without a byte order mark" : "file is not valid UTF-8",
          utf16 ? "UTF-16: save the file as UTF-8" : "save the file as UTF-8");
    }
    return file;
  }

  private static SourceFile decodeUtf16(
      String name, byte[] bytes, java.nio.charset.Charset charset, Diagnostics diagnostics) {
    CharsetDecoder strict =
        charset.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    try {
      return new SourceFile(name, loneCrToLf(strict.decode(ByteBuffer.wrap(bytes, 2, bytes.length - 2)).toString()));
    } catch (CharacterCodingException e) {
      SourceFile file =
          new SourceFile(name, new String(bytes, 2, bytes.length - 2, charset));
      diagnostics.error(
          Codes.SYNTAX_INVALID_UTF8,
          file.spanAt(0, 1),
          "file starts with a UTF-16 byte order mark but is not valid UTF-16",
          "UTF-16: save the file as UTF-8");
      return file;
    }
  }

  /**
   * A lone CR (old Mac line ends) becomes LF: {@link SourceFile} ends a line there, and so must
   * the policy parsers, which count lines at LF; otherwise every location in such a file would
   * say line 1. CRLF is kept as it is.
   */
  static String loneCrToLf(String text) {
    int cr = text.indexOf('\r');
    if (cr < 0) {
      return text;
    }
    char[] chars = text.toCharArray();
    for (int i = cr; i < chars.length; i++) {
      if (chars[i] == '\r' && (i + 1 == chars.length || chars[i + 1] != '\n')) {
        chars[i] = '\n';
      }
    }
    return new String(chars);
  }

  /** Many zero bytes at odd or even positions: ASCII text written as UTF-16 without a BOM. */
  private static boolean looksLikeUtf16(byte[] bytes) {
    int n = Math.min(bytes.length, 4096);
    int zeros = 0;
    for (int i = 0; i < n; i++) {
      if (bytes[i] == 0) {
        zeros++;
      }
    }
    return n >= 4 && zeros * 4 >= n;
  }
}
