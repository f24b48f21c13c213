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

  /**
   * One example with {@code --confirm-within 15} for both script targets, byte for byte, in its own
   * folder (the golden files of issue 8 stay as they were). Run with {@code
   * -Drpcwall.golden.update=true} to rewrite, then review the diff.
   */
  @Test
  void golden_kbExampleWithConfirmWithin_matchesBytes() throws java.io.IOException {
    boolean update = Boolean.getBoolean("rpcwall.golden.update");
    Path dir = Path.of("src/test/resources/golden-confirm/kb-rpc-5001-5021");
    Compilation.Output out =
        compile(analysis(EXAMPLE), EnumSet.of(TargetId.NETSH, TargetId.POWERSHELL), 15);
    assertThat(out.verificationProblems()).isEmpty();
    for (EmittedFile f : out.files()) {
      Path expected = dir.resolve(f.name());
      if (update) {
        java.nio.file.Files.createDirectories(dir);
        java.nio.file.Files.write(expected, f.bytes());
      }
      assertThat(expected).exists();
      assertThat(java.nio.file.Files.readAllBytes(expected)).as(expected.toString()).isEqualTo(f.bytes());
    }
    try (var present = java.nio.file.Files.list(dir)) {
      assertThat(present.map(p -> p.getFileName().toString()).sorted())
          .containsExactlyElementsOf(out.files().stream().map(EmittedFile::name).sorted().toList());
    }
  }

  // Mutations: the proof must fail on each (issue 9 point 8)
  // ==========================================================

  static ScriptInput input(Analysis a, int minutes) {
    var map = a.decisionMap().orElseThrow();
    return new ScriptInput(map.policy(),
        dev.rpcwall.compiler.lower.WfasLowering.lower(map, Compilation.Options.defaults().lowering()),
        dev.rpcwall.compiler.target.Slug.of(map.policy().name()), "0".repeat(64),
        Compilation.TOOL_VERSION, true, minutes);
  }

  /** The proof of {@code target} on {@code files}, the third file (confirm) optional. */
  static List<String> prove(TargetId id, Analysis a, ScriptInput in, List<EmittedFile> files) {
    return Compilation.verify(Targets.wfas().get(id), in, files, a.decisionMap().orElseThrow());
  }

  static EmittedFile edit(EmittedFile f, java.util.function.UnaryOperator<List<String>> change) {
    String sep = f.text().contains("\r\n") ? "\r\n" : "\n";
    List<String> lines = new java.util.ArrayList<>(List.of(f.text().split(sep, -1)));
    return new EmittedFile(f.name(), String.join(sep, change.apply(lines)), f.lineEnding(),
        f.charset(), f.bom());
  }

  /** Moves the lines {@code from} (and the {@code count - 1} after it) to after {@code after}. */
  static List<String> move(List<String> lines, java.util.function.Predicate<String> from, int count,
      java.util.function.Predicate<String> after) {
    int at = indexOf(lines, from);
    List<String> moved = new java.util.ArrayList<>(lines.subList(at, at + count));
    lines.subList(at, at + count).clear();
    lines.addAll(indexOf(lines, after) + 1, moved);
    return lines;
  }

  static int indexOf(List<String> lines, java.util.function.Predicate<String> p) {
    for (int i = 0; i < lines.size(); i++) {
      if (p.test(lines.get(i))) {
        return i;
      }
    }
    throw new AssertionError("no such line");
  }

  @Test
  void netsh_emittedScripts_passTheProofUnchanged() {
    Analysis a = analysis(EXAMPLE);
    ScriptInput in = input(a, 30);
    List<EmittedFile> files = Targets.wfas().get(TargetId.NETSH).emitter().emit(in);
    assertThat(files).hasSize(3);
    assertThat(prove(TargetId.NETSH, a, in, files)).isEmpty();
  }

  @Test
  void netsh_taskRegisteredAfterTheFirstFirewallChange_failsTheProof() {
    Analysis a = analysis(EXAMPLE);
    ScriptInput in = input(a, 30);
    List<EmittedFile> files = new java.util.ArrayList<>(Targets.wfas().get(TargetId.NETSH).emitter().emit(in));
    files.set(0, edit(files.get(0), l -> move(l, x -> x.startsWith("schtasks /create"), 2,
        x -> x.startsWith("netsh advfirewall firewall add rule"))));
    List<String> problems = prove(TargetId.NETSH, a, in, files);
    assertThat(problems).anyMatch(p -> p.contains("registered after a command that may change the host"));
  }

  @Test
  void netsh_taskRegisteredAfterAStateWrite_failsTheProof() {
    // A registry write is a change too: the task comes before every command that is not a read.
    Analysis a = analysis(EXAMPLE);
    ScriptInput in = input(a, 30);
    List<EmittedFile> files = new java.util.ArrayList<>(Targets.wfas().get(TargetId.NETSH).emitter().emit(in));
    files.set(0, edit(files.get(0), l -> move(l, x -> x.startsWith("schtasks /create"), 2,
        x -> x.startsWith("reg add "))));
    assertThat(prove(TargetId.NETSH, a, in, files))
        .anyMatch(p -> p.contains("registered after a command that may change the host"));
  }

  @Test
  void netsh_confirmThatDoesNotDeleteTheTask_failsTheProof() {
    Analysis a = analysis(EXAMPLE);
    ScriptInput in = input(a, 30);
    List<EmittedFile> files = new java.util.ArrayList<>(Targets.wfas().get(TargetId.NETSH).emitter().emit(in));
    files.set(2, edit(files.get(2), l -> {
      l.removeIf(x -> x.startsWith("schtasks /delete"));
      return l;
    }));
    assertThat(prove(TargetId.NETSH, a, in, files))
        .contains("confirmed apply: the confirm script does not delete the task rpcwall\\"
            + in.slug() + "-revert");
  }

  @Test
  void netsh_rollbackThatDoesNotDeleteTheTask_failsTheProof() {
    Analysis a = analysis(EXAMPLE);
    ScriptInput in = input(a, 30);
    List<EmittedFile> files = new java.util.ArrayList<>(Targets.wfas().get(TargetId.NETSH).emitter().emit(in));
    files.set(1, edit(files.get(1), l -> {
      l.removeIf(x -> x.startsWith("schtasks /delete"));
      return l;
    }));
    assertThat(prove(TargetId.NETSH, a, in, files))
        .contains("confirmed apply: the rollback script does not delete the task rpcwall\\"
            + in.slug() + "-revert");
  }

  @Test
  void netsh_taskThatRunsTheUnprotectedRollback_failsTheProof() {
    // The task runs as SYSTEM: running the file next to the apply script (writable by whoever
    // can write there) instead of the protected copy is refused.
    Analysis a = analysis(EXAMPLE);
    ScriptInput in = input(a, 30);
    List<EmittedFile> files = new java.util.ArrayList<>(Targets.wfas().get(TargetId.NETSH).emitter().emit(in));
    files.set(0, edit(files.get(0), l -> {
      int i = indexOf(l, x -> x.startsWith("schtasks /create"));
      l.set(i, l.get(i).replaceFirst("/tr \\S+", "/tr C:\\\\scripts\\\\" + in.fileBase() + "-rollback.cmd"));
      return l;
    }));
    assertThat(prove(TargetId.NETSH, a, in, files)).anyMatch(p -> p.contains("not the protected copy"));
  }

  @Test
  void powershell_emittedScripts_passTheProofUnchanged() {
    Analysis a = analysis(EXAMPLE);
    ScriptInput in = input(a, 45);
    List<EmittedFile> files = Targets.wfas().get(TargetId.POWERSHELL).emitter().emit(in);
    assertThat(files).extracting(EmittedFile::name).endsWith("kb-rpc-5001-5021-confirm.ps1");
    assertThat(prove(TargetId.POWERSHELL, a, in, files)).isEmpty();
  }

  @Test
  void powershell_taskRegisteredAfterTheFirstFirewallChange_failsTheProof() {
    Analysis a = analysis(EXAMPLE);
    ScriptInput in = input(a, 45);
    List<EmittedFile> files = new java.util.ArrayList<>(Targets.wfas().get(TargetId.POWERSHELL).emitter().emit(in));
    // The ShouldProcess block (3 lines) moves to after the first rule's creation.
    files.set(0, edit(files.get(0), l -> move(l, x -> x.startsWith("if ($PSCmdlet.ShouldProcess('scheduled task"), 3,
        x -> x.strip().startsWith("Add-RpcwallUndo -Kind 'rule'"))));
    assertThat(prove(TargetId.POWERSHELL, a, in, files))
        .anyMatch(p -> p.contains("registered after a command that may change the host"));
  }

  @Test
  void powershell_confirmThatDoesNotDeleteTheTask_failsTheProof() {
    Analysis a = analysis(EXAMPLE);
    ScriptInput in = input(a, 45);
    List<EmittedFile> files = new java.util.ArrayList<>(Targets.wfas().get(TargetId.POWERSHELL).emitter().emit(in));
    files.set(2, edit(files.get(2), l -> {
      l.removeIf(x -> x.startsWith("Unregister-RpcwallRevert -Slug"));
      return l;
    }));
    assertThat(prove(TargetId.POWERSHELL, a, in, files))
        .contains("confirmed apply: the confirm script does not delete the task rpcwall\\"
            + in.slug() + "-revert");
  }

  @Test
  void powershell_rollbackThatDoesNotDeleteTheTask_failsTheProof() {
    Analysis a = analysis(EXAMPLE);
    ScriptInput in = input(a, 45);
    List<EmittedFile> files = new java.util.ArrayList<>(Targets.wfas().get(TargetId.POWERSHELL).emitter().emit(in));
    files.set(1, edit(files.get(1), l -> {
      l.removeIf(x -> x.strip().startsWith("Unregister-RpcwallRevert -Slug"));
      return l;
    }));
    assertThat(prove(TargetId.POWERSHELL, a, in, files))
        .contains("confirmed apply: the rollback script does not delete the task rpcwall\\"
            + in.slug() + "-revert");
  }

  @Test
  void powershell_editedHelper_isNotTrusted() {
    // The helper's effect is taken from its name only while its text is rpcwall's own.
    Analysis a = analysis(EXAMPLE);
    ScriptInput in = input(a, 45);
    List<EmittedFile> files = new java.util.ArrayList<>(Targets.wfas().get(TargetId.POWERSHELL).emitter().emit(in));
    files.set(2, edit(files.get(2), l -> {
      int i = indexOf(l, x -> x.strip().startsWith("Unregister-ScheduledTask"));
      l.set(i, "    Write-Host 'kept'");
      return l;
    }));
    assertThat(prove(TargetId.POWERSHELL, a, in, files)).isNotEmpty();
  }

  @Test
  void proof_confirmScriptWithoutTheOption_isAProblem() {
    Analysis a = analysis(EXAMPLE);
    ScriptInput with = input(a, 10);
    ScriptInput without = input(a, 0);
    List<EmittedFile> files = Targets.wfas().get(TargetId.NETSH).emitter().emit(with);
    // Scripts that register a task, proved against an input without --confirm-within.
    assertThat(prove(TargetId.NETSH, a, without, files))
        .anyMatch(p -> p.contains("without --confirm-within"));
  }
}
