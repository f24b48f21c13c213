package dev.rpcwall.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rpcwall.compiler.diag.Severity;
import dev.rpcwall.compiler.lint.Category;
import dev.rpcwall.compiler.lint.Evidence;
import dev.rpcwall.compiler.lint.Finding;
import dev.rpcwall.compiler.source.SourceFile;
import dev.rpcwall.compiler.source.SourceSpan;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Fingerprints: what changes them and what does not. */
class LintBaselineTest {
  private static Finding finding(String file, int line, String message, String evidenceFile, int evidenceLine) {
    return new Finding("RWL0100", Category.RPC_EXPOSED, Severity.ERROR, new SourceSpan(file, line, 5, 3), message,
        List.of(new Evidence("rule \"Open\" allows tcp/135", new SourceSpan(evidenceFile, evidenceLine, 1, 1))), "h");
  }

  private static String fp(Finding f, String text) {
    return LintBaseline.fingerprint(f, Map.of(f.at().source(), new SourceFile(f.at().source(), text)));
  }

  @Test
  void linesMovingDoNotChangeIt_butTheRuleTextDoes() {
    String before = "x\nadd rule name=Open localport=135\n";
    String after = "x\ny\nz\nadd rule name=Open localport=135\n";
    String a = fp(finding("h.cmd", 2, "open at h.cmd:2:5 (line 2)", "h.cmd", 2), before);
    String b = fp(finding("h.cmd", 4, "open at h.cmd:4:5 (line 4)", "h.cmd", 4), after);
    assertThat(a).isEqualTo(b).matches("[0-9a-f]{32}");
    String changed = fp(finding("h.cmd", 4, "open at h.cmd:4:5 (line 4)", "h.cmd", 4),
        "x\ny\nz\nadd rule name=Open localport=136\n");
    assertThat(changed).isNotEqualTo(a);
  }

  @Test
  void idFileAndMessageAreEachPartOfIt() {
    String text = "x\nadd rule\n";
    String base = fp(finding("h.cmd", 2, "m", "h.cmd", 2), text);
    assertThat(fp(finding("g.cmd", 2, "m", "g.cmd", 2), text)).isNotEqualTo(base);
    assertThat(fp(finding("h.cmd", 2, "n", "h.cmd", 2), text)).isNotEqualTo(base);
    Finding other = new Finding("RWL0101", Category.RPC_EXPOSED, Severity.ERROR, new SourceSpan("h.cmd", 2, 5, 3), "m",
        List.of(new Evidence("rule \"Open\" allows tcp/135", new SourceSpan("h.cmd", 2, 1, 1))), "h");
    assertThat(fp(other, text)).isNotEqualTo(base);
    // Backslashes and slashes name the same file.
    assertThat(fp(finding("a\\h.cmd", 2, "m", "a\\h.cmd", 2), text)).isEqualTo(fp(finding("a/h.cmd", 2, "m", "a/h.cmd", 2), text));
  }

  @Test
  void equalFindings_areToldApartByOrder() {
    Finding f = finding("h.cmd", 2, "m", "h.cmd", 2);
    Finding g = finding("h.cmd", 3, "m", "h.cmd", 3);
    SourceFile text = new SourceFile("h.cmd", "x\nsame\nsame\n");
    List<LintBaseline.Fingerprinted> out = LintBaseline.fingerprint(List.of(f, g), Map.of("h.cmd", text));
    assertThat(out.get(1).fingerprint()).isEqualTo(out.get(0).fingerprint() + ":2");
  }
}
