package dev.rpcwall.emit.family.ipsec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rpcwall.compiler.diag.Codes;
import dev.rpcwall.compiler.diag.Diagnostic;
import dev.rpcwall.compiler.diag.Severity;
import dev.rpcwall.compiler.model.ipsec.IpsecStore;
import dev.rpcwall.compiler.target.EmittedFile;
import dev.rpcwall.compiler.target.IpsecScriptInput;
import dev.rpcwall.compiler.target.TargetId;
import dev.rpcwall.emit.Compilation;
import dev.rpcwall.emit.Target;
import dev.rpcwall.emit.Targets;
import dev.rpcwall.emit.TestPolicies;
import dev.rpcwall.emit.family.Dialects;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * The legacy IPsec family through {@link Compilation}, with a stand-in dialect registered next to
 * the WFAS ones (the real dialects plug in the same way): lowering options, file names, the
 * translation check and the rollback proof catch what a broken dialect would do, and {@code
 * --target all} leaves the family out with a warning when it cannot express the policy.
 */
class IpsecFamilyTest {
  static final String POLICY = TestPolicies.KB;

  private static List<Dialects<?, ?, ?>> registry(Target<IpsecScriptInput, IpsecStore> ipsec) {
    // The stand-in alone in the legacy family, in place of the registered dialects.
    return List.of(Targets.firewall(), new Dialects<>(IpsecFamily.INSTANCE, List.of(ipsec)));
  }

  private static Compilation.Output compile(
      Target<IpsecScriptInput, IpsecStore> ipsec, Set<TargetId> targets, Compilation.Options options) {
    return Compilation.compile(TestPolicies.map(POLICY), POLICY.getBytes(StandardCharsets.UTF_8), targets, options,
        registry(ipsec));
  }

  private static final Compilation.Options V4 = Compilation.Options.defaults().withIpv4Only(true);

  private static List<String> problems(UnaryOperator<String> apply, UnaryOperator<String> rollback) {
    Compilation.Output out =
        compile(StandInDialect.target(TargetId.IPSECPOL, apply, rollback), Set.of(TargetId.IPSECPOL), V4);
    assertThat(out.hasErrors()).isFalse();
    assertThat(out.files()).isEmpty();
    return out.verificationProblems();
  }

  @Test
  void compile_ipv4Only_writesTheContractNamesProvedAndSaysIpv6WasLeftOut() {
    Compilation.Output out = compile(StandInDialect.target(TargetId.IPSECPOL), Set.of(TargetId.IPSECPOL), V4);
    assertThat(out.verificationProblems()).isEmpty();
    assertThat(out.diagnostics()).isEmpty();
    assertThat(out.files()).extracting(EmittedFile::name)
        .containsExactly("kb-rpc-5001-5021-ipsecpol.cmd", "kb-rpc-5001-5021-ipsecpol-rollback.cmd");
    assertThat(out.notes()).containsExactly("ipsecpol: " + IpsecScriptInput.IPV6_LEFT_OUT);
    // 22 ports x (BLOCK any, PASS 10.1.1.0/24)
    assertThat(out.files().get(0).text().lines().filter(l -> l.startsWith("filter "))).hasSize(44);
  }

  @Test
  void compile_withoutIpv4Only_isRw2301AtThePolicyLine_andNoFile() {
    Compilation.Output out = compile(StandInDialect.target(TargetId.IPSECPOL), Set.of(TargetId.IPSECPOL),
        Compilation.Options.defaults());
    assertThat(out.files()).isEmpty();
    assertThat(out.diagnostics()).singleElement().satisfies(d -> {
      assertThat(d.code()).isEqualTo(Codes.IPSEC_IPV6);
      assertThat(d.severity()).isEqualTo(Severity.ERROR);
      assertThat(d.span().line()).isEqualTo(7); // block any to ...: 'any' holds IPv6
    });
  }

