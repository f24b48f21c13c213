package dev.rpcwall.emit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rpcwall.compiler.lower.RuleNames;
import dev.rpcwall.compiler.lower.WfasLowering;
import dev.rpcwall.compiler.model.WfasRuleSet;
import dev.rpcwall.compiler.semantics.DecisionMap;
import dev.rpcwall.compiler.target.EmittedFile;
import dev.rpcwall.compiler.target.LineEnding;
import dev.rpcwall.compiler.target.ScriptInput;
import dev.rpcwall.compiler.target.Slug;
import dev.rpcwall.compiler.target.TargetId;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The proof of issue 11 point 6: a compile without it is marked in every script, the bytes are
 * what is checked, and the rollback is checked on every compile.
 */
class CompilationTest {
  private static final String POLICY = TestPolicies.KB;

  private static DecisionMap map() {
    return TestPolicies.map(POLICY);
  }

  private static Compilation.Output compile(boolean verify) {
    return Compilation.compile(map(), POLICY.getBytes(StandardCharsets.UTF_8),
        EnumSet.copyOf(Targets.wfas().keySet()),
        new Compilation.Options(Compilation.Options.defaults().lowering(), verify));
  }

  private static ScriptInput input(DecisionMap map) {
    return new ScriptInput(map.policy(), WfasLowering.lower(map), Slug.of(map.policy().name()),
        "0".repeat(64), Compilation.TOOL_VERSION);
  }

  private static Target<ScriptInput, WfasRuleSet> target(TargetId id) {
    return Targets.wfas().get(id);
  }

  private static EmittedFile withText(EmittedFile f, String text) {
    return new EmittedFile(f.name(), text, f.lineEnding(), f.charset(), f.bom());
  }

  /** The proof of {@code files} (apply, rollback) of {@code id}, after {@code change}. */
  private static List<String> verify(TargetId id, java.util.function.UnaryOperator<List<EmittedFile>> change) {
    DecisionMap map = map();
    ScriptInput input = input(map);
    List<EmittedFile> files = target(id).emitter().emit(input);
    assertThat(Compilation.verify(target(id), input, files, map)).as("unchanged output").isEmpty();
    return Compilation.verify(target(id), input, change.apply(files), map);
  }

  // 1. --no-verify
  // ==============

  @Test
  void noVerify_everyScriptOfEveryTarget_saysNotVerifiedInItsHeader() {
    Compilation.Output out = compile(false);
    assertThat(out.files()).hasSize(4);
    for (EmittedFile f : out.files()) {
      String header = f.text().lines().limit(12).collect(Collectors.joining("\n"));
      assertThat(header).as(f.name()).contains(ScriptInput.NOT_VERIFIED);
    }
  }

  @Test
  void verify_noScript_saysNotVerified() {
    Compilation.Output out = compile(true);
    assertThat(out.verificationProblems()).isEmpty();
    assertThat(out.files()).hasSize(4);
    for (EmittedFile f : out.files()) {
      assertThat(f.text()).as(f.name()).doesNotContain("NOT VERIFIED");
    }
  }

  // 2. The bytes
  // ============

  @Test
  void bytes_powershellWithoutBom_isAProblem() {
    List<String> problems = verify(TargetId.POWERSHELL, files -> List.of(
        new EmittedFile(files.get(0).name(), files.get(0).text(), LineEnding.CRLF,
            StandardCharsets.UTF_8, false),
        files.get(1)));
    assertThat(problems).anySatisfy(p -> assertThat(p).contains("byte order mark"));
  }

  @Test
  void bytes_lfLineEnds_areAProblemInBothDialects() {
    for (TargetId id : Targets.wfas().keySet()) {
      List<String> problems = verify(id, files -> List.of(files.get(0),
          withText(files.get(1), files.get(1).text().replace("\r\n", "\n"))));
      assertThat(problems).as(id.keyword()).anySatisfy(p -> assertThat(p).contains("bare LF"));
    }
  }

  @Test
  void bytes_netshWithABom_isAProblem() {
    List<String> problems = verify(TargetId.NETSH, files -> List.of(
        new EmittedFile(files.get(0).name(), files.get(0).text(), LineEnding.CRLF,
            StandardCharsets.US_ASCII, true),
        files.get(1)));
    assertThat(problems).anySatisfy(p -> assertThat(p).contains("byte order mark"));
  }

