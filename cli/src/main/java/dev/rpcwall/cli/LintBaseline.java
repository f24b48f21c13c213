package dev.rpcwall.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rpcwall.compiler.diag.Codes;
import dev.rpcwall.compiler.diag.Diagnostic;
import dev.rpcwall.compiler.diag.Severity;
import dev.rpcwall.compiler.lint.Evidence;
import dev.rpcwall.compiler.lint.Finding;
import dev.rpcwall.compiler.source.SourceFile;
import dev.rpcwall.compiler.source.SourceSpan;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Stable fingerprints of lint findings and the baseline file that accepts known ones.
 *
 * <p>A fingerprint is the SHA-256 (first 128 bits, hex) of: a format version, the finding's ID,
 * its file as given (backslashes as slashes), its message, the text of the line it points at, and
 * its evidence (each text with its file), all normalised: case folded, runs of white space made one
 * space, and every {@code file:line:col} / {@code line N} reference reduced to the file. Line and
 * column numbers are never part of it, so an edit elsewhere in the file (lines added above) keeps
 * it; changing the rule itself (its line, its name, its ports) makes a new one. Two findings that
 * would still be equal (the same rule text twice) are told apart by their order: {@code :2},
 * {@code :3}, ... is appended to the later ones.
 */
final class LintBaseline {
  static final String VERSION = "v1";
  /**
   * {@code :12} or {@code :12:5} right after a file name's extension ({@code fw.cmd:12:5}); not
   * inside an IPv6 address. Linear on any text (a bounded look-behind, no backtracking).
   */
  private static final Pattern LOCATION = Pattern.compile("(?<=\\.[A-Za-z0-9]{1,8}):\\d+(?::\\d+)?(?!\\d)");
  /** Longer texts are cut: a 10 MB message is identified well enough by its start. */
  private static final int MAX_TEXT = 4096;
  private static final Pattern LINE_WORD = Pattern.compile("\\blines?\\s+\\d+(?:\\s*-\\s*\\d+)?");
  private static final Pattern SPACES = Pattern.compile("\\s+");

  private LintBaseline() {}

  /** A finding and its fingerprint. */
  record Fingerprinted(Finding finding, String fingerprint) {}

  /** Fingerprints {@code findings} in order; {@code sources} gives the text of the lines. */
  static List<Fingerprinted> fingerprint(List<Finding> findings, Map<String, SourceFile> sources) {
    Map<String, Integer> seen = new HashMap<>();
    List<Fingerprinted> out = new ArrayList<>(findings.size());
    for (Finding f : findings) {
      String base = fingerprint(f, sources);
      int n = seen.merge(base, 1, Integer::sum);
      out.add(new Fingerprinted(f, n == 1 ? base : base + ":" + n));
    }
    return out;
  }

  static String fingerprint(Finding f, Map<String, SourceFile> sources) {
    StringBuilder b = new StringBuilder(VERSION);
    b.append('\0').append(f.id());
    b.append('\0').append(path(f.at()));
    b.append('\0').append(normalise(f.message()));
    b.append('\0').append(normalise(lineText(f.at(), sources)));
    List<String> evidence = new ArrayList<>();
    for (Evidence e : f.evidence()) {
      evidence.add(path(e.at()) + "\u0001" + normalise(e.text()));
    }
    evidence.sort(null);
    for (String e : evidence) {
      b.append('\0').append(e);
    }
    return sha256(b.toString()).substring(0, 32);
  }

  private static String path(SourceSpan at) {
    return at.equals(SourceSpan.UNKNOWN) ? "" : at.source().replace('\\', '/');
  }

  private static String lineText(SourceSpan at, Map<String, SourceFile> sources) {
    SourceFile file = sources.get(at.source());
    if (file == null || !at.isKnown() || at.line() > file.lineCount()) {
      return "";
    }
    String line = file.line(at.line());
    // A 10 MB line is valid input; normalise keeps its first MAX_TEXT characters.
    return line;
  }