  @Test
  void targetAll_leavesIpsecOutWithAWarning_whenItCannotExpressThePolicy() {
    Set<TargetId> all = EnumSet.of(TargetId.NETSH, TargetId.POWERSHELL, TargetId.IPSECPOL);
    Compilation.Output out = compile(StandInDialect.target(TargetId.IPSECPOL), all,
        Compilation.Options.defaults().withSkipInexpressible(true));
    assertThat(out.hasErrors()).isFalse();
    assertThat(out.verificationProblems()).isEmpty();
    assertThat(out.files()).extracting(EmittedFile::name)
        .containsExactly("kb-rpc-5001-5021.cmd", "kb-rpc-5001-5021-rollback.cmd",
            "kb-rpc-5001-5021.ps1", "kb-rpc-5001-5021-rollback.ps1");
    Diagnostic w = out.diagnostics().stream().filter(d -> d.code().equals(Codes.IPSEC_SKIPPED))
        .findFirst().orElseThrow();
    assertThat(w.severity()).isEqualTo(Severity.WARNING);
    assertThat(w.message()).contains("skipped ipsecpol (legacy IPsec)").contains("RW2301 at p.rpcwall:7");
    assertThat(out.notes()).isEmpty();

    Compilation.Output v4 = compile(StandInDialect.target(TargetId.IPSECPOL), all,
        V4.withSkipInexpressible(true));
    assertThat(v4.diagnostics()).noneMatch(d -> d.code().equals(Codes.IPSEC_SKIPPED));
    assertThat(v4.files()).hasSize(6);
    assertThat(v4.files().get(4).name()).isEqualTo("kb-rpc-5001-5021-ipsecpol.cmd");
  }

  @Test
  void targetAll_neverSkipsWindowsFirewall() {
    // WMI port 135 is refused for every family: an error, not a skip, even under --target all.
    String bad = POLICY.replace("dynamic ports 5001-5021", "dynamic ports 5001-5021\n  wmi fixed port 5500");
    Compilation.Output out = Compilation.compile(TestPolicies.map(bad), bad.getBytes(StandardCharsets.UTF_8),
        EnumSet.of(TargetId.NETSH, TargetId.IPSECPOL), V4.withSkipInexpressible(true),
        registry(StandInDialect.target(TargetId.IPSECPOL)));
    assertThat(out.hasErrors()).isTrue();
    assertThat(out.files()).isEmpty();
    assertThat(out.diagnostics()).anySatisfy(d -> assertThat(d.code()).isEqualTo(Codes.TARGET_WMI_PORT));
  }

  // The translation check on what the dialect's reader reads back
  // =============================================================

  @Test
  void droppedPassFilter_isCaught() {
    List<String> p = problems(t -> t.replaceFirst("filter (\\S+) PASS 10\\.1\\.1\\.0/24 6 5010\r\n", ""),
        UnaryOperator.identity());
    assertThat(p).anySatisfy(x -> assertThat(x)
        .startsWith("ipsecpol: tcp 5010 10.1.1.0-10.1.1.255: policy says allow, the IPsec filters block"));
  }

  @Test
  void policyNotAssigned_isCaught() {
    List<String> p = problems(t -> t.replaceFirst("assign \\S+\r\n", ""), UnaryOperator.identity());
    assertThat(p).anySatisfy(x -> assertThat(x).contains("policy says block, the IPsec filters match nothing"));
  }

  @Test
  void rpcRangeNotWritten_isCaught() {
    List<String> p = problems(t -> t.replace("rpc 5001-5021", "rpc none"), UnaryOperator.identity());
    assertThat(p).anySatisfy(x -> assertThat(x).contains("RPC settings read back"));
  }

  @Test
  void unreadableOutput_isCaught() {
    List<String> p = problems(t -> t + "frobnicate\r\n", UnaryOperator.identity());
    assertThat(p).anySatisfy(x -> assertThat(x).contains("cannot read own output").contains("frobnicate"));
  }

