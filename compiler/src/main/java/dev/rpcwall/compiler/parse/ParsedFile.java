package dev.rpcwall.compiler.parse;

import static java.util.Objects.requireNonNull;

import dev.rpcwall.compiler.ast.PolicyFile;
import dev.rpcwall.compiler.diag.Codes;
import dev.rpcwall.compiler.diag.Diagnostic;
import dev.rpcwall.compiler.diag.Diagnostics;
import dev.rpcwall.compiler.diag.Result;
import dev.rpcwall.compiler.diag.Severity;
import dev.rpcwall.compiler.source.SourceDecoder;
import dev.rpcwall.compiler.source.SourceFile;
import dev.rpcwall.compiler.source.SourceSpan;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * One file decoded and parsed, and whether it reads as a policy file. Only a file that reads as a
 * policy may be quoted in diagnostics (its lines as snippets, its tokens and keys in messages).
 * Anything else, such as a credentials file, {@code /proc/self/environ} or a binary, is reported
 * by one {@link Codes#NOT_A_POLICY} diagnostic that gives the position of its first problem and
 * quotes nothing from it.
 *
 * <p>A file reads as a policy when it has no error, or when it starts like one. For the {@code
 * .rpcwall} syntax that is: its first token is a statement keyword ({@code policy}, {@code import},
 * {@code network}, ...) and its first syntax error lies on a later line (errors found after the
 * grammar accepted the whole file, such as a port out of range, do not count). For YAML: the text
 * is YAML up to and including the first key of a top-level mapping, and that key is one of the
 * policy form's ({@code policy}, {@code imports}, {@code networks}, ...). A {@code .rpcwall} file
 * whose very first statement is broken is therefore reported without its content even when it is
 * a policy with a typo; the diagnostic still says where the problem is.
 */
public record ParsedFile(SourceFile source, Result<PolicyFile> result, boolean readsAsPolicy) {
  /** The codes that mean the grammar did not accept the file (or could not see its text). */
  private static final Set<String> SYNTAX =
      Set.of(
          Codes.SYNTAX_UNEXPECTED,
          Codes.SYNTAX_UNTERMINATED_STRING,
          Codes.SYNTAX_BAD_CHARACTER,
          Codes.SYNTAX_TOO_MANY_ERRORS,
          Codes.SYNTAX_INVALID_UTF8);

  public ParsedFile {
    requireNonNull(source, "source");
    requireNonNull(result, "result");
  }

  /** Whether {@code name} is read as YAML: it ends in {@code .yaml} or {@code .yml}. */
  public static boolean isYaml(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    return lower.endsWith(".yaml") || lower.endsWith(".yml");
  }

  /** Parses a decoded file as the {@code .rpcwall} or the YAML form, by the name's extension. */
  public static Result<PolicyFile> parse(SourceFile file) {
    return isYaml(file.name()) ? YamlPolicyReader.read(file) : PolicyReader.read(file);
  }

  /** Decodes {@code bytes} as UTF-8 and parses them; the result holds the decoder's errors too. */
  public static ParsedFile read(String name, byte[] bytes) {
    Diagnostics diagnostics = new Diagnostics();
    SourceFile file = SourceDecoder.decode(name, bytes, diagnostics);
    Result<PolicyFile> parsed = parse(file);
    diagnostics.addAll(parsed.diagnostics());
    Result<PolicyFile> result =
        diagnostics.hasErrors() ? Result.failed(diagnostics) : parsed;
    return new ParsedFile(file, result, readsAsPolicy(file, result.diagnostics()));
  }

  /** The first error that decides whether the file reads as a policy, if there is one. */
  public Optional<SourceSpan> firstProblem() {
    return firstProblem(source, result.diagnostics());
  }

  /**
   * The diagnostics to report for this file: its own when it reads as a policy, else one
   * {@link Codes#NOT_A_POLICY} at {@code importedAt} (the import statement that named it) or,
   * for a file named on the command line, at the position of its first problem.
   */
  public List<Diagnostic> diagnostics(Optional<SourceSpan> importedAt) {
    if (readsAsPolicy) {
      return result.diagnostics();
    }
    SourceSpan first = firstProblem().orElse(source.spanAt(0, 1));
    String where = "line " + first.line() + ", column " + first.column();
    String hint =
        "a policy file starts with a statement such as 'policy', 'import', 'network' or 'service'"
            + " (in YAML, a key such as 'policy:' or 'networks:'); if this is one, fix its first"
            + " statement";
    Diagnostics out = new Diagnostics();
    if (importedAt.isPresent()) {
      out.error(
          Codes.NOT_A_POLICY,
          importedAt.get(),
          "imported file '" + source.name() + "' is not a policy file (first problem at " + where
              + "); its content is not shown",
          hint);
    } else {
      out.error(
          Codes.NOT_A_POLICY,
          first,
          "'" + source.name() + "' is not a policy file (first problem here); its content is not"
              + " shown",
          hint);
    }
    return out.sorted();
  }

  private static boolean readsAsPolicy(SourceFile file, List<Diagnostic> diagnostics) {
    Optional<SourceSpan> first = firstProblem(file, diagnostics);
    if (first.isEmpty()) {
      return true;
    }
    if (isYaml(file.name())) {
      return YamlPolicyReader.firstKeyLine(file) > 0;
    }
    int statementLine = PolicyReader.firstStatementLine(file);
    return statementLine > 0 && first.get().line() > statementLine;
  }

  private static Optional<SourceSpan> firstProblem(SourceFile file, List<Diagnostic> diagnostics) {
    boolean yaml = isYaml(file.name());
    return diagnostics.stream()
        .filter(d -> d.severity() == Severity.ERROR)
        .filter(d -> yaml || SYNTAX.contains(d.code()))
        .map(d -> d.span().isKnown() ? d.span() : file.spanAt(0, 1))
        .min(Comparator.naturalOrder());
  }
}