  static String normalise(String text) {
    String s = text.length() > MAX_TEXT ? text.substring(0, MAX_TEXT) : text;
    s = LOCATION.matcher(s).replaceAll("");
    s = LINE_WORD.matcher(s).replaceAll("line");
    s = SPACES.matcher(s.toLowerCase(Locale.ROOT)).replaceAll(" ");
    return s.strip();
  }

  private static String sha256(String text) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      StringBuilder hex = new StringBuilder(d.length * 2);
      for (byte x : d) {
        hex.append(Character.forDigit((x >> 4) & 0xF, 16)).append(Character.forDigit(x & 0xF, 16));
      }
      return hex.toString();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
  }

  /** The baseline file for {@code findings}: the fingerprints, with what they stood for. */
  static String write(List<Fingerprinted> findings) {
    Map<String, Object> doc = Json.object();
    doc.put("version", 1);
    doc.put("tool", "rpcwall lint");
    List<Object> list = new ArrayList<>();
    for (Fingerprinted f : findings) {
      Map<String, Object> m = Json.object();
      m.put("fingerprint", f.fingerprint());
      // For people reviewing the file; only the fingerprint is read back.
      m.put("id", f.finding().id());
      m.put("file", f.finding().at().isKnown() ? f.finding().at().source() : null);
      m.put("message", f.finding().message());
      list.add(m);
    }
    doc.put("fingerprints", list);
    return Json.write(doc) + "\n";
  }

  /** The fingerprints a baseline file accepts. */
  record Loaded(Set<String> fingerprints) {
    static final Loaded EMPTY = new Loaded(Set.of());

    boolean contains(String fingerprint) {
      return fingerprints.contains(fingerprint);
    }
  }

  /** Reads a baseline; what is wrong with it is added to {@code usage}. */
  static Loaded parse(SourceFile file, List<Diagnostic> usage) {
    JsonNode root;
    try {
      root = new ObjectMapper().readTree(file.text());
    } catch (JsonProcessingException e) {
      int line = e.getLocation() == null ? 1 : Math.max(1, e.getLocation().getLineNr());
      int col = e.getLocation() == null ? 1 : Math.max(1, e.getLocation().getColumnNr());
      usage.add(bad(new SourceSpan(file.name(), line, col, 1), "the baseline is not JSON: " + e.getOriginalMessage()));
      return Loaded.EMPTY;
    }
    SourceSpan top = new SourceSpan(file.name(), 1, 1, 1);
    if (root == null || !root.isObject()) {
      usage.add(bad(top, "the baseline is not a JSON object"));
      return Loaded.EMPTY;
    }
    JsonNode version = root.get("version");
    if (version == null || !version.isInt() || version.intValue() != 1) {
      usage.add(bad(top, "the baseline has no \"version\": 1 (it was not written by this rpcwall)"));
      return Loaded.EMPTY;
    }
    JsonNode list = root.get("fingerprints");
    if (list == null || !list.isArray()) {
      usage.add(bad(top, "the baseline has no \"fingerprints\" array"));
      return Loaded.EMPTY;
    }
    Set<String> out = new HashSet<>();
    int i = 0;
    for (JsonNode entry : list) {
      JsonNode fp = entry.isObject() ? entry.get("fingerprint") : entry;
      if (fp == null || !fp.isTextual() || !fp.textValue().matches("[0-9a-f]{32}(:[0-9]+)?")) {
        usage.add(bad(top, "entry " + i + " of \"fingerprints\" has no fingerprint (32 hex digits)"));
        return Loaded.EMPTY;
      }
      out.add(fp.textValue());
      i++;
    }
    return new Loaded(Set.copyOf(out));
  }

  private static Diagnostic bad(SourceSpan at, String message) {
    return new Diagnostic(
        Severity.ERROR,
        Codes.LINT_BASELINE_INVALID,
        at,
        message,
        Optional.of("write it with: rpcwall lint FILE... --write-baseline " + at.source()));
  }
}
