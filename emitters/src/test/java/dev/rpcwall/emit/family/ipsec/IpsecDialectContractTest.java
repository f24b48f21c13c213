package dev.rpcwall.emit.family.ipsec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rpcwall.compiler.lower.IpsecLowering;
import dev.rpcwall.compiler.model.ipsec.IpsecStore;
import dev.rpcwall.compiler.semantics.DecisionMap;
import dev.rpcwall.compiler.target.EmittedFile;
import dev.rpcwall.compiler.target.IpsecScriptInput;
import dev.rpcwall.compiler.target.ScriptInput;
import dev.rpcwall.compiler.target.TargetId;
import dev.rpcwall.emit.Compilation;
import dev.rpcwall.emit.Target;
import dev.rpcwall.emit.Targets;
import dev.rpcwall.emit.TestPolicies;
import dev.rpcwall.emit.family.Dialects;
import dev.rpcwall.emit.family.ScriptHeader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * What every legacy IPsec dialect must do in the family frame, generated for each dialect
 * registered in {@link Targets#ipsec()} (and for the stand-in, so the contract itself is tested
 * before the real dialects exist): the KB example compiles with {@code --ipv4-only} and passes the
 * proof; same input, same bytes; the IPv6 sentence and, with {@code --no-verify}, the NOT VERIFIED
 * line in every header; and the proof rejects an apply that enforces nothing, a rollback that
 * removes nothing, and LF line ends.
 */
class IpsecDialectContractTest {
  private static final Compilation.Options V4 = Compilation.Options.defaults().withIpv4Only(true);

  private static List<Target<IpsecScriptInput, IpsecStore>> dialects() {
    List<Target<IpsecScriptInput, IpsecStore>> out = new ArrayList<>(Targets.ipsec().values());
    out.add(StandInDialect.target(TargetId.IPSECPOL));
    return out;
  }

  private static String label(Target<?, ?> t) {
    return t.emitter() instanceof StandInDialect.Emit ? "stand-in" : t.id().keyword();
  }

  private static Compilation.Output compile(Target<IpsecScriptInput, IpsecStore> t, Compilation.Options o) {
    List<Dialects<?, ?, ?>> registry = List.of(Targets.firewall(),
        new Dialects<>(IpsecFamily.INSTANCE, List.of(t)));
    return Compilation.compile(TestPolicies.map(IpsecFamilyTest.POLICY),
        IpsecFamilyTest.POLICY.getBytes(StandardCharsets.UTF_8), Set.of(t.id()), o, registry);
  }

  private static IpsecScriptInput input() {
    DecisionMap map = TestPolicies.map(IpsecFamilyTest.POLICY);
    return IpsecFamily.INSTANCE.input(map, IpsecLowering.lower(map, V4.ipsec()).orElseThrow(),
        new ScriptHeader("kb-rpc-5001-5021-00000000", "0".repeat(64), Compilation.TOOL_VERSION, true));
  }

  private static String header(EmittedFile f) {
    return f.text().lines().limit(15).collect(Collectors.joining("\n"));
  }

