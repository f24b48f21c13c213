package dev.rpcwall.compiler.target;

import static java.util.Objects.requireNonNull;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;

/**
 * One output file, complete in memory so it can be verified before anything is written. {@code
 * text} already uses {@code lineEnding}; {@code bom} prepends a UTF-8 byte order mark (Windows
 * PowerShell 5.1 reads BOM-less files in the ANSI code page).
 */
public record EmittedFile(String name, String text, LineEnding lineEnding, Charset charset, boolean bom) {
  public EmittedFile {
    requireNonNull(name, "name");
    requireNonNull(text, "text");
    requireNonNull(lineEnding, "lineEnding");
    requireNonNull(charset, "charset");
  }

  public byte[] bytes() {
    ByteArrayOutputStream out = new ByteArrayOutputStream(text.length() + 3);
    if (bom) {
      out.writeBytes(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
    }
    out.writeBytes(text.getBytes(charset));
    return out.toByteArray();
  }
}
