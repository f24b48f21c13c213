package dev.rpcwall.emit.reg;

import dev.rpcwall.compiler.diag.Diagnostics;
import dev.rpcwall.compiler.diag.Result;
import dev.rpcwall.compiler.semantics.PortSet;
import dev.rpcwall.compiler.source.SourceFile;
import dev.rpcwall.compiler.target.EmittedFile;
import dev.rpcwall.compiler.target.Emitter;
import dev.rpcwall.compiler.target.LineEnding;
import dev.rpcwall.compiler.target.TargetId;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code --target reg}: {@code <fileBase>-rpc.reg}, which sets the RPC dynamic port range
 * (windows-semantics.md 6.1, 6.2 rule 1), and {@code <fileBase>-rpc-undo.reg}, which deletes
 * exactly those values.
 *
 * <p>Format (Microsoft KB310516 "How to add, modify, or delete registry subkeys and values by using
 * a .reg file", https://support.microsoft.com/help/310516): the first line {@code Windows Registry
 * Editor Version 5.00}, a blank line, {@code [key]} with the full root name, then
 * {@code "name"=data}; REG_SZ data is a quoted string, REG_MULTI_SZ is {@code hex(7):} followed by
 * the value's bytes as comma-separated hex pairs, and {@code "name"=-} deletes a value. Version 5
 * files are Unicode (UTF-16LE with a byte order mark), as regedit on Windows 2000 and later writes
 * them (http://www.jaugernaut.com/solutions/identifying-the-elements-of-a-reg-file.html, which also
 * lists the hex(7) identifier). REG_MULTI_SZ bytes are the strings in UTF-16LE, each followed by a
 * NUL, and one more NUL at the end (Win32 "Registry Value Types"). Lines starting with {@code ;}
 * are comments; regedit skips them (observed behaviour, not stated in KB310516: UNCONFIRMED, so
 * the comments stay short and never hold a value's text).
 */
public final class RegEmitter implements Emitter<RpcArtifactInput> {
  /** Bytes per line of a wrapped hex(7) value, as regedit wraps its exports. */
  static final int BYTES_PER_LINE = 24;

  @Override
  public TargetId target() {
    return TargetId.REG;
  }

  @Override
  public void check(RpcArtifactInput input, Diagnostics out) {
    RpcArtifactInput.checkRpc(input, "a .reg file", out);
  }

  public static String applyName(RpcArtifactInput input) {
    return input.fileBase() + "-rpc.reg";
  }

  public static String undoName(RpcArtifactInput input) {
    return input.fileBase() + "-rpc-undo.reg";
  }

  @Override
  public List<EmittedFile> emit(RpcArtifactInput input) {
    PortSet ports = input.dynamicPorts();
    List<String> apply = header(input);
    apply.add("; Sets the RPC dynamic port range " + ports + " (KB154596);");
    apply.add("; RPC reads it at start: restart the computer afterwards (KB154596).");
    apply.add("; Import: regedit /s " + applyName(input) + "   (or reg import " + applyName(input) + ")");
    apply.add("");
    apply.add("[" + RpcRegistryValues.KEY + "]");
    apply.addAll(hex7Lines("\"" + RpcRegistryValues.PORTS + "\"=hex(7):",
        multiSzBytes(RpcRegistryValues.portStrings(ports))));
    apply.add("\"" + RpcRegistryValues.PORTS_INTERNET_AVAILABLE + "\"=\"Y\"");
    apply.add("\"" + RpcRegistryValues.USE_INTERNET_PORTS + "\"=\"Y\"");
    apply.add("");

    List<String> undo = header(input);
    undo.add("; Deletes the three RPC values " + applyName(input) + " writes. A static file cannot know");
    undo.add("; the values the host had before: when there were any, restore them from the backup");
    undo.add("; the netsh or powershell apply script keeps (or from your own export of the key).");
    undo.add("; The key itself stays. Restart the computer afterwards (KB154596).");
    undo.add("");
    undo.add("[" + RpcRegistryValues.KEY + "]");
    for (String name : RpcRegistryValues.NAMES) {
      undo.add("\"" + name + "\"=-");
    }
    undo.add("");
    return List.of(file(applyName(input), apply), file(undoName(input), undo));
  }

  private static List<String> header(RpcArtifactInput input) {
    List<String> out = new ArrayList<>();
    out.add("Windows Registry Editor Version 5.00");
    out.add("");
    out.add("; rpcwall " + input.toolVersion() + ", policy " + commentText(input.policy().name()));
    out.add("; source sha256 " + input.sourceSha256());
    return out;
  }

  /** Text safe on a comment line: control characters (line breaks) become '?'. */
  static String commentText(String s) {
    StringBuilder b = new StringBuilder("\"");
    s.codePoints().forEach(c -> b.appendCodePoint(Character.isISOControl(c)
        || Character.getType(c) == Character.SURROGATE || c == 0x2028 || c == 0x2029 ? '?' : c));
    return b.append('"').toString();
  }

  private static EmittedFile file(String name, List<String> lines) {
    // UTF-16LE with a byte order mark: the BOM is the text's first char, encoded FF FE.
    String text = "\uFEFF" + String.join(LineEnding.CRLF.chars(), lines);
    return new EmittedFile(name, text, LineEnding.CRLF, StandardCharsets.UTF_16LE, false);
  }

  /** REG_MULTI_SZ data: each string in UTF-16LE plus a NUL, then a final NUL. */
  public static byte[] multiSzBytes(List<String> strings) {
    StringBuilder b = new StringBuilder();
    for (String s : strings) {
      b.append(s).append('\0');
    }
    b.append('\0');
    return b.toString().getBytes(StandardCharsets.UTF_16LE);
  }

  /** {@code prefix} and the bytes as hex pairs, wrapped with {@code ,\} and two-space indents. */
  static List<String> hex7Lines(String prefix, byte[] bytes) {
    List<String> lines = new ArrayList<>();
    StringBuilder line = new StringBuilder(prefix);
    for (int i = 0; i < bytes.length; i++) {
      line.append(String.format(Locale.ROOT, "%02x", bytes[i] & 0xff));
      if (i + 1 < bytes.length) {
        line.append(',');
        if ((i + 1) % BYTES_PER_LINE == 0) {
          lines.add(line.append('\\').toString());
          line = new StringBuilder("  ");
        }
      }
    }
    lines.add(line.toString());
    return lines;
  }

  /**
   * The self-check of this artifact: each file's bytes are UTF-16LE with a BOM and CRLF line ends;
   * read back, the apply file writes exactly the policy's range and two {@code Y} values, and the
   * undo file deletes exactly these three values. Empty when both hold; otherwise nothing may be
   * written (exit 3).
   */
  public static List<String> verify(RpcArtifactInput input, List<EmittedFile> files) {
    List<String> problems = new ArrayList<>();
    if (files.size() != 2) {
      problems.add("expected 2 files, got " + files.size());
      return problems;
    }
    RpcRegistryValues wanted = RpcRegistryValues.expected(input.policy().rpc());
    check(files.get(0), applyName(input), wanted, input.policy().rpc().dynamicPorts(), problems);
    check(files.get(1), undoName(input), RpcRegistryValues.undo(), Optional.empty(), problems);
    return problems;
  }

  private static void check(EmittedFile f, String name, RpcRegistryValues wanted,
      Optional<PortSet> range, List<String> problems) {
    if (!f.name().equals(name)) {
      problems.add("file is named " + f.name() + ", expected " + name);
    }
    Optional<String> text = decode(f.bytes());
    if (text.isEmpty()) {
      problems.add(name + ": not UTF-16LE text starting with the byte order mark FF FE");
      return;
    }
    String t = text.get();
    if (t.replace("\r\n", "").indexOf('\n') >= 0 || t.replace("\r\n", "").indexOf('\r') >= 0) {
      problems.add(name + ": a line does not end with CRLF");
    }
    Result<RpcRegistryValues> read = new RegReader().read(new SourceFile(name, t));
    if (read.value().isEmpty()) {
      read.diagnostics().forEach(d -> problems.add(name + ": " + d.span().location() + " " + d.message()));
      return;
    }
    read.value().get().problems(wanted, range).forEach(p -> problems.add(name + ": " + p));
  }

  /** The text of a .reg file's bytes: FF FE, then strict UTF-16LE; empty otherwise. */
  public static Optional<String> decode(byte[] bytes) {
    if (bytes.length < 2 || bytes[0] != (byte) 0xFF || bytes[1] != (byte) 0xFE || bytes.length % 2 != 0) {
      return Optional.empty();
    }
    try {
      return Optional.of(StandardCharsets.UTF_16LE.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes, 2, bytes.length - 2)).toString());
    } catch (CharacterCodingException e) {
      return Optional.empty();
    }
  }
}
