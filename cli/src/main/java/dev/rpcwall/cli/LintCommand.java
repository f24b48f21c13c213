package dev.rpcwall.cli;

import dev.rpcwall.compiler.Resolution;
import dev.rpcwall.compiler.semantics.DecisionMap;
import java.util.Comparator;
import picocli.CommandLine.Mixin;

import dev.rpcwall.compiler.diag.Codes;
import dev.rpcwall.compiler.diag.Diagnostic;
import dev.rpcwall.compiler.diag.Severity;
import dev.rpcwall.compiler.host.EffectiveHost;
import dev.rpcwall.compiler.host.Roles;
import dev.rpcwall.compiler.lint.Finding;
import dev.rpcwall.compiler.lint.Linter;
import dev.rpcwall.compiler.source.SourceFile;
import dev.rpcwall.compiler.source.SourceSpan;
import dev.rpcwall.emit.host.HostInputs;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code rpcwall lint FILE...}: reads rule sets as hosts carry them (scripts, dumps, exports,
 * registry files; the format is found from the content), combines them into what one host
 * enforces, and reports what is exposed (docs/lint.md). Exit codes: 0 nothing at or above {@code
 * --fail-on}, 1 findings at or above it, 2 usage (a file that cannot be read, a bad baseline or
 * roles file) or nothing readable (no input in a format rpcwall reads), 3 internal error.
 */
@Command(
    name = "lint",
    description =
        "Lint the rule sets a host carries (netsh or PowerShell scripts, 'show rule' dumps,"
            + " Get-NetFirewallRule exports, registry exports, legacy IPsec scripts; several files"
            + " combine into one host) and report what is exposed, with evidence.",
    mixinStandardHelpOptions = true,
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:no finding at or above --fail-on",
      "1:findings at or above --fail-on",
      "2:usage: a file cannot be read, a bad --baseline or --roles file, or no input is in a"
          + " format rpcwall reads",
      "3:internal error (a bug in rpcwall)"
    })
final class LintCommand implements Callable<Integer> {
  /** {@code --format}. */
  enum LintFormat {
    text,
    json,
    sarif
  }

  /** {@code --fail-on}: the mildest severity that fails the run. */
  enum FailOn {
    error(Severity.ERROR),
    warning(Severity.WARNING),
    note(Severity.INFO);

    final Severity severity;

    FailOn(Severity severity) {
      this.severity = severity;
    }
  }

  /** Larger inputs are refused rather than read (as {@link FileSourceLoader#MAX_BYTES}). */
  static final long MAX_BYTES = FileSourceLoader.MAX_BYTES;

  /**
   * The readers lint uses. Tests of the command's options put a reader of their own fixture format
   * here; everything else uses {@link HostInputs#standard()}.
   */
  static Supplier<HostInputs> inputs = HostInputs::standard;

  @Spec CommandSpec spec;

  @Parameters(arity = "1..*", paramLabel = "FILE", description = "Files a host carries, in the order they apply.")
  List<String> files = new ArrayList<>();

  @Option(names = "--format", paramLabel = "FORMAT", description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
  LintFormat format = LintFormat.text;

  @Option(
      names = "--fail-on",
      paramLabel = "SEVERITY",
      description = "Exit 1 when a finding of this severity or worse remains: ${COMPLETION-CANDIDATES}"
          + " (default: ${DEFAULT-VALUE}).")
  FailOn failOn = FailOn.warning;

  @Option(names = "--baseline", paramLabel = "FILE", description = "Accept the findings whose fingerprints this file lists (written by --write-baseline).")
  Path baseline;

  @Option(names = "--write-baseline", paramLabel = "FILE", description = "Write the fingerprints of every current finding (those --baseline accepts too) to FILE.")
  Path writeBaseline;

  @Option(
      names = "--roles",
      paramLabel = "FILE",
      description = "Networks for the role-aware checks: YAML (workstations, servers, admins, internet)"
          + " or policy-language 'network' statements.")
  Path roles;

  @Option(
      names = "--show-effective",
      description = "Also print what the host enforces: in the text report, before the findings;"
          + " with --format json or sarif on standard error (standard output keeps one document),"
          + " or on standard output when -o writes the report.")
  boolean showEffective;

  @Option(
      names = "--policy",
      paramLabel = "POLICY",
      description = "Also verify the host against this policy (as rpcwall verify, Windows Firewall"
          + " or legacy IPsec by what the inputs hold): each region where the host decides"
          + " otherwise is a finding (RWL0401), each region that depends on conditions the files"
          + " do not show another (RWL0402).")
  String policy;

  @Mixin RootOption root;

  @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write the report to FILE instead of standard output.")
  Path output;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    try {
      return run(out, err);
    } finally {
      out.flush();
      err.flush();
    }
  }

