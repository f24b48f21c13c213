package dev.rpcwall.compiler.diag;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rpcwall.compiler.Compiler;
import dev.rpcwall.compiler.source.SourceFile;
import dev.rpcwall.compiler.source.SourceSpan;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DiagnosticRendererTest {
  /** ESC, CR, LF, NUL, DEL, CSI (C1), RLO, LRI, PDI, LRM, line separator. */
  private static final String NASTY = "\u001b]0;x\u0007\r\n\u0000\u007f\u009b\u202e\u2066\u2069\u200e\u2028";

  private static void assertInert(String text) {
    text.chars().forEach(c -> assertThat(c == '\n' || !Printable.isUnsafe(c))
        .as("U+%04X in %s", c, text).isTrue());
  }

  @Test
  void escape_everyBmpChar_leavesNoUnsafeCharacter() {
    for (int c = 0; c <= 0xFFFF; c++) {
      String escaped = Printable.escape("a" + (char) c + "b");
      escaped.chars().forEach(x -> assertThat(Printable.isUnsafe(x)).isFalse());
      if (Printable.isUnsafe(c) || Character.isSurrogate((char) c)) {
        assertThat(escaped).isEqualTo("a\\u{" + Integer.toHexString(c) + "}b");
      } else {
        assertThat(escaped).isEqualTo("a" + (char) c + "b");
      }
    }
    assertThat(Printable.escape("\uD83D\uDE00\t")).isEqualTo("\uD83D\uDE00\t");
  }

  @Test
  void render_messageHintFileNameAndSnippet_areEscaped() {
    SourceFile file = new SourceFile("p" + NASTY + ".rpcwall", "allow x" + NASTY + " to tcp 1\n");
    Diagnostic d =
        new Diagnostic(Severity.ERROR, "RW0001", new SourceSpan(file.name(), 1, 8, 3),
            "bad " + NASTY, Optional.of("hint " + NASTY));

    String out = new DiagnosticRenderer(Map.of(file.name(), file)).render(d);

    assertInert(out);
    assertThat(out).contains("p\\u{1b}]0;x\\u{7}\\u{d}\\u{a}\\u{0}\\u{7f}\\u{9b}\\u{202e}");
    assertThat(out.lines()).hasSize(4);
  }

  @Test
  void render_caretUnderTextAfterEscapes_staysUnderTheMarkedText() {
    SourceFile file = new SourceFile("p.rpcwall", "a\u001bb\u202ec adminz\n");
    Diagnostic d =
        new Diagnostic(Severity.ERROR, "RW0102", new SourceSpan("p.rpcwall", 1, 7, 6),
            "unknown network 'adminz'", Optional.empty());

    String[] lines = new DiagnosticRenderer(Map.of("p.rpcwall", file)).render(d).split("\n");

    assertThat(lines[1]).isEqualTo("    a\\u{1b}b\\u{202e}c adminz");
    assertThat(lines[2].indexOf('^')).isEqualTo(lines[1].indexOf("adminz"));
    assertThat(lines[2].strip()).isEqualTo("^^^^^^");
  }

  @Test
  void render_yamlKeyWithTerminalControls_printsNoRawControl() {
    String yaml = "policy: x\n\"\\e]0;owned\\a\\u202e\": 1\n";
    var analysis =
        Compiler.analyze(p -> Optional.of(yaml.getBytes(StandardCharsets.UTF_8)), "p.yaml");
    DiagnosticRenderer renderer = new DiagnosticRenderer(analysis.sources());

    assertThat(analysis.diagnostics()).isNotEmpty();
    for (Diagnostic d : analysis.diagnostics()) {
      assertThat(d.message()).contains("\u001b");
      assertInert(renderer.render(d));
    }
  }
}
