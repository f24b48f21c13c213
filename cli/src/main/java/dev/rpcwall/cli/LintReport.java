package dev.rpcwall.cli;

import dev.rpcwall.compiler.diag.Diagnostic;
import dev.rpcwall.compiler.diag.DiagnosticRenderer;
import dev.rpcwall.compiler.diag.Severity;
import dev.rpcwall.compiler.host.HostNote;
import dev.rpcwall.compiler.host.InputSummary;
import dev.rpcwall.compiler.lint.Evidence;
import dev.rpcwall.compiler.lint.Finding;
import dev.rpcwall.compiler.source.SourceFile;
import dev.rpcwall.compiler.source.SourceSpan;
import dev.rpcwall.emit.Compilation;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** The three forms of lint's report: compiler-style text, one JSON document, SARIF 2.1.0. */
final class LintReport {
  /** {@code files[].format} of an input no reader recognised. */
  static final String UNKNOWN_FORMAT = "unknown";

  static final String SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";
  static final String FINGERPRINT_KEY = "rpcwall/v1";

  private final List<InputSummary> files;
  private final List<LintBaseline.Fingerprinted> findings;
  private final Map<String, SourceFile> sources;
  private final int suppressed;

  LintReport(
      List<InputSummary> files,
      List<LintBaseline.Fingerprinted> findings,
      Map<String, SourceFile> sources,
      int suppressed) {
    this.files = List.copyOf(files);
    this.findings = List.copyOf(findings);
    this.sources = Map.copyOf(sources);
    this.suppressed = suppressed;
  }

  /** The word lint prints for a severity, the same in every format: error, warning, note. */
  static String level(Severity s) {
    return switch (s) {
      case ERROR -> "error";
      case WARNING -> "warning";
      case INFO -> "note";
    };
  }

  // ---------------------------------------------------------------- text

  String text(Optional<String> effective) {
    StringBuilder b = new StringBuilder();
    effective.ifPresent(v -> b.append(v).append('\n'));
    DiagnosticRenderer renderer = new DiagnosticRenderer(sources);
    for (LintBaseline.Fingerprinted fp : findings) {
      Finding f = fp.finding();
      b.append(Reporter.safe(f.at().location())).append(": ").append(level(f.severity()))
          .append('[').append(f.id()).append("]: ").append(Reporter.safe(f.message())).append('\n');
      // The renderer's snippet and caret, without its header line (its severity word is the
      // compiler's; lint says "note" for INFO, as --fail-on does).
      String rendered = renderer.render(new Diagnostic(f.severity(), f.id(), f.at(), f.message(), Optional.empty()));
      int nl = rendered.indexOf('\n');
      b.append(nl < 0 ? "" : rendered.substring(nl + 1));
      for (Evidence e : f.evidence()) {
        b.append("  evidence: ").append(Reporter.safe(e.text()));
        if (!e.at().equals(SourceSpan.UNKNOWN)) {
          b.append(" (").append(Reporter.safe(e.at().location())).append(')');
        }
        b.append('\n');
      }
      b.append("  hint: ").append(Reporter.safe(f.hint())).append('\n');
    }
    if (!findings.isEmpty()) {
      b.append('\n');
    }
    for (InputSummary s : files) {
      b.append(Reporter.safe(s.file())).append(": read as ").append(s.format()).append(", ")
          .append(Reporter.plural(s.rules(), "rule"));
      long unreadable = unreadable(s);
      if (unreadable > 0) {
        b.append(", ").append(unreadable).append(" unreadable");
      }
      b.append('\n');
    }
    b.append(summaryLine(findings, suppressed)).append('\n');
    return b.toString();
  }

  static String summaryLine(List<LintBaseline.Fingerprinted> findings, int suppressed) {
    long errors = findings.stream().filter(f -> f.finding().severity() == Severity.ERROR).count();
    long warnings = findings.stream().filter(f -> f.finding().severity() == Severity.WARNING).count();
    long notes = findings.stream().filter(f -> f.finding().severity() == Severity.INFO).count();
    String line = "lint: " + Reporter.plural(errors, "error") + ", " + Reporter.plural(warnings, "warning")
        + ", " + Reporter.plural(notes, "note");
    if (suppressed > 0) {
      line += "; " + suppressed + " accepted by the baseline";
    }
    return line;
  }

