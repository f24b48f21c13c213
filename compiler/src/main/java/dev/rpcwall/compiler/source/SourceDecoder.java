package dev.rpcwall.compiler.source;

import dev.rpcwall.compiler.diag.Codes;
import dev.rpcwall.compiler.diag.Diagnostics;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Turns the bytes of a policy file into a {@link SourceFile}: strict UTF-8 with a leading BOM
 * skipped, or UTF-16 when the file starts with a UTF-16 byte order mark (Notepad's "Unicode" and
 * PowerShell 5.1's {@code Out-File} default write that).
 */
public final class SourceDecoder {
  private SourceDecoder() {}

  /**
   * The byte order marks a policy file may start with, in the order they are recognised; the one
   * detection for reading a file and for writing it back in its encoding ({@code rpcwall fmt}).
   */
  public enum Bom {
    UTF16LE(new byte[] {(byte) 0xFF, (byte) 0xFE}, StandardCharsets.UTF_16LE),
    UTF16BE(new byte[] {(byte) 0xFE, (byte) 0xFF}, StandardCharsets.UTF_16BE),
    UTF8(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, StandardCharsets.UTF_8),
    NONE(new byte[0], StandardCharsets.UTF_8);

    private final byte[] mark;
    private final Charset charset;

    Bom(byte[] mark, Charset charset) {
      this.mark = mark;
      this.charset = charset;
    }

    /** The mark {@code bytes} start with ({@link #NONE} when none: strict UTF-8). */
    public static Bom of(byte[] bytes) {
      for (Bom b : values()) {
        if (bytes.length >= b.mark.length
            && Arrays.equals(bytes, 0, b.mark.length, b.mark, 0, b.mark.length)) {
          return b;
        }
      }
      return NONE;
    }

    /** The length of the mark in bytes. */
    public int length() {
      return mark.length;
    }

    /** The encoding of the text after the mark. */
    public Charset charset() {
      return charset;
    }

    /** {@code text} in this encoding, preceded by this mark. */
    public byte[] encode(String text) {
      byte[] body = text.getBytes(charset);
      byte[] out = Arrays.copyOf(mark, mark.length + body.length);
      System.arraycopy(body, 0, out, mark.length, body.length);
      return out;
    }
  }

  /**
   * Decodes {@code bytes} as strict UTF-8. Invalid input is reported once, at the line and column
   * of the first bad byte, and the returned file has each bad sequence replaced by U+FFFD so later
   * phases still see the rest of the text.
   */
  public static SourceFile decode(String name, byte[] bytes, Diagnostics diagnostics) {
    Bom bom = Bom.of(bytes);
    if (bom == Bom.UTF16LE || bom == Bom.UTF16BE) {
      return decodeUtf16(name, bytes, bom.charset(), diagnostics);
    }
    int start = bom.length();
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
      String name, byte[] bytes, Charset charset, Diagnostics diagnostics) {
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
