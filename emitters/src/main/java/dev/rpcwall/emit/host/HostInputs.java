package dev.rpcwall.emit.host;

import static java.util.Objects.requireNonNull;

import dev.rpcwall.compiler.host.HostNote;
import dev.rpcwall.compiler.host.HostReader;
import dev.rpcwall.compiler.host.HostState;
import dev.rpcwall.compiler.host.InputSummary;
import dev.rpcwall.compiler.source.SourceFile;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads several input files, in the order given, into what one host enforces. Each file is
 * decoded (a BOM decides; else UTF-8 when valid; else Windows-1252, which maps every byte), given
 * to the reader most sure it is its format, and summarised. Never throws on any input.
 */
public final class HostInputs {
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

  /** Every reader of this package's formats. */
  public static HostInputs standard() {
    return new HostInputs(List.of());
  }

  public Result read(List<Input> inputs) {
    HostState host = new HostState();
    List<InputSummary> files = new ArrayList<>();
    List<HostNote> all = new ArrayList<>();
    for (Input input : inputs) {
      SourceFile file = new SourceFile(input.name(), decode(input.bytes()));
      HostReader reader = choose(file.text());
      List<HostNote> notes = new ArrayList<>();
      int before = host.rules().size();
      String format;
      if (reader == null) {
        format = "unknown";
        notes.add(
            HostNote.unreadable(
                file.spanAt(0, 0),
                "not a format rpcwall reads",
                "give a netsh or PowerShell script, a 'show rule' dump, a Get-NetFirewallRule"
                    + " export or a registry export"));
      } else {
        format = reader.format();
        reader.read(file, host, notes);
      }
      files.add(new InputSummary(input.name(), format, host.rules().size() - before, notes));
      all.addAll(notes);
    }
    return new Result(files, host, all);
  }

  private HostReader choose(String text) {
    HostReader best = null;
    int bestScore = 0;
    for (HostReader r : readers) {
      int score = r.recognise(text);
      if (score > bestScore) {
        best = r;
        bestScore = score;
      }
    }
    return best;
  }

  /** The text of {@code bytes}: by BOM, else UTF-8 if valid, else Windows-1252. */
  public static String decode(byte[] bytes) {
    if (bytes.length >= 2 && (bytes[0] & 0xFF) == 0xFF && (bytes[1] & 0xFF) == 0xFE) {
      return new String(bytes, 2, bytes.length - 2, StandardCharsets.UTF_16LE);
    }
    if (bytes.length >= 2 && (bytes[0] & 0xFF) == 0xFE && (bytes[1] & 0xFF) == 0xFF) {
      return new String(bytes, 2, bytes.length - 2, StandardCharsets.UTF_16BE);
    }
    int start =
        bytes.length >= 3
                && (bytes[0] & 0xFF) == 0xEF
                && (bytes[1] & 0xFF) == 0xBB
                && (bytes[2] & 0xFF) == 0xBF
            ? 3
            : 0;
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .decode(java.nio.ByteBuffer.wrap(bytes, start, bytes.length - start))
          .toString();
    } catch (java.nio.charset.CharacterCodingException e) {
      return new String(bytes, start, bytes.length - start, Charset.forName("windows-1252"));
    }
  }
}
