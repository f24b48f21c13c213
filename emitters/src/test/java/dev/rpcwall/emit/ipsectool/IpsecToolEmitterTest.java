package dev.rpcwall.emit.ipsectool;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rpcwall.compiler.ir.Policy;
import dev.rpcwall.compiler.lower.Policies;
import dev.rpcwall.compiler.semantics.AddressSet;
import dev.rpcwall.compiler.semantics.Ip;
import dev.rpcwall.compiler.semantics.PortSet;
import dev.rpcwall.compiler.target.EmittedFile;
import dev.rpcwall.compiler.target.IpsecScriptInput;
import dev.rpcwall.compiler.target.ScriptInput;
import dev.rpcwall.compiler.target.Slug;
import dev.rpcwall.compiler.target.TargetId;
import dev.rpcwall.emit.cmd.HostRuns;
import dev.rpcwall.emit.cmd.HostRuns.Run;
import dev.rpcwall.emit.ipseccmd.IpseccmdEmitter;
import dev.rpcwall.emit.ipsecpol.IpsecpolEmitter;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class IpsecToolEmitterTest {
  private static final String KB = "kb-rpc-5001-5021.rpcwall";

  private static IpsecScriptInput kb(boolean verified) {
    return IpsecFixtures.input(IpsecFixtures.example(KB), verified);
  }

  private static List<String> lines(EmittedFile f) {
    return List.of(IpsecFixtures.text(f).split("\r\n"));
  }

  private static String ports(String prefix, String suffix) {
    return IntStream.concat(IntStream.of(135), IntStream.rangeClosed(5001, 5021))
        .mapToObj(p -> prefix + p + suffix)
        .collect(Collectors.joining(" "));
  }

  @Test
  void kbExample_ipseccmd_isTheKbProcedureInStaticMode() {
    IpsecScriptInput in = kb(true);
    List<EmittedFile> files = new IpseccmdEmitter().emit(in);
    assertThat(files).extracting(EmittedFile::name)
        .containsExactly("kb-rpc-5001-5021-ipseccmd.cmd", "kb-rpc-5001-5021-ipseccmd-rollback.cmd");
    List<String> apply = lines(files.get(0));
    String policy = "rpcwall-" + Slug.of("KB RPC 5001-5021");
    // KB908472's form: -w REG -p "policy" -r "rule" -f SPEC... -n BLOCK|PASS, then -x.
    assertThat(apply).containsSubsequence(
        "ipseccmd -w REG -p \"" + policy + "\" -o >nul 2>&1",
        "ipseccmd -w REG -p \"" + policy + "\" -r \"Block inbound TCP\" -f " + ports("*=0:", ":TCP") + " -n BLOCK",
        "ipseccmd -w REG -p \"" + policy + "\" -r \"Pass inbound TCP\" -f "
            + ports("10.1.1.0/255.255.255.0=0:", ":TCP") + " -n PASS",
        "ipseccmd -w REG -p \"" + policy + "\" -x",
        "rpccfg.exe -pe 5001-5021 -d 0",
        "reg add \"HKLM\\SOFTWARE\\Microsoft\\Rpc\\Internet\" /v Ports /t REG_MULTI_SZ /d \"5001-5021\" /f",
        "reg add \"HKLM\\SOFTWARE\\Microsoft\\Rpc\\Internet\" /v PortsInternetAvailable /t REG_SZ /d Y /f",
        "reg add \"HKLM\\SOFTWARE\\Microsoft\\Rpc\\Internet\" /v UseInternetPorts /t REG_SZ /d Y /f");
    // The same rules under the temporary name come first, and are assigned first.
    assertThat(apply).containsSubsequence(
        "ipseccmd -w REG -p \"" + policy + "-new\" -r \"Block inbound TCP\" -f " + ports("*=0:", ":TCP") + " -n BLOCK",
        "ipseccmd -w REG -p \"" + policy + "-new\" -x",
        "ipseccmd -w REG -p \"" + policy + "\" -x",
        "ipseccmd -w REG -p \"" + policy + "-new\" -o");
    assertThat(apply).contains("rem Filters: 44 (22 BLOCK, 22 PASS), inbound, one port each, in the local"
        + " IPsec policy \"" + policy + "\".");
    assertThat(apply).contains("rem " + IpsecScriptInput.IPV6_LEFT_OUT);
    assertThat(apply).noneMatch(l -> l.contains("NOT VERIFIED"));
    assertThat(apply).contains("rem Source SHA-256: \"" + in.sourceSha256() + "\"", "rem rpcwall version: \"0.1.0\"");
  }

  @Test
  void everyChangingCommand_isCheckedByTheNextLine() {
    List<String> apply = lines(new IpseccmdEmitter().emit(kb(true)).get(0));
    for (int i = 0; i < apply.size(); i++) {
      String l = apply.get(i);
      boolean changes = l.startsWith("ipseccmd ") || l.startsWith("rpccfg.exe ") || l.startsWith("reg add \"HKLM\\SOFTWARE\\Microsoft")
          || l.startsWith("winmgmt ") || l.startsWith("net st");
      if (changes && !l.endsWith(">nul 2>&1")) {
        assertThat(apply.get(i + 1)).as("after line %d: %s", i + 1, l)
            .startsWith("if errorlevel 1 (echo rpcwall: FAILED: ").endsWith("& goto fail)");
      }
      if (changes && l.endsWith(">nul 2>&1")) {
        assertThat(l).as("unchecked line %d", i + 1).containsPattern(" -[oy] >nul 2>&1$");
      }
    }
  }

  @Test
  void kbExample_ipsecpol_sameCommandsWithIpsecpol() {
    List<EmittedFile> files = new IpsecpolEmitter().emit(kb(false));
    assertThat(files).extracting(EmittedFile::name)
        .containsExactly("kb-rpc-5001-5021-ipsecpol.cmd", "kb-rpc-5001-5021-ipsecpol-rollback.cmd");
    List<String> apply = lines(files.get(0));
    assertThat(apply).anyMatch(l -> l.startsWith("ipsecpol -w REG -p \"rpcwall-kb-rpc-5001-5021-")
        && l.endsWith(" -f " + ports("*=0:", ":TCP") + " -n BLOCK"));
    assertThat(apply).noneMatch(l -> l.startsWith("ipseccmd"));
    assertThat(apply).contains("rem " + ScriptInput.NOT_VERIFIED);
    assertThat(lines(files.get(1))).contains("rem " + ScriptInput.NOT_VERIFIED);
    assertThat(new IpsecpolEmitter().target()).isEqualTo(TargetId.IPSECPOL);
    assertThat(new IpseccmdEmitter().target()).isEqualTo(TargetId.IPSECCMD);
  }

  @Test
  void emit_twice_sameBytes_crlfAscii() {
    for (IpsecToolEmitter e : List.of(new IpsecpolEmitter(), new IpseccmdEmitter())) {
      List<EmittedFile> a = e.emit(kb(true));
      List<EmittedFile> b = e.emit(kb(true));
      for (int i = 0; i < 2; i++) {
        assertThat(b.get(i).bytes()).isEqualTo(a.get(i).bytes());
        String text = IpsecFixtures.text(a.get(i));
        assertThat(text.replace("\r\n", "")).doesNotContain("\n").doesNotContain("\r");
        assertThat(text.chars()).allMatch(c -> c < 0x7f);
      }
    }
  }

  @Test
  void rollback_unassignsAndDeletesOnlyThisPolicysTwoNames() {
    String policy = "rpcwall-" + Slug.of("KB RPC 5001-5021");
    List<String> rollback = lines(new IpseccmdEmitter().emit(kb(true)).get(1));
    List<String> tool = rollback.stream().filter(l -> l.startsWith("ipseccmd")).toList();
    assertThat(tool).containsExactly(
        "ipseccmd -w REG -p \"" + policy + "\" -y >nul 2>&1",
        "ipseccmd -w REG -p \"" + policy + "\" -o >nul 2>&1",
        "ipseccmd -w REG -p \"" + policy + "-new\" -y >nul 2>&1",
        "ipseccmd -w REG -p \"" + policy + "-new\" -o >nul 2>&1");
  }

  @Test
  void firstRun_needsReplaceAssigned_laterRunsDoNot() {
    List<String> apply = lines(new IpseccmdEmitter().emit(kb(true)).get(0));
    int guard = apply.indexOf("if /i \"%~1\"==\"/replace-assigned\" goto assign_ok");
    assertThat(guard).isPositive();
    assertThat(apply.get(guard - 1)).isEqualTo("if not errorlevel 1 goto assign_ok");
    assertThat(apply.get(guard - 2)).contains("/v IpsecApplied");
    assertThat(apply.subList(guard, apply.indexOf(":assign_ok"))).contains("exit /b 2");
    // Nothing changes before the guard but the state key itself (the administrator check).
    assertThat(apply.subList(0, guard)).noneMatch(l -> l.startsWith("ipseccmd") || l.startsWith("rpccfg"));
  }

  private static AddressSet hosts(int n) {
    List<AddressSet> sets = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      sets.add(AddressSet.cidr(Ip.parse("10." + (i / 256) + "." + (i % 256) + ".1").orElseThrow(), 32));
    }
    return sets.stream().reduce(AddressSet.empty(), AddressSet::union);
  }

  @Test
  void manyFilters_areSplitIntoCommandsUnderTheLineLimit() {
    Policy p = Policies.named("big").allow(hosts(300), PortSet.of(135), PortSet.of(135)).build();
    IpsecScriptInput in = IpsecFixtures.input(p);
    List<String> apply = lines(new IpseccmdEmitter().emit(in).get(0));
    assertThat(apply).allMatch(l -> l.length() < IpsecToolEmitter.MAX_LINE);
    assertThat(apply).anyMatch(l -> l.contains("-r \"Pass inbound TCP 1 of 3\" -f "));
    assertThat(apply).anyMatch(l -> l.contains("-r \"Pass inbound UDP 3 of 3\" -f "));
    long specs = apply.stream().filter(l -> l.startsWith("ipseccmd") && l.contains(" -f "))
        .mapToLong(l -> l.substring(l.indexOf(" -f ") + 4, l.lastIndexOf(" -n ")).split(" ").length).sum();
    assertThat(specs).isEqualTo(2L * in.filters().size()); // temporary and final policy
  }

  @Test
  void noFilters_assignsNothing() {
    Policy p = Policies.named("open").allow(AddressSet.all(), PortSet.of(135), PortSet.empty()).build();
    IpsecScriptInput in = IpsecFixtures.input(p);
    assertThat(in.filters()).isEmpty();
    List<String> apply = lines(new IpseccmdEmitter().emit(in).get(0));
    assertThat(apply).noneMatch(l -> l.endsWith(" -x") || l.contains(" -f "));
    assertThat(apply).anyMatch(l -> l.endsWith("-y >nul 2>&1"));
  }

  @Test
  void rpcRange_savedBeforeAnyChange_rpccfgAfterTheDocumentedValues_rollbackRestores() {
    IpsecScriptInput in = kb(true);
    List<EmittedFile> files = new IpseccmdEmitter().emit(in);
    List<String> apply = lines(files.get(0));
    String key = IpsecToolEmitter.stateKey(in.slug());
    String ports = "reg add \"HKLM\\SOFTWARE\\Microsoft\\Rpc\\Internet\" /v Ports /t REG_MULTI_SZ /d \"5001-5021\" /f";
    assertThat(apply).containsSubsequence(
        "reg copy \"HKLM\\SOFTWARE\\Microsoft\\Rpc\\Internet\" \"" + key + "\\rpc-backup\" /s /f >nul",
        ports,
        "reg copy \"HKLM\\SOFTWARE\\Microsoft\\Rpc\\Internet\" \"" + key + "\\rpc-written\" /s /f >nul",
        "where rpccfg.exe >nul 2>&1",
        "rpccfg.exe -pe 5001-5021 -d 0",
        ports,
        ":kb_rpccfg_done");
    List<String> rollback = lines(files.get(1));
    assertThat(rollback).containsSubsequence(
        "ipseccmd -w REG -p \"" + IpsecToolEmitter.policyName(in.slug()) + "\" -o >nul 2>&1",
        "reg copy \"" + key + "\\rpc-backup\" \"HKLM\\SOFTWARE\\Microsoft\\Rpc\\Internet\" /s /f >nul",
        "reg delete \"" + key + "\" /f >nul 2>&1");
    // Apply then rollback on a fresh host: no policy, no RPC values left.
    IpsecToolReader reader = new dev.rpcwall.emit.ipseccmd.IpseccmdReader();
    String fresh = "@echo off\r\nreg delete \"" + key + "\" /f >nul 2>&1\r\nexit /b 0\r\n";
    var r = IpsecFixtures.read(reader, "host", HostRuns.sequence(List.of(Run.whole(fresh),
        Run.whole(IpsecFixtures.text(files.get(0))), Run.whole(IpsecFixtures.text(files.get(1))))));
    assertThat(r.hasErrors()).as("%s", r.diagnostics()).isFalse();
    assertThat(r.orElseThrow().policies()).isEmpty();
    assertThat(r.orElseThrow().rpc().isEmpty()).isTrue();
  }
}