  /** {@code files[].unreadable}: how many places of the file were not understood. */
  private static long unreadable(InputSummary s) {
    return s.unreadable().stream().filter(n -> n.category().equals(HostNote.UNREADABLE)).count();
  }

  // ---------------------------------------------------------------- JSON

  /**
   * One document: {@code files[]} ({@code unreadable} is a count: the places themselves are the
   * findings of category {@code unreadable}) and {@code findings[]} ({@code evidence} is an array
   * of {@code {text, file, line, column}}; file, line and column are null for evidence that points
   * at no input, such as an assumed default; so are a finding's own when it points at none).
   */
  String json() {
    Map<String, Object> doc = Json.object();
    List<Object> fileList = new ArrayList<>();
    for (InputSummary s : files) {
      Map<String, Object> m = Json.object();
      m.put("file", s.file());
      m.put("format", s.format());
      m.put("rules", s.rules());
      m.put("unreadable", unreadable(s));
      fileList.add(m);
    }
    doc.put("files", fileList);
    List<Object> list = new ArrayList<>();
    for (LintBaseline.Fingerprinted fp : findings) {
      Finding f = fp.finding();
      Map<String, Object> m = Json.object();
      m.put("id", f.id());
      m.put("category", f.category().word());
      m.put("severity", level(f.severity()));
      putLocation(m, f.at());
      m.put("message", f.message());
      List<Object> evidence = new ArrayList<>();
      for (Evidence e : f.evidence()) {
        Map<String, Object> em = Json.object();
        em.put("text", e.text());
        putLocation(em, e.at());
        evidence.add(em);
      }
      m.put("evidence", evidence);
      m.put("hint", f.hint());
      list.add(m);
    }
    doc.put("findings", list);
    return Json.write(doc) + "\n";
  }

  private static void putLocation(Map<String, Object> m, SourceSpan at) {
    boolean none = at.equals(SourceSpan.UNKNOWN);
    m.put("file", none ? null : at.source());
    m.put("line", at.isKnown() ? at.line() : null);
    m.put("column", at.isKnown() ? Math.max(1, at.column()) : null);
  }

  // ---------------------------------------------------------------- SARIF

  /**
   * SARIF 2.1.0 as GitHub code scanning reads it: one run, the driver's rules (the IDs reported),
   * one result per finding with its location (a relative URI with forward slashes, so code scanning
   * maps it into the repository), the evidence as related locations, and the stable fingerprint.
   */
  String sarif() {
    Map<String, Integer> ruleIndex = new LinkedHashMap<>();
    Map<String, LintRules.Info> rules = new TreeMap<>();
    for (LintBaseline.Fingerprinted fp : findings) {
      rules.putIfAbsent(fp.finding().id(), LintRules.describe(fp.finding()));
    }
    List<Object> ruleList = new ArrayList<>();
    for (LintRules.Info info : rules.values()) {
      ruleIndex.put(info.id(), ruleList.size());
      Map<String, Object> r = Json.object();
      r.put("id", info.id());
      r.put("name", info.name());
      r.put("shortDescription", text(info.shortDescription()));
      r.put("fullDescription", text(info.fullDescription()));
      // No helpUri: the project has no published address to point at; the help text names the
      // page in the repository's docs/lint.md instead.
      r.put("help", text(info.help()));
      Map<String, Object> config = Json.object();
      config.put("level", level(info.level()));
      r.put("defaultConfiguration", config);
      Map<String, Object> props = Json.object();
      // Code scanning lists a rule tagged "security" with a security-severity (0.0-10.0) among
      // its security alerts, ranked by that number: exposure is what lint reports.
      props.put("tags", List.of(info.category().word(), "security"));
      props.put("security-severity", securitySeverity(info.level()));
      r.put("properties", props);
      ruleList.add(r);
    }
    Map<String, Object> driver = Json.object();
    driver.put("name", "rpcwall");
    driver.put("version", Compilation.TOOL_VERSION);
    driver.put("rules", ruleList);
    Map<String, Object> tool = Json.object();
    tool.put("driver", driver);

    String fallbackFile = files.isEmpty() ? null : files.get(0).file();
    List<Object> results = new ArrayList<>();
    for (LintBaseline.Fingerprinted fp : findings) {
      Finding f = fp.finding();
      Map<String, Object> r = Json.object();
      r.put("ruleId", f.id());
      r.put("ruleIndex", ruleIndex.get(f.id()));
      r.put("level", level(f.severity()));
      StringBuilder msg = new StringBuilder(f.message());
      for (Evidence e : f.evidence()) {
        msg.append("\n- ").append(e.text());
        if (!e.at().equals(SourceSpan.UNKNOWN)) {
          msg.append(" (").append(e.at().location()).append(')');
        }
      }
      msg.append("\nHint: ").append(f.hint());
      r.put("message", text(msg.toString()));
      // Code scanning needs a location for every result: a finding about the host as a whole
      // (no input line) is shown at the top of the first input.
      SourceSpan at = f.at();
      String file = at.equals(SourceSpan.UNKNOWN) ? fallbackFile : at.source();
      if (file != null) {
        r.put("locations", List.of(location(file, at.isKnown() ? at.line() : 1, at.isKnown() ? at.column() : 1, null, null)));
      }
      List<Object> related = new ArrayList<>();
      for (Evidence e : f.evidence()) {
        if (!e.at().equals(SourceSpan.UNKNOWN)) {
          related.add(location(e.at().source(), e.at().isKnown() ? e.at().line() : 1,
              e.at().isKnown() ? e.at().column() : 1, related.size(), e.text()));
        }
      }
      if (!related.isEmpty()) {
        r.put("relatedLocations", related);
      }
      Map<String, Object> fingerprints = Json.object();
      fingerprints.put(FINGERPRINT_KEY, fp.fingerprint());
      r.put("partialFingerprints", fingerprints);
      Map<String, Object> props = Json.object();
      props.put("category", f.category().word());
      r.put("properties", props);
      results.add(r);
    }
    Map<String, Object> run = Json.object();
    run.put("tool", tool);
    run.put("columnKind", "utf16CodeUnits");
    run.put("results", results);
    Map<String, Object> doc = Json.object();
    doc.put("$schema", SARIF_SCHEMA);
    doc.put("version", "2.1.0");
    doc.put("runs", List.of(run));
    return Json.write(doc) + "\n";
  }