  @TestFactory
  Stream<DynamicTest> everyDialect_keepsTheContract() {
    return dialects().stream().flatMap(t -> Stream.of(
        DynamicTest.dynamicTest(label(t) + ": KB example compiles, is proved, says IPv6 was left out", () -> {
          Compilation.Output out = compile(t, V4);
          assertThat(out.hasErrors()).as(out.diagnostics().toString()).isFalse();
          assertThat(out.verificationProblems()).isEmpty();
          assertThat(out.files()).extracting(EmittedFile::name).containsExactly(
              "kb-rpc-5001-5021-" + t.id().keyword() + ".cmd",
              "kb-rpc-5001-5021-" + t.id().keyword() + "-rollback.cmd");
          assertThat(header(out.files().get(0))).contains(IpsecScriptInput.IPV6_LEFT_OUT);
          assertThat(out.notes()).containsExactly(t.id().keyword() + ": " + IpsecScriptInput.IPV6_LEFT_OUT);
          assertThat(compile(t, V4).files()).extracting(EmittedFile::bytes)
              .usingRecursiveFieldByFieldElementComparator()
              .containsExactlyElementsOf(out.files().stream().map(EmittedFile::bytes).toList());
        }),
        DynamicTest.dynamicTest(label(t) + ": --no-verify marks every script", () -> {
          Compilation.Output out = compile(t, new Compilation.Options(V4.lowering(), false, V4.ipsec(), false));
          assertThat(out.files()).hasSize(2).allSatisfy(f ->
              assertThat(header(f)).as(f.name()).contains(ScriptInput.NOT_VERIFIED));
        }),
        DynamicTest.dynamicTest(label(t) + ": the proof rejects broken output", () -> {
          DecisionMap map = TestPolicies.map(IpsecFamilyTest.POLICY);
          IpsecScriptInput input = input();
          List<EmittedFile> files = t.emitter().emit(input);
          assertThat(Compilation.verify(t, input, files, map)).isEmpty();
          EmittedFile apply = files.get(0);
          EmittedFile rollback = files.get(1);
          // An empty apply: a script that enforces nothing.
          List<String> nothing = Compilation.verify(t, input, List.of(
              new EmittedFile(apply.name(), "", apply.lineEnding(), apply.charset(), apply.bom()),
              rollback), map);
          assertThat(nothing).anySatisfy(p -> assertThat(p).contains("policy says block"));
          // The apply as the rollback: nothing of the policy is removed.
          List<String> kept = Compilation.verify(t, input, List.of(apply,
              new EmittedFile(rollback.name(), apply.text(), rollback.lineEnding(), rollback.charset(),
                  rollback.bom())), map);
          assertThat(kept).anySatisfy(p -> assertThat(p).contains("leaves the policies"));
          List<String> lf = Compilation.verify(t, input, List.of(apply,
              new EmittedFile(rollback.name(), rollback.text().replace("\r\n", "\n"), rollback.lineEnding(),
                  rollback.charset(), rollback.bom())), map);
          assertThat(lf).anySatisfy(p -> assertThat(p).contains("bare LF"));
        })));
  }
  /** A policy with or without the RPC range and WMI's fixed port (both families express it). */
  private static String hostSettingsPolicy(boolean rpc, boolean wmi) {
    StringBuilder b = new StringBuilder("policy \"Host settings\"\nnetwork admins = 10.1.1.0/24\n");
    if (rpc || wmi) {
      b.append("rpc {\n");
      b.append(rpc ? "  dynamic ports 5001-5100\n" : "");
      b.append(wmi ? "  wmi fixed port 24158\n" : "");
      b.append("}\n");
    }
    return b.append("allow admins to endpoint-mapper\nblock any to endpoint-mapper\ndefault allow\n")
        .toString();
  }

  /**
   * Issue 11 point 6 for every registered legacy dialect: with and without the RPC range and
   * WMI's fixed port, the compile's proof (which runs the host-settings half on the cmd.exe host
   * model) passes; and a rollback that no longer copies the saved RPC values back is caught there.
   */
  @TestFactory
  Stream<DynamicTest> hostSettings_everyKindOfPolicy_isProven() {
    return Targets.ipsec().values().stream().map(t -> DynamicTest.dynamicTest(t.id().keyword(), () -> {
      for (boolean rpc : new boolean[] {false, true}) {
        for (boolean wmi : new boolean[] {false, true}) {
          String text = hostSettingsPolicy(rpc, wmi);
          List<Dialects<?, ?, ?>> registry = List.of(Targets.firewall(),
              new Dialects<>(IpsecFamily.INSTANCE, List.of(t)));
          Compilation.Output out = Compilation.compile(TestPolicies.map(text),
              text.getBytes(StandardCharsets.UTF_8), Set.of(t.id()), V4, registry);
          assertThat(out.hasErrors()).as("rpc=%s wmi=%s %s", rpc, wmi, out.diagnostics()).isFalse();
          assertThat(out.verificationProblems()).as("rpc=%s wmi=%s", rpc, wmi).isEmpty();
        }
      }
      String text = hostSettingsPolicy(true, false);
      DecisionMap map = TestPolicies.map(text);
      IpsecScriptInput input = IpsecFamily.INSTANCE.input(map,
          IpsecLowering.lower(map, V4.ipsec()).orElseThrow(),
          new ScriptHeader("host-settings-00000000", "0".repeat(64), Compilation.TOOL_VERSION, true));
      List<EmittedFile> files = t.emitter().emit(input);
      EmittedFile rollback = files.get(1);
      String broken = rollback.text().replaceAll(
          "reg copy \"[^\"]*\\\\rpc-backup\" \"HKLM\\\\SOFTWARE\\\\Microsoft\\\\Rpc\\\\Internet\" /s /f >nul\r\n", "");
      assertThat(broken).as("the mutation applies").isNotEqualTo(rollback.text());
      List<String> problems = Compilation.verify(t, input, List.of(files.get(0), new EmittedFile(
          rollback.name(), broken, rollback.lineEnding(), rollback.charset(), rollback.bom())), map);
      assertThat(problems).anySatisfy(p -> assertThat(p).startsWith("host settings: "));
    }));
  }
}