  // The rollback proof
  // ==================

  @Test
  void rollbackThatForgetsTheDelete_isCaught() {
    List<String> p = problems(UnaryOperator.identity(), t -> t.replaceFirst("delete \\S+\r\n", ""));
    assertThat(p).anySatisfy(x -> assertThat(x).contains("leaves the policies").contains("rpcwall-"));
  }

  @Test
  void rollbackThatDeletesByPrefix_killsTheLookAlike_andIsCaught() {
    List<String> p = problems(UnaryOperator.identity(), t -> t + "deletelike rpcwall-\r\n");
    assertThat(p).anySatisfy(x -> assertThat(x).contains("leaves the policies")
        .contains("copy"));
  }

  @Test
  void rollbackThatLeavesRpcValues_isCaught() {
    List<String> p = problems(UnaryOperator.identity(), t -> t.replace("rpc none\r\n", ""));
    assertThat(p).anySatisfy(x -> assertThat(x).contains("leaves RPC values"));
  }

  @Test
  void rollbackThatAssignsAnother_isCaught() {
    List<String> p = problems(UnaryOperator.identity(), t -> t + "assign other_tool_policy\r\n");
    assertThat(p).anySatisfy(x -> assertThat(x).contains("changes the other owner's policy 'other tool policy'"));
  }

  @Test
  void fileNamesOtherThanTheContract_areAProblem() {
    Target<IpsecScriptInput, IpsecStore> t = StandInDialect.target(TargetId.IPSECCMD);
    Compilation.Output out = compile(t, Set.of(TargetId.IPSECCMD), V4);
    assertThat(out.verificationProblems()).isEmpty();
    IpsecScriptInput input = IpsecFamily.INSTANCE.input(TestPolicies.map(POLICY),
        dev.rpcwall.compiler.lower.IpsecLowering.lower(TestPolicies.map(POLICY), V4.ipsec()).orElseThrow(),
        new dev.rpcwall.emit.family.ScriptHeader("s", "", "0", true));
    List<EmittedFile> files = t.emitter().emit(input);
    List<EmittedFile> renamed = List.of(files.get(1), files.get(0));
    assertThat(Compilation.verify(t, input, renamed, TestPolicies.map(POLICY)))
        .containsExactly("the files are named [" + files.get(1).name() + ", " + files.get(0).name()
            + "], not [kb-rpc-5001-5021-ipseccmd.cmd, kb-rpc-5001-5021-ipseccmd-rollback.cmd]");
  }

  // The frame
  // =========

  @Test
  void registry_twoFamiliesSideBySide_andBuiltInIsTheirDialects() {
    List<Dialects<?, ?, ?>> registry = Targets.registry();
    assertThat(registry).extracting(d -> d.family().name())
        .containsExactly("Windows Firewall", "legacy IPsec");
    assertThat(Targets.builtIn().keySet()).containsAll(Targets.wfas().keySet())
        .containsAll(Targets.ipsec().keySet())
        .hasSize(Targets.wfas().size() + Targets.ipsec().size());
    assertThat(Targets.wfas().keySet()).containsExactly(TargetId.NETSH, TargetId.POWERSHELL);
    assertThat(Targets.ipsec().keySet())
        .allSatisfy(id -> assertThat(id).isIn(TargetId.IPSECPOL, TargetId.IPSECCMD, TargetId.NETSH_IPSEC));
  }

  @Test
  void compilation_namesNoFamily() throws IOException {
    // Compilation runs every family through ModelFamily; a branch on a family would name it.
    String source = Files.readString(Path.of("src/main/java/dev/rpcwall/emit/Compilation.java"));
    assertThat(source).doesNotContain("Wfas").doesNotContain("TranslationCheck")
        .doesNotContain("IpsecFamily").doesNotContain("instanceof").doesNotContain("TargetId.");
  }
}