  /** GitHub's bands: 9.0+ critical, 7.0+ high, 4.0+ medium, above 0 low. */
  static String securitySeverity(Severity s) {
    return switch (s) {
      case ERROR -> "8.0";
      case WARNING -> "5.0";
      case INFO -> "2.0";
    };
  }

  private static Map<String, Object> text(String text) {
    Map<String, Object> m = Json.object();
    m.put("text", text);
    return m;
  }

  private static Map<String, Object> location(String file, int line, int column, Integer id, String message) {
    Map<String, Object> artifact = Json.object();
    artifact.put("uri", uri(file));
    Map<String, Object> region = Json.object();
    region.put("startLine", Math.max(1, line));
    region.put("startColumn", Math.max(1, column));
    Map<String, Object> physical = Json.object();
    physical.put("artifactLocation", artifact);
    physical.put("region", region);
    Map<String, Object> loc = Json.object();
    if (id != null) {
      loc.put("id", id);
    }
    loc.put("physicalLocation", physical);
    if (message != null) {
      loc.put("message", text(message));
    }
    return loc;
  }

  /**
   * A file as a SARIF artifact URI: relative to the working directory (where CI runs, the
   * repository root) with forward slashes and percent-encoding; a file outside it keeps its
   * absolute {@code file:} URI.
   */
  static String uri(String file) {
    String slashed = file.replace('\\', '/');
    try {
      Path p = Path.of(file);
      if (p.isAbsolute()) {
        Path cwd = Path.of("").toAbsolutePath().normalize();
        Path n = p.normalize();
        if (!n.startsWith(cwd)) {
          return n.toUri().toASCIIString();
        }
        slashed = cwd.relativize(n).toString().replace('\\', '/');
      } else {
        slashed = p.normalize().toString().replace('\\', '/');
      }
    } catch (InvalidPathException e) {
      // Keep the name as given, with forward slashes.
    }
    while (slashed.startsWith("./")) {
      slashed = slashed.substring(2);
    }
    int slash = slashed.indexOf('/');
    if (slashed.substring(0, slash < 0 ? slashed.length() : slash).contains(":")) {
      // "C:/x.reg" named on another system, or "a:b.txt": a colon in the first segment would
      // read as a URI scheme.
      slashed = "./" + slashed;
    }
    try {
      return new URI(null, null, slashed, null).toASCIIString();
    } catch (URISyntaxException e) {
      return slashed.replace(" ", "%20");
    }
  }
}
