package dev.rpcwall.emit.host;

import static java.util.Objects.requireNonNull;

import dev.rpcwall.compiler.host.HostNote;
import dev.rpcwall.compiler.host.HostReader;
import dev.rpcwall.compiler.host.HostState;
import dev.rpcwall.compiler.host.InputSummary;
import dev.rpcwall.compiler.source.SourceFile;
import dev.rpcwall.emit.host.export.CsvExportReader;
import dev.rpcwall.emit.host.export.FormatListReader;
import dev.rpcwall.emit.host.export.FormatTableReader;
import dev.rpcwall.emit.host.export.JsonExportReader;
import dev.rpcwall.emit.host.ipsec.LegacyIpsecReader;
import dev.rpcwall.emit.host.netsh.NetshCommandLineReader;
import dev.rpcwall.emit.host.netsh.NetshScriptReader;
import dev.rpcwall.emit.host.netsh.ShowRuleReader;
import dev.rpcwall.emit.host.powershell.PowerShellHostReader;
import dev.rpcwall.emit.host.registry.RegFileReader;
import dev.rpcwall.emit.host.registry.RegQueryReader;
import dev.rpcwall.emit.host.registry.WfwReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads several input files, in the order given, into what one host enforces. Each file is
 * decoded ({@link #decode}), its line ends made {@code \n}, given to the reader most sure it is
 * its format, and summarised. Never throws on any input: a reader that throws is a bug in that
 * reader, reported as an {@code unreadable} note "internal error in the <format> reader" (what the
 * reader applied to the host before it threw stays); the fuzz tests fail on such a note.
 */
public final class HostInputs {
  /** The format printed for a file no reader recognises. */
  public static final String UNKNOWN_FORMAT = "unknown";

  /** The start of the message of a note for a reader that threw. */
  public static final String INTERNAL_ERROR = "internal error in the ";

  private static final Charset WINDOWS_1252 = Charset.forName("windows-1252");

  /** How many leading bytes the UTF-16-without-BOM detection looks at. */
  private static final int SNIFF_BYTES = 4096;

  /** One file to read: the name to print and its bytes. */
  public record Input(String name, byte[] bytes) {
    public Input {
      requireNonNull(name, "name");
      requireNonNull(bytes, "bytes");
    }
  }

  /** What the inputs leave on the host, per file and together. */
  public record Result(List<InputSummary> files, HostState host, List<HostNote> notes) {
    public Result {
      files = List.copyOf(files);
      requireNonNull(host, "host");
      notes = List.copyOf(notes);
    }
  }

  private final List<HostReader> readers;

  public HostInputs(List<HostReader> readers) {
    this.readers = List.copyOf(readers);
  }

  /** The readers, in the order they are asked. */
  public List<HostReader> readers() {
    return readers;
  }

  /** Every reader of this package's formats. */
  public static HostInputs standard() {
    List<HostReader> readers = new ArrayList<>();
    readers.add(new NetshScriptReader());
    readers.add(new ShowRuleReader());
    readers.add(new PowerShellHostReader(new NetshCommandLineReader()));
    readers.add(new CsvExportReader());
    readers.add(new JsonExportReader());
    readers.add(new FormatListReader());
    readers.add(new FormatTableReader());
    readers.add(new RegFileReader());
    readers.add(new RegQueryReader());
    readers.add(new WfwReader());
    readers.add(LegacyIpsecReader.ipsecpol());
    readers.add(LegacyIpsecReader.ipseccmd());
    readers.add(LegacyIpsecReader.netshIpsec());
    return new HostInputs(readers);
  }


  public Result read(List<Input> inputs) {
    HostState host = new HostState();
    List<InputSummary> files = new ArrayList<>();
    List<HostNote> all = new ArrayList<>();
    for (Input input : inputs) {
      SourceFile file = new SourceFile(input.name(), normaliseLineEnds(decode(input.bytes())));
      List<HostNote> notes = new ArrayList<>();
      HostReader reader = choose(file, notes);
      int before = host.rules().size();
      String format;
      if (reader == null) {
        format = UNKNOWN_FORMAT;
        notes.add(
            HostNote.unreadable(
                file.spanAt(0, 0),
                "not a format rpcwall reads",
                "give a netsh or PowerShell script, a 'show rule' dump, a Get-NetFirewallRule"
                    + " export or a registry export"));
      } else {
        format = reader.format();
        try {
          reader.read(file, host, notes);
        } catch (RuntimeException | StackOverflowError e) {
          notes.add(internalError(file, format, e));
        }
      }
      files.add(
          new InputSummary(input.name(), format, Math.max(0, host.rules().size() - before), notes));
      all.addAll(notes);
    }
    return new Result(files, host, all);
  }

  private static HostNote internalError(SourceFile file, String format, Throwable e) {
    return HostNote.unreadable(
        file.spanAt(0, 0),
        INTERNAL_ERROR + format + " reader (" + e.getClass().getSimpleName() + "); the rest of"
            + " this file was not read",
        "this is a bug in rpcwall: report it with the input file");
  }

  /** The most confident reader; a reader whose recognise throws is skipped and noted. */
  private HostReader choose(SourceFile file, List<HostNote> notes) {
    HostReader best = null;
    int bestScore = 0;
    for (HostReader r : readers) {
      int score;
      try {
        score = r.recognise(file.text());
      } catch (RuntimeException | StackOverflowError e) {
        notes.add(internalError(file, r.format(), e));
        continue;
      }
      if (score > bestScore) {
        best = r;
        bestScore = score;
      }
    }
    return best;
  }

  /**
   * The text of {@code bytes}. A BOM decides (UTF-8, UTF-16LE, UTF-16BE); without one, UTF-16 is
   * recognised by its zero bytes (text files of these formats are mostly ASCII, so every other byte
   * is zero); else UTF-8 when the bytes are valid UTF-8; else Windows-1252 (the legacy code page
   * of the hosts these files come from), in which every byte is a character. Never throws:
   * malformed sequences under a BOM become U+FFFD.
   */
  public static String decode(byte[] bytes) {
    int n = bytes.length;
    String text;
    if (n >= 3 && (bytes[0] & 0xFF) == 0xEF && (bytes[1] & 0xFF) == 0xBB && (bytes[2] & 0xFF) == 0xBF) {
      text = new String(bytes, 3, n - 3, StandardCharsets.UTF_8);
    } else if (n >= 2 && (bytes[0] & 0xFF) == 0xFF && (bytes[1] & 0xFF) == 0xFE) {
      text = new String(bytes, 2, n - 2, StandardCharsets.UTF_16LE);
    } else if (n >= 2 && (bytes[0] & 0xFF) == 0xFE && (bytes[1] & 0xFF) == 0xFF) {
      text = new String(bytes, 2, n - 2, StandardCharsets.UTF_16BE);
    } else {
      // A registry hive (a .wfw export starts with "regf") is binary: kept byte for byte so its
      // reader can recognise and refuse it.
      Charset utf16 = isHive(bytes) ? null : utf16WithoutBom(bytes);
      if (utf16 != null) {
        text = new String(bytes, utf16);
      } else {
        text = utf8OrNull(bytes);
        if (text == null) {
          text = new String(bytes, WINDOWS_1252);
        }
      }
    }
    // A second BOM (a file saved twice, or concatenated) is not text either.
    return text.startsWith("\uFEFF") ? text.substring(1) : text;
  }

  /**
   * UTF-16LE or BE when the leading bytes look like it: at least a third of the byte pairs have a
   * zero in one position and almost none in the other (ASCII text in UTF-16). Null otherwise.
   */
  static Charset utf16WithoutBom(byte[] bytes) {
    int pairs = Math.min(bytes.length, SNIFF_BYTES) / 2;
    if (pairs < 2) {
      return null;
    }
    int zeroEven = 0;
    int zeroOdd = 0;
    for (int i = 0; i < pairs; i++) {
      if (bytes[2 * i] == 0) {
        zeroEven++;
      }
      if (bytes[2 * i + 1] == 0) {
        zeroOdd++;
      }
    }
    if (zeroOdd * 3 >= pairs && zeroEven * 10 <= pairs) {
      return StandardCharsets.UTF_16LE;
    }
    if (zeroEven * 3 >= pairs && zeroOdd * 10 <= pairs) {
      return StandardCharsets.UTF_16BE;
    }
    return null;
  }

  private static boolean isHive(byte[] bytes) {
    return bytes.length >= 4 && bytes[0] == 'r' && bytes[1] == 'e' && bytes[2] == 'g' && bytes[3] == 'f';
  }

  private static String utf8OrNull(byte[] bytes) {
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      return null;
    }
  }

  /**
   * CRLF and a lone CR become LF, so readers split lines one way. Lines and columns stay those of
   * the file: {@link SourceFile} counts CRLF, CR and LF each as one line end, and a column is
   * counted from its line's start.
   */
  static String normaliseLineEnds(String text) {
    if (text.indexOf('\r') < 0) {
      return text;
    }
    StringBuilder sb = new StringBuilder(text.length());
    int n = text.length();
    for (int i = 0; i < n; i++) {
      char c = text.charAt(i);
      if (c == '\r') {
        sb.append('\n');
        if (i + 1 < n && text.charAt(i + 1) == '\n') {
          i++;
        }
      } else {
        sb.append(c);
      }
    }
    return sb.toString();
  }
}
