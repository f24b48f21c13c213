package dev.rpcwall.emit.ipsectool;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rpcwall.compiler.diag.Codes;
import dev.rpcwall.compiler.diag.Diagnostic;
import dev.rpcwall.compiler.diag.Result;
import dev.rpcwall.compiler.diag.Severity;
import dev.rpcwall.compiler.model.ipsec.IpsecAction;
import dev.rpcwall.compiler.model.ipsec.IpsecAddress;
import dev.rpcwall.compiler.model.ipsec.IpsecFilter;
import dev.rpcwall.compiler.model.ipsec.IpsecPolicy;
import dev.rpcwall.compiler.model.ipsec.IpsecStore;
import dev.rpcwall.compiler.semantics.Ip;
import dev.rpcwall.compiler.semantics.PortSet;
import dev.rpcwall.compiler.target.EmittedFile;
import dev.rpcwall.compiler.target.IpsecScriptInput;
import dev.rpcwall.compiler.target.TargetId;
import dev.rpcwall.emit.ipseccmd.IpseccmdEmitter;
import dev.rpcwall.emit.ipseccmd.IpseccmdReader;
import dev.rpcwall.emit.ipsecpol.IpsecpolEmitter;
import dev.rpcwall.emit.ipsecpol.IpsecpolReader;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class IpsecToolReaderTest {
  private static final IpsecToolReader POL = new IpsecpolReader();
  private static final IpsecToolReader CMD = new IpseccmdReader();

  private static Result<IpsecStore> read(IpsecToolReader reader, String... lines) {
    return IpsecFixtures.read(reader, "wild.cmd", String.join("\r\n", lines) + "\r\n");
  }

  private static IpsecStore ok(IpsecToolReader reader, String... lines) {
    Result<IpsecStore> r = read(reader, lines);
    assertThat(r.hasErrors()).as("%s", r.diagnostics()).isFalse();
    return r.orElseThrow();
  }

  private static long ip(String text) {
    return Ip.parse(text).orElseThrow().lo();
  }

  private static List<String> errors(Result<?> r) {
    return r.diagnostics().stream()
        .filter(d -> d.severity() == Severity.ERROR)
        .map(d -> d.code() + " " + d.span().line() + ":" + d.span().column())
        .toList();
  }

  // Own output
  // ==========

  @Test
  void ownOutput_kb_readsAsTheLoweredFiltersInTheAssignedPolicy() {
    IpsecScriptInput in = IpsecFixtures.input(IpsecFixtures.example("kb-rpc-5001-5021.rpcwall"), true);
    for (IpsecToolEmitter e : List.<IpsecToolEmitter>of(new IpsecpolEmitter(), new IpseccmdEmitter())) {
      IpsecToolReader reader = e.target() == TargetId.IPSECPOL ? POL : CMD;
      assertThat(reader.target()).isEqualTo(e.target());
      List<EmittedFile> files = e.emit(in);
      Result<IpsecStore> r = IpsecFixtures.read(reader, files.get(0).name(), IpsecFixtures.text(files.get(0)));
      assertThat(r.hasErrors()).as("%s", r.diagnostics()).isFalse();
      IpsecStore store = r.orElseThrow();
      assertThat(store.policies()).extracting(IpsecPolicy::name)
          .containsExactly(IpsecToolEmitter.policyName(in.slug()));
      assertThat(store.assigned()).isPresent();
      assertThat(store.effectiveFilters()).containsExactlyInAnyOrderElementsOf(in.filters());
      assertThat(store.dynamicFilters()).isEmpty();
      assertThat(store.rpc().dynamicPorts()).contains(PortSet.of(5001, 5021));
      assertThat(store.rpc().wmiFixedPort()).isEmpty();
    }
  }

  // Hand-written scripts
  // ====================

  @Test
  void kbStyleScript_blockThenAllowThenAssign() {
    IpsecStore s = ok(POL,
        "@echo off",
        "rem KB908472 style",
        "ipsecpol -w REG -p \"Block RPC Ports\" -r \"Block Inbound TCP 135 Rule\" -f *=0:135:TCP -n BLOCK",
        "ipsecpol -w REG -p \"Block RPC Ports\" -r \"Allow Inbound TCP 135 Rule\" -f 10.1.1.1=0:135:TCP -n PASS",
        "ipsecpol -w REG -p \"Block RPC Ports\" -x");
    IpsecPolicy p = s.assigned().orElseThrow();
    assertThat(p.name()).isEqualTo("Block RPC Ports");
    assertThat(p.rules()).extracting(r -> r.name() + " " + r.action())
        .containsExactly("Block Inbound TCP 135 Rule BLOCK", "Allow Inbound TCP 135 Rule PASS");
    assertThat(p.filters()).containsExactly(
        IpsecFilter.inbound(IpsecAddress.any(), 6, 135, IpsecAction.BLOCK),
        IpsecFilter.inbound(IpsecAddress.host(ip("10.1.1.1")), 6, 135, IpsecAction.PASS));
  }

  @Test
  void specSyntax_mirroredMeMasksPrefixPortsProtocolsMixedCaseContinuations() {
    IpsecStore s = ok(CMD,
        "IPSECCMD.EXE -W reg -P \"Mixed:30\" -R \"r1\" -F 10.1.0.0/255.255.0.0+0:445:tcp ^",
        "  192.168.0.0/16=0::UDP 0:80=*::6 *=0:0:17 -N pass",
        "ipseccmd -w REG -p Mixed -r \"icmp\" -f *=0::ICMP -n BLOCK -x");
    IpsecPolicy p = s.assigned().orElseThrow();
    assertThat(p.name()).isEqualTo("Mixed");
    assertThat(p.filters()).containsExactly(
        new IpsecFilter(IpsecAddress.prefix(ip("10.1.0.0"), 16), IpsecAddress.me(), 6, 0, 445, true, IpsecAction.PASS),
        new IpsecFilter(IpsecAddress.prefix(ip("192.168.0.0"), 16), IpsecAddress.me(), 17, 0, 0, false, IpsecAction.PASS),
        new IpsecFilter(IpsecAddress.me(), IpsecAddress.any(), 6, 80, 0, false, IpsecAction.PASS),
        new IpsecFilter(IpsecAddress.any(), IpsecAddress.me(), 17, 0, 0, false, IpsecAction.PASS),
        new IpsecFilter(IpsecAddress.any(), IpsecAddress.me(), 1, 0, 0, false, IpsecAction.BLOCK));
  }

  @Test
  void dynamicMode_bracketsComputerAndDeleteAll() {
    Result<IpsecStore> r = read(POL,
        "ipsecpol \\\\host1 -f [0+*] (0:80+*::TCP) 0+10.0.0.1 -n ESP[3DES,SHA]",
        "ipsecpol \\\\HOST1 -f [*=0:135:TCP]");
    assertThat(errors(r)).isEmpty();
    IpsecStore s = r.orElseThrow();
    assertThat(s.policies()).isEmpty();
    assertThat(s.dynamicFilters()).containsExactly(
        new IpsecFilter(IpsecAddress.me(), IpsecAddress.any(), 0, 0, 0, true, IpsecAction.BLOCK),
        new IpsecFilter(IpsecAddress.me(), IpsecAddress.any(), 6, 80, 0, true, IpsecAction.PASS),
        new IpsecFilter(IpsecAddress.me(), IpsecAddress.host(ip("10.0.0.1")), 0, 0, 0, true, IpsecAction.NEGOTIATE),
        IpsecFilter.inbound(IpsecAddress.any(), 6, 135, IpsecAction.BLOCK));
    assertThat(s.effectiveFilters()).hasSize(4);
    // ipsecpol's dynamic filters do not survive a restart of the agent (C9): a note says so.
    assertThat(r.diagnostics()).anyMatch(d -> d.code().equals(Codes.IPSEC_TOOL_READ_NOTE)
        && d.message().contains("C9"));
    assertThat(ok(POL, "ipsecpol -f [*=0:135:TCP]", "ipsecpol -u").dynamicFilters()).isEmpty();
  }

  @Test
  void negotiate_offersAndInpass() {
    IpsecStore s = ok(CMD,
        "ipseccmd -w REG -p P -r a -f *=0:135:TCP -n \"esp[3des,sha] 3600S/100000K\"",
        "ipseccmd -w REG -p P -r b -f *=0:136:TCP -n AH[MD5]+ESP[DES,MD5] PFS",
        "ipseccmd -w REG -p P -r c -f *=0:137:TCP -n INPASS -x");
    assertThat(s.assigned().orElseThrow().filters()).extracting(IpsecFilter::action)
        .containsOnly(IpsecAction.NEGOTIATE);
  }

  @Test
  void assignment_xReplacesTheAssignedOne_yUnassigns_oDeletes() {
    IpsecStore s = ok(CMD,
        "ipseccmd -w REG -p A -r r -f *=0:135:TCP -n BLOCK -x",
        "ipseccmd -w REG -p B -r r -f *=0:136:TCP -n BLOCK",
        "ipseccmd -w REG -p B -x");
    assertThat(s.assigned().map(IpsecPolicy::name)).contains("B");
    assertThat(s.policies()).hasSize(2);
    s = ok(CMD,
        "ipseccmd -w REG -p A -r r -f *=0:135:TCP -n BLOCK -x",
        "ipseccmd -w REG -p B -r r -f *=0:136:TCP -n BLOCK",
        "ipseccmd -w REG -p B -y",
        "ipseccmd -w REG -p A -r r -o");
    assertThat(s.assigned().map(IpsecPolicy::name)).contains("A");
    assertThat(s.assigned().orElseThrow().rules()).isEmpty();
    s = ok(CMD,
        "ipseccmd -w REG -p A -r r -f *=0:135:TCP -n BLOCK -x",
        "ipseccmd -w REG -p A -y",
        "ipseccmd -w REG -p A -o",
        "ipseccmd -w REG -p \"Not here\" -o");
    assertThat(s.policies()).isEmpty();
    assertThat(s.effectiveFilters()).isEmpty();
  }

  // Diagnostics
  // ===========

  @Test
  void dnsName_isADiagnosticAtTheName() {
    Result<IpsecStore> r = read(CMD, "@echo off", "ipseccmd -w REG -p P -r r -f 0:135+server.example.com -n PASS");
    assertThat(errors(r)).containsExactly(Codes.IPSEC_TOOL_READ_UNSUPPORTED + " 2:36");
    assertThat(r.value()).isEmpty();
  }

  @Test
  void badSpecs_areDiagnosticsWithLineAndColumn() {
    assertThat(errors(read(CMD, "ipseccmd -w REG -p P -r r -f *=0:70000:TCP -n PASS")))
        .containsExactly(Codes.IPSEC_TOOL_READ_SPEC + " 1:34");
    assertThat(errors(read(CMD, "ipseccmd -w REG -p P -r r -f 10.1.1.0/255.0.255.0=0:135:TCP -n PASS")))
        .containsExactly(Codes.IPSEC_TOOL_READ_SPEC + " 1:39");
    assertThat(errors(read(CMD, "rem x", "ipseccmd -w REG -p P -r r -f 10.1.1.9/24=0:135:TCP -n PASS")))
        .containsExactly(Codes.IPSEC_TOOL_READ_SPEC + " 2:30");
    assertThat(errors(read(CMD, "ipseccmd -w REG -p P -r r -f *=0:135:GRE -n PASS")))
        .containsExactly(Codes.IPSEC_TOOL_READ_SPEC + " 1:38");
    assertThat(errors(read(CMD, "ipseccmd -w REG -p P -r r -f *=0:135:TCP -n MAYBE")))
        .containsExactly(Codes.IPSEC_TOOL_READ_SPEC + " 1:45");
    assertThat(errors(read(CMD, "ipseccmd -w REG -p P -r r -f [*=0:135:TCP] -n PASS")))
        .containsExactly(Codes.IPSEC_TOOL_READ_SPEC + " 1:30");
  }

  @Test
  void commandsNotRead_areDiagnostics() {
    assertThat(errors(read(CMD, "netsh ipsec static show all", "ipseccmd -w REG -p P -r r -f *=0:1:TCP -n PASS -x")))
        .containsExactly(Codes.IPSEC_TOOL_READ_COMMAND + " 1:1");
    assertThat(errors(read(CMD, "ipsecpol -w REG -p P -x")))
        .containsExactly(Codes.IPSEC_TOOL_READ_COMMAND + " 1:1");
    assertThat(errors(read(CMD, "ipseccmd -w REG -p P -r r -f *=0:1:TCP -n PASS -z")))
        .containsExactly(Codes.IPSEC_TOOL_READ_COMMAND + " 1:48");
    assertThat(errors(read(CMD, "ipseccmd -w DS -p P -r r -f *=0:1:TCP -n PASS")))
        .containsExactly(Codes.IPSEC_TOOL_READ_UNSUPPORTED + " 1:13");
    assertThat(errors(read(CMD, "ipseccmd -w REG -p P -r r -f *=0:1:TCP -n PASS -t 10.0.0.1")))
        .containsExactly(Codes.IPSEC_TOOL_READ_UNSUPPORTED + " 1:48");
    assertThat(errors(read(POL, "ipsecpol show all"))).containsExactly(Codes.IPSEC_TOOL_READ_COMMAND + " 1:10");
    assertThat(errors(read(CMD, "ipseccmd show all", "ipseccmd -w REG -p P -r r -f *=0:1:TCP -n PASS"))).isEmpty();
  }

  @Test
  void storeOperationsWithUnknownEffect_areDiagnostics() {
    assertThat(errors(read(CMD,
        "ipseccmd -w REG -p P -r r -f *=0:1:TCP -n PASS",
        "ipseccmd -w REG -p P -r r -f *=0:2:TCP -n PASS")))
        .containsExactly(Codes.IPSEC_TOOL_READ_STORE + " 2:25");
    assertThat(errors(read(CMD, "ipseccmd -w REG -p Elsewhere -x")))
        .containsExactly(Codes.IPSEC_TOOL_READ_STORE + " 1:20");
    assertThat(errors(read(CMD,
        "ipseccmd \\\\a -w REG -p P -r r -f *=0:1:TCP -n PASS",
        "ipseccmd \\\\b -w REG -p P -x")))
        .containsExactly(Codes.IPSEC_TOOL_READ_UNSUPPORTED + " 2:1");
  }

  @Test
  void neverThrows_onGarbage() {
    for (String garbage : List.of("ipseccmd -f", "ipseccmd -w", "ipseccmd -f (", "ipseccmd -f ]x[", "\"",
        "ipseccmd -f *=0:1:TCP:extra:x -n PASS", "ipseccmd -f =", "ipseccmd -f +", "ipseccmd -f 1.2.3.4/99=0",
        "ipseccmd -w REG -p \"\" -x", "if", "goto nowhere", "rpccfg -pe", "reg add x")) {
      Result<IpsecStore> r = read(CMD, garbage);
      assertThat(r.diagnostics()).as(garbage).isNotEmpty();
      assertThat(r.diagnostics()).allMatch(d -> d.span().line() >= 1 || !d.span().isKnown());
    }
  }

  @Test
  void rpccfg_readAsTheKbMeansIt_withANote() {
    Result<IpsecStore> r = read(CMD, "rpccfg.exe -pe 5001-5021 -d 0");
    assertThat(errors(r)).isEmpty();
    assertThat(r.orElseThrow().rpc().dynamicPorts()).isEqualTo(Optional.of(PortSet.of(5001, 5021)));
    assertThat(r.diagnostics()).extracting(Diagnostic::code).containsExactly(Codes.IPSEC_TOOL_READ_NOTE);
    assertThat(errors(read(CMD, "reg add HKLM\\SOFTWARE\\Microsoft\\Rpc\\Internet /v Ports /t REG_MULTI_SZ /d \"5001 - 5021\" /f")))
        .containsExactly(Codes.IPSEC_TOOL_READ_REGISTRY + " 1:74");
  }
  /**
   * A state value only the host knows, queried twice: each way keeps the answer it assumed the
   * first time, so the second query agrees and exactly one of the two commands runs on every way.
   * Read without that memory, the ways would disagree (a rule added twice, or none).
   */
  @Test
  void stateQueriedTwice_eachWayKeepsItsAnswer() {
    IpsecStore store = ok(POL,
        "@echo off",
        "reg query \"HKLM\\SOFTWARE\\rpcwall\\x\" /v Marker >nul 2>&1",
        "if errorlevel 1 goto absent",
        "ipsecpol -w REG -p \"P\" -r \"R\" -f *=0:135:TCP -n BLOCK",
        ":absent",
        "reg query \"HKLM\\SOFTWARE\\rpcwall\\x\" /v Marker >nul 2>&1",
        "if not errorlevel 1 goto done",
        "ipsecpol -w REG -p \"P\" -r \"R\" -f *=0:135:TCP -n BLOCK",
        ":done",
        "exit /b 0");
    assertThat(store.policies()).singleElement().satisfies(p -> {
      assertThat(p.name()).isEqualTo("P");
      assertThat(p.rules()).singleElement().satisfies(r -> assertThat(r.filters()).hasSize(1));
    });
  }

  /**
   * After one of the scripts' WMI queries, what follows depends on the host WMI ran in before:
   * WMI's mode is read as the host's own (not set by the script), so a conditional put-back does
   * not make the ways disagree.
   */
  @Test
  void wmiQuery_thenConditionalPutBack_readsAsNotSet() {
    IpsecStore store = ok(POL,
        "@echo off",
        "winmgmt -standalonehost",
        "set \"RPCWALL_WMI_OWN=\"",
        "for /f \"delims=\" %%L in ('reg query \"HKLM\\SYSTEM\\CurrentControlSet\\Services\\Winmgmt\" /v Type 2^>nul"
            + " ^| findstr /i /r /c:\"REG_DWORD  *0x10\"') do set \"RPCWALL_WMI_OWN=1\"",
        "if not defined RPCWALL_WMI_OWN goto done",
        "winmgmt -sharedhost",
        ":done",
        "exit /b 0");
    assertThat(store.rpc().wmiFixedPort()).isEmpty();
  }
}
