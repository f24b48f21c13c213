package dev.rpcwall.compiler.parse;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rpcwall.compiler.ast.AstPrinter;
import dev.rpcwall.compiler.ast.PolicyFile;
import dev.rpcwall.compiler.diag.DiagnosticRenderer;
import dev.rpcwall.compiler.diag.Result;
import dev.rpcwall.compiler.source.SourceFile;
import dev.rpcwall.compiler.source.SourceSpan;
import java.util.Map;
import java.util.stream.Collectors;

/** Parser test helpers: parse without errors, compare ASTs ignoring spans, check the round trip. */
public final class ParseAssertions {
  private ParseAssertions() {}

  public static PolicyFile parseOk(String name, String text) {
    SourceFile file = new SourceFile(name, text);
    Result<PolicyFile> r =
        name.endsWith(".yaml") ? YamlPolicyReader.read(file) : PolicyReader.read(file);
    assertThat(r.diagnostics()).as(() -> render(file, r)).isEmpty();
    return r.orElseThrow();
  }

  public static String render(SourceFile file, Result<?> r) {
    DiagnosticRenderer renderer = new DiagnosticRenderer(Map.of(file.name(), file));
    return r.diagnostics().stream().map(renderer::render).collect(Collectors.joining());
  }

  public static void assertSameIgnoringSpans(Object actual, Object expected) {
    assertThat(actual)
        .usingRecursiveComparison()
        .ignoringFieldsOfTypes(SourceSpan.class)
        .isEqualTo(expected);
  }

  /** print -> parse gives the same AST (spans aside), and printing again gives the same text. */
  public static void assertRoundTrip(PolicyFile ast) {
    String printed = AstPrinter.print(ast);
    PolicyFile again = parseOk("printed.rpcwall", printed);
    assertSameIgnoringSpans(again, ast);
    assertThat(AstPrinter.print(again)).isEqualTo(printed);
  }
}