  private int run(PrintWriter out, PrintWriter err) {
    // 1. Read every input; a file that cannot be read is a usage error, reported for all at once.
    List<Diagnostic> usage = new ArrayList<>();
    List<HostInputs.Input> read = new ArrayList<>();
    for (String name : files) {
      Optional<byte[]> bytes = readFile(name, usage, "lint input");
      bytes.ifPresent(b -> read.add(new HostInputs.Input(name, b)));
    }
    Roles parsedRoles = Roles.NONE;
    Map<String, SourceFile> extraSources = new LinkedHashMap<>();
    if (roles != null) {
      Optional<byte[]> bytes = readFile(roles.toString(), usage, "roles file");
      if (bytes.isPresent()) {
        RolesFile.Parsed r = RolesFile.parse(roles.toString(), bytes.get());
        usage.addAll(r.diagnostics());
        extraSources.put(r.source().name(), r.source());
        parsedRoles = r.roles();
      }
    }
    LintBaseline.Loaded accepted = LintBaseline.Loaded.EMPTY;
    if (baseline != null) {
      Optional<byte[]> bytes = readFile(baseline.toString(), usage, "baseline file");
      if (bytes.isPresent()) {
        // Decoded as the inputs are: a baseline saved by a Windows editor may carry a BOM.
        SourceFile text = new SourceFile(baseline.toString(), HostInputs.decode(bytes.get()));
        extraSources.put(text.name(), text);
        accepted = LintBaseline.parse(text, usage);
      }
    }
    if (!usage.isEmpty()) {
      Reporter.printText(err, usage, extraSources);
      err.println("rpcwall lint: nothing was linted; " + Reporter.plural(usage.size(), "usage error"));
      return ExitCodes.INVALID;
    }

    // 2. The host, the findings, the baseline.
    HostInputs.Result result = inputs.get().read(read);
    Map<String, SourceFile> sources = new LinkedHashMap<>();
    for (HostInputs.Input in : read) {
      sources.put(in.name(), new SourceFile(in.name(), HostInputs.decode(in.bytes())));
    }
    EffectiveHost host = new EffectiveHost(result.host());
    List<Finding> all = new ArrayList<>(Linter.lint(host, result.notes(), parsedRoles));
    if (policy != null) {
      Resolution resolution = root.resolve(policy);
      if (resolution.result().hasErrors() || resolution.result().value().isEmpty()) {
        Reporter.printText(err, resolution.result().diagnostics(), resolution.sources());
        err.println("rpcwall lint: nothing was linted; the policy given with --policy is invalid");
        return ExitCodes.INVALID;
      }
      all.addAll(
          LintPolicy.findings(
              DecisionMap.of(resolution.result().orElseThrow()), host, read.isEmpty() ? policy : read.get(0).name()));
      all.sort(Comparator.comparing(Finding::at).thenComparing(Finding::id));
    }
    List<LintBaseline.Fingerprinted> fingerprinted = LintBaseline.fingerprint(all, sources);
    List<LintBaseline.Fingerprinted> reported = new ArrayList<>();
    int suppressed = 0;
    for (LintBaseline.Fingerprinted f : fingerprinted) {
      if (accepted.contains(f.fingerprint())) {
        suppressed++;
      } else {
        reported.add(f);
      }
    }
    boolean nothingReadable =
        !result.files().isEmpty()
            && result.files().stream().allMatch(f -> f.format().equals(LintReport.UNKNOWN_FORMAT));

    // 3. The report.
    LintReport report = new LintReport(result.files(), reported, sources, suppressed);
    String document =
        switch (format) {
          case text -> report.text(showEffective ? Optional.of(LintViews.effective(host, parsedRoles)) : Optional.empty());
          case json -> report.json();
          case sarif -> report.sarif();
        };
    if (output != null) {
      try {
        AtomicFiles.writeAll(Map.of(output, document.getBytes(StandardCharsets.UTF_8)));
      } catch (IOException e) {
        err.println("rpcwall lint: cannot write '" + Reporter.safe(output.toString()) + "': " + Reporter.safe(String.valueOf(e.getMessage())));
        return ExitCodes.INVALID;
      }
      if (showEffective && format != LintFormat.text) {
        out.print(LintViews.effective(host, parsedRoles));
      }
    } else {
      out.print(document);
      if (showEffective && format != LintFormat.text) {
        // JSON and SARIF stay one document on standard output; the view goes to standard error.
        err.print(LintViews.effective(host, parsedRoles));
      }
    }
    if (format != LintFormat.text || output != null) {
      // The text report says this in its summary; the other formats keep stdout to one document.
      err.println(LintReport.summaryLine(reported, suppressed));
    }
    if (writeBaseline != null) {
      try {
        // Every current finding, the accepted ones too: a baseline rewritten with --baseline in
        // force keeps accepting what it accepted and still finds.
        AtomicFiles.writeAll(Map.of(writeBaseline, LintBaseline.write(fingerprinted).getBytes(StandardCharsets.UTF_8)));
      } catch (IOException e) {
        err.println("rpcwall lint: cannot write '" + Reporter.safe(writeBaseline.toString()) + "': " + Reporter.safe(String.valueOf(e.getMessage())));
        return ExitCodes.INVALID;
      }
      err.println("rpcwall lint: wrote " + Reporter.plural(fingerprinted.size(), "fingerprint") + " to " + Reporter.safe(writeBaseline.toString()));
    }
    if (nothingReadable) {
      err.println("rpcwall lint: no input is in a format rpcwall reads (" + Reporter.plural(result.files().size(), "file") + ")");
      return ExitCodes.INVALID;
    }
    boolean failing = reported.stream().anyMatch(f -> f.finding().severity().compareTo(failOn.severity) <= 0);
    return failing ? ExitCodes.FINDINGS : ExitCodes.OK;
  }

  /** The bytes of {@code name}, or a usage diagnostic saying why there are none. */
  static Optional<byte[]> readFile(String name, List<Diagnostic> usage, String what) {
    String why;
    try {
      Path path = Path.of(name);
      if (!Files.exists(path)) {
        why = "no such file";
      } else if (!Files.isRegularFile(path)) {
        // A directory, or a device or FIFO that could block or never end.
        why = "not a regular file";
      } else if (Files.size(path) > MAX_BYTES) {
        why = "larger than " + (MAX_BYTES >> 20) + " MiB";
      } else {
        return Optional.of(Files.readAllBytes(path));
      }
    } catch (IOException | InvalidPathException | SecurityException e) {
      why = "cannot be read (" + e.getClass().getSimpleName() + ")";
    }
    usage.add(new Diagnostic(
        Severity.ERROR,
        Codes.LINT_INPUT_UNREADABLE,
        new SourceSpan(name, 0, 0, 0),
        "cannot read " + what + " '" + name + "': " + why,
        Optional.of("check the path; lint reads files as they are (any encoding), but they must exist")));
    return Optional.empty();
  }
}