  @Test
  void bytes_nonAsciiInNetsh_isAProblemNotAQuestionMark() {
    // US-ASCII encoding replaces the character with '?': the text read back is not the text meant.
    List<String> problems = verify(TargetId.NETSH, files -> List.of(
        withText(files.get(0), files.get(0).text().replace("rem Run as Administrator", "rem Run as Administratör")),
        files.get(1)));
    assertThat(problems).anySatisfy(p -> assertThat(p).contains("other text than the emitter wrote"));
    // Bytes that are not ASCII at all do not decode.
    assertThat(ScriptEncoding.NETSH.decode("rem \u00e9\r\n".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(ScriptEncoding.Problem.class);
  }

  @Test
  void bytes_bareCr_isAProblem() {
    assertThat(ScriptEncoding.NETSH.decode("a\r\nb\rc\r\n".getBytes(StandardCharsets.US_ASCII)))
        .isEqualTo(new ScriptEncoding.Problem("line 2 ends with a bare CR instead of CRLF"));
    assertThat(ScriptEncoding.NETSH.decode("a\r\nb\r\n".getBytes(StandardCharsets.US_ASCII)))
        .isEqualTo(new ScriptEncoding.Text("a\r\nb\r\n"));
  }

  @Test
  void compile_brokenBytes_writeNothingAndReportTheProblem() {
    // The whole compile path: a problem in the bytes empties the output (the CLI exits 3).
    Compilation.Output out = compile(true);
    assertThat(out.files()).isNotEmpty();
    DecisionMap map = map();
    ScriptInput input = input(map);
    List<EmittedFile> files = new ArrayList<>(target(TargetId.POWERSHELL).emitter().emit(input));
    files.set(1, new EmittedFile(files.get(1).name(), files.get(1).text(), LineEnding.CRLF,
        StandardCharsets.UTF_8, false));
    assertThat(Compilation.verify(target(TargetId.POWERSHELL), input, files, map))
        .containsExactly(files.get(1).name()
            + ": the bytes do not start with the UTF-8 byte order mark this dialect needs");
  }

  // 3. The rollback
  // ===============

  private static List<String> withoutLine(EmittedFile f, java.util.function.Predicate<String> drop) {
    List<String> lines = new ArrayList<>(List.of(f.text().split("\r\n", -1)));
    int before = lines.size();
    boolean removed = false;
    for (int i = 0; i < lines.size() && !removed; i++) {
      if (drop.test(lines.get(i))) {
        lines.remove(i);
        removed = true;
      }
    }
    assertThat(lines).as("a line was dropped").hasSize(before - 1);
    return lines;
  }

  @Test
  void rollback_netshForgettingOneDelete_isCaught() {
    String first = RuleNames.policyPrefix("KB RPC 5001-5021");
    List<String> problems = verify(TargetId.NETSH, files -> List.of(files.get(0),
        withText(files.get(1), String.join("\r\n", withoutLine(files.get(1),
            l -> l.startsWith("netsh advfirewall firewall delete rule name=\"" + first))))));
    assertThat(problems)
        .anySatisfy(p -> assertThat(p).contains("with the policy's state lost leaves the rules"));
  }

  @Test
  void rollback_netshForgettingTheFailedRunsList_isCaught() {
    List<String> problems = verify(TargetId.NETSH, files -> List.of(files.get(0),
        withText(files.get(1), String.join("\r\n", withoutLine(files.get(1),
            l -> l.contains("rules.new\" 2^>nul") && !l.contains("~new/"))))));
    assertThat(problems).anySatisfy(p -> assertThat(p)
        .contains("with the policy's state leaves the rules")
        .contains("earlier-run-left-this"));
  }

  @Test
  void rollback_powershellForgettingTheGroupRemoval_isCaught() {
    List<String> problems = verify(TargetId.POWERSHELL, files -> List.of(files.get(0),
        withText(files.get(1), String.join("\r\n", withoutLine(files.get(1),
            l -> l.contains("| Remove-NetFirewallRule"))))));
    assertThat(problems).anySatisfy(p -> assertThat(p).contains("leaves the rules"));
  }

  @Test
  void rollback_thatAddsARule_isCaught() {
    List<String> problems = verify(TargetId.NETSH, files -> List.of(files.get(0),
        withText(files.get(1), files.get(1).text().replace(
            "exit /b 0\r\n", "netsh advfirewall firewall add rule name=\"left\" dir=in"
                + " action=allow protocol=tcp localport=135 remoteip=any profile=any enable=yes\r\n"
                + "exit /b 0\r\n"))));
    assertThat(problems).anySatisfy(p -> assertThat(p).contains("leaves the rules [").contains("left"));
  }

  @Test
  void rollback_thatSetsRpcValues_isCaught() {
    List<String> problems = verify(TargetId.NETSH, files -> List.of(files.get(0),
        withText(files.get(1), files.get(1).text().replace("exit /b 0\r\n",
            "reg add \"HKLM\\SOFTWARE\\Microsoft\\Rpc\\Internet\" /v Ports /t REG_MULTI_SZ /d \"5001-5021\" /f\r\n"
                + "reg add \"HKLM\\SOFTWARE\\Microsoft\\Rpc\\Internet\" /v PortsInternetAvailable /t REG_SZ /d Y /f\r\n"
                + "reg add \"HKLM\\SOFTWARE\\Microsoft\\Rpc\\Internet\" /v UseInternetPorts /t REG_SZ /d Y /f\r\n"
                + "exit /b 0\r\n"))));
    assertThat(problems).anySatisfy(p -> assertThat(p).contains("leaves RPC values"));
  }

  // 3. Host settings on every compile (RPC values, WMI's host, the state)
  // =====================================================================

  private static String policy(boolean rpc, boolean wmi) {
    String settings = !rpc && !wmi ? ""
        : "rpc {\n" + (rpc ? "  dynamic ports 5001-5021\n" : "") + (wmi ? "  wmi fixed port 24158\n" : "") + "}\n";
    return "policy \"Host settings " + rpc + " " + wmi + "\"\n"
        + "network admins = 10.1.1.0/24\n" + settings
        + "allow admins to endpoint-mapper\nblock any to endpoint-mapper\ndefault block\n";
  }

  private static List<String> verify(
      String text, TargetId id, java.util.function.UnaryOperator<List<EmittedFile>> change) {
    DecisionMap map = TestPolicies.map(text);
    ScriptInput input = input(map);
    List<EmittedFile> files = target(id).emitter().emit(input);
    assertThat(Compilation.verify(target(id), input, files, map)).as("unchanged output").isEmpty();
    return Compilation.verify(target(id), input, change.apply(files), map);
  }

  private static java.util.function.UnaryOperator<List<EmittedFile>> rollback(
      java.util.function.UnaryOperator<String> change) {
    return files -> {
      String changed = change.apply(files.get(1).text());
      assertThat(changed).as("the change applies").isNotEqualTo(files.get(1).text());
      return List.of(files.get(0), withText(files.get(1), changed));
    };
  }

  @Test
  void hostSettings_everyKindOfPolicy_everyTarget_isProven() {
    // The legacy IPsec dialects: IpsecDialectContractTest.hostSettings_everyKindOfPolicy_isProven.
    for (TargetId id : Targets.wfas().keySet()) {
      for (boolean rpc : new boolean[] {false, true}) {
        for (boolean wmi : new boolean[] {false, true}) {
          // verify() checks the unchanged output first; nothing is changed after
          assertThat(verify(policy(rpc, wmi), id, files -> files)).as("%s rpc=%s wmi=%s", id, rpc, wmi)
              .isEmpty();
        }
      }
    }
  }

  @Test
  void hostSettings_netshRollbackNotRestoringTheEarlierValues_isCaught() {
    List<String> problems = verify(policy(true, false), TargetId.NETSH, rollback(t -> t.replaceAll(
        "reg copy \"[^\"]*\\\\rpc-backup\" \"HKLM\\\\SOFTWARE\\\\Microsoft\\\\Rpc\\\\Internet\" /s /f >nul\r\n", "")));
    assertThat(problems).anySatisfy(p -> assertThat(p)
        .startsWith("host settings: apply then rollback on a host with earlier RPC settings"));
  }

  @Test
  void hostSettings_netshRollbackNotAskingWhetherTheValuesAreStillItsOwn_isCaught() {
    List<String> problems = verify(policy(true, false), TargetId.NETSH,
        rollback(t -> t.replace("if errorlevel 1 goto rpc_not_ours\r\n", "")));
    assertThat(problems).anySatisfy(p -> assertThat(p).contains("undoes another policy's RPC values"));
  }

  @Test
  void hostSettings_netshRollbackAlwaysMovingWmiToTheSharedHost_isCaught() {
    // the rollback as it was before issue 11 point 12: winmgmt -sharedhost, whatever the host had
    List<String> problems = verify(policy(false, true), TargetId.NETSH, rollback(t -> t.replaceAll(
        "(?s)rem Put WMI back.*?:wmi_done\r\n", "winmgmt -sharedhost\r\n")));
    assertThat(problems).anySatisfy(p -> assertThat(p).contains("WMI standalone leaves"))
        .anySatisfy(p -> assertThat(p).contains("while another policy still sets the fixed port"));
  }

  @Test
  void hostSettings_powershellRollbackAlwaysMovingWmiToTheSharedHost_isCaught() {
    List<String> problems = verify(policy(false, true), TargetId.POWERSHELL, rollback(t -> t.replace(
        "    Restore-RpcwallWmi -State $RpcwallState -OrHandOver\r\n", "    & winmgmt.exe -sharedhost\r\n")));
    assertThat(problems).anySatisfy(p -> assertThat(p).contains("WMI standalone leaves"))
        .anySatisfy(p -> assertThat(p).contains("while another policy still sets the fixed port"));
  }

  @Test
  void hostSettings_powershellRollbackNotRestoringTheEarlierValues_isCaught() {
    List<String> problems = verify(policy(true, false), TargetId.POWERSHELL, rollback(t -> t.replace(
        "    Restore-RpcwallBackup -State $RpcwallState\r\n", "")));
    assertThat(problems)
        .anySatisfy(p -> assertThat(p).contains("on a host without RPC settings, WMI shared leaves"))
        .anySatisfy(p -> assertThat(p).contains("on a host with earlier RPC settings"));
  }
}
