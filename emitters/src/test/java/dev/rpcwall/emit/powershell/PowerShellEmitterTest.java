package dev.rpcwall.emit.powershell;

import static dev.rpcwall.emit.powershell.PsFixtures.classic;
import static dev.rpcwall.emit.powershell.PsFixtures.decode;
import static dev.rpcwall.emit.powershell.PsFixtures.input;
import static dev.rpcwall.emit.powershell.PsFixtures.policy;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rpcwall.compiler.diag.Codes;
import dev.rpcwall.compiler.diag.Diagnostic;
import dev.rpcwall.compiler.diag.Diagnostics;
import dev.rpcwall.compiler.ir.RpcSettings;
import dev.rpcwall.compiler.lower.RuleNames;
import dev.rpcwall.compiler.model.AddressCondition;
import dev.rpcwall.compiler.model.RuleAction;
import dev.rpcwall.compiler.model.WfasRuleSet;
import dev.rpcwall.compiler.semantics.AddressSet;
import dev.rpcwall.compiler.semantics.PortSet;
import dev.rpcwall.compiler.semantics.Profile;
import dev.rpcwall.compiler.target.EmittedFile;
import dev.rpcwall.compiler.target.LineEnding;
import dev.rpcwall.compiler.target.TargetId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class PowerShellEmitterTest {
  @Test
  void emit_policyDescription_inBothHeadersSingleQuoted() {
    var in = input(policy("P", Optional.of("it's $HOME `n")), classic());
    Diagnostics out = new Diagnostics();
    new PowerShellEmitter().check(in, out);
    assertThat(out.sorted()).isEmpty();
    for (EmittedFile f : new PowerShellEmitter().emit(in)) {
      assertThat(f.text().lines().filter(l -> l.equals("# Description: 'it''s $HOME `n'"))).hasSize(1);
    }
  }

  private final PowerShellEmitter emitter = new PowerShellEmitter();

  private static List<String> codes(Diagnostics d) {
    return d.sorted().stream().map(Diagnostic::code).toList();
  }

  @Test
  void emit_classicPolicy_writesApplyThenRollbackWithBomAndCrlf() {
    List<EmittedFile> files = emitter.emit(input(classic()));

    assertThat(emitter.target()).isEqualTo(TargetId.POWERSHELL);
    assertThat(files).extracting(EmittedFile::name)
        .containsExactly("block-rpc-ports.ps1", "block-rpc-ports-rollback.ps1");
    for (EmittedFile f : files) {
      byte[] b = f.bytes();
      assertThat(b).startsWith(0xEF, 0xBB, 0xBF);
      assertThat(f.lineEnding()).isEqualTo(LineEnding.CRLF);
      String text = decode(f);
      assertThat(text.replace("\r\n", "")).doesNotContain("\n").doesNotContain("\r");
      assertThat(text).endsWith("\r\n");
    }
  }

  @Test
  void emit_twice_givesIdenticalBytes() {
    List<EmittedFile> a = emitter.emit(input(classic()));
    List<EmittedFile> b = emitter.emit(input(classic()));

    for (int i = 0; i < a.size(); i++) {
      assertThat(a.get(i).bytes()).isEqualTo(b.get(i).bytes());
    }
  }

  @Test
  void emit_classicPolicy_applyHasScaffoldingAndOneCallPerRule() {
    String apply = decode(emitter.emit(input(classic())).get(0));

    assertThat(apply)
        .contains("# rpcwall apply script for policy 'Block RPC Ports'")
        .contains("# Source:  p.rpcwall")
        .contains("# SHA-256: " + "ab".repeat(32))
        .contains("# Tool:    rpcwall 0.1.0")
        .contains("block-rpc-ports-rollback.ps1")
        .contains("#Requires -RunAsAdministrator")
        .contains("[CmdletBinding(SupportsShouldProcess)]")
        .contains("[string] $PolicyStore = 'PersistentStore',")
        .contains("$ErrorActionPreference = 'Stop'")
        .contains("Move-RpcwallRulesAside -Group '" + PsFixtures.GROUP + "' -Store $RpcwallStore")
        .contains("Remove-RpcwallMovedRules -Group '" + PsFixtures.GROUP + "' -Store $RpcwallStore")
        .contains("-Protocol TCP -LocalPort '135', '5001-5021'")
        .contains("-RemoteAddress '10.1.1.0/24'")
        .contains("-RemoteAddress '0.0.0.0-10.1.0.255', '10.1.2.0-126.255.255.255',"
            + " '128.0.0.0/1', '::2-ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff'")
        .contains("-Profile Any")
        .contains("-Direction Inbound -Action Block -Enabled True")
        .contains("-PropertyType MultiString -Value @('5001-5021') -Force")
        .contains("-Name 'PortsInternetAvailable' -PropertyType String -Value 'Y' -Force")
        .contains("-Name 'UseInternetPorts' -PropertyType String -Value 'Y' -Force")
        .contains("restart the computer")
        .contains("& winmgmt.exe -standalonehost")
        .contains("Restart-Service -Name winmgmt -Force")
        .contains("} catch {")
        .contains("Undo-RpcwallChanges -Store $RpcwallStore");
    assertThat(count(apply, "New-NetFirewallRule -Name")).isEqualTo(2);
    // every change is guarded: moving aside, 2 rules, registry, winmgmt, removing the moved rules,
    // saving a GPO
    assertThat(count(apply, "$PSCmdlet.ShouldProcess(")).isEqualTo(7);
    // one literal call per rule: the steps loop over no data (only the fixed helpers loop)
    assertThat(steps(apply)).doesNotContain("foreach");
    assertThat(apply).doesNotContain("\t");
  }

  @Test
  void emit_classicPolicy_rollbackRemovesGroupRestoresRegistryAndSharedHost() {
    String rollback = decode(emitter.emit(input(classic())).get(1));

    assertThat(rollback)
        .contains("# rpcwall rollback script for policy 'Block RPC Ports'")
        .contains("[string] $PolicyStore = 'PersistentStore',")
        .contains("Get-NetFirewallRule -Group '" + PsFixtures.GROUP + "' @RpcwallStore")
        .contains("Restore-RpcwallBackup -State $RpcwallState")
        .contains("$RpcwallState = 'HKLM:\\SOFTWARE\\rpcwall\\" + PsFixtures.SLUG + "'")
        .contains("& winmgmt.exe -sharedhost")
        .doesNotContain("New-NetFirewallRule -Name")
        .doesNotContain("-standalonehost");
  }

  /** The script body after the helper functions, where the run's steps are. */
  private static String steps(String apply) {
    return apply.substring(apply.indexOf("\r\ntry {"));
  }

  @Test
  void emit_apply_movesAsideBeforeCreatingAndRemovesOldRulesOnlyAfterEveryStep() {
    String body = steps(decode(emitter.emit(input(classic())).get(0)));
    int move = body.indexOf("Move-RpcwallRulesAside -Group '" + PsFixtures.GROUP + "'");
    int firstNew = body.indexOf("New-NetFirewallRule -Name");
    int lastNew = body.lastIndexOf("New-NetFirewallRule -Name");
    int registry = body.indexOf("Save-RpcwallRegistry -State $RpcwallState");
    int wmi = body.indexOf("& winmgmt.exe -standalonehost");
    int catchAt = body.indexOf("} catch {");
    int removeMoved = body.indexOf("Remove-RpcwallMovedRules -Group '" + PsFixtures.GROUP + "'");

    assertThat(List.of(move, firstNew, lastNew, registry, wmi, catchAt, removeMoved))
        .doesNotContain(-1)
        .isSorted();
    assertThat(firstNew).isLessThan(lastNew);
    // no rule of the earlier run is removed before every new one exists
    assertThat(body.substring(0, catchAt))
        .doesNotContain("Remove-NetFirewallRule")
        .doesNotContain("Remove-RpcwallMovedRules");
    assertThat(body).doesNotContain("| Remove-NetFirewallRule");
    // each new rule is journalled right after it is created
    assertThat(count(body, "Add-RpcwallUndo -Kind 'rule' -Item")).isEqualTo(2);
    assertThat(body.indexOf("Add-RpcwallUndo -Kind 'rule'")).isGreaterThan(firstNew);
  }

  @Test
  void runtime_undo_removesNewRulesBeforeRenamingTheOldOnesBack() {
    String undo = PsRuntime.text(PsRuntime.UNDO);
    String move = PsRuntime.text(PsRuntime.MOVE_ASIDE);

    assertThat(undo)
        .contains("[array]::Reverse($steps)")
        .contains("'rule' { Remove-NetFirewallRule -Name $step[1] @Store }")
        .contains("'moved' { Rename-NetFirewallRule -Name $step[2] -NewName $step[1]"
            + " @Store }")
        .contains("'registry' { Restore-RpcwallRegistry -State $step[1] }");
    // the moves are journalled before any rule is created, so reversed they come after
    assertThat(move)
        .contains("Get-NetFirewallRule -Group $Group @Store")
        .contains("Rename-NetFirewallRule -Name $rule.Name -NewName $aside @Store");
    assertThat(move.indexOf("Rename-NetFirewallRule"))
        .isLessThan(move.indexOf("Add-RpcwallUndo -Kind 'moved' -Item $rule.Name -Other $aside"));
    assertThat(move).contains("'" + PsRuntime.ASIDE_MARK + "' + [guid]::NewGuid()");
  }

  @Test
  void runtime_saveRegistry_journalsThisRunsValuesAndOnlyABackupItWrites() {
    String save = PsRuntime.text(PsRuntime.SAVE_REGISTRY);
    List<Integer> order = List.of(
        save.indexOf("$before = Get-RpcwallRegistry"),
        save.indexOf("Add-RpcwallUndo -Kind 'registry' -Item $before"),
        save.indexOf("New-RpcwallStateKey -Path '" + PsRuntime.STATE_ROOT + "'"),
        save.indexOf("New-RpcwallStateKey -Path $State"),
        // the first record is kept: an earlier run's backup is checked, never rewritten
        save.indexOf("if ($names -contains 'RpcSaved' -or $names -contains 'RpcAbsent') {"),
        save.indexOf("if (Test-Path -LiteralPath $backup) { Assert-RpcwallStateKey -Path $backup }"),
        // the layout every target shares (CmdHostSettings): RpcAbsent, or rpc-backup + RpcSaved
        save.indexOf("-Name 'RpcAbsent' -PropertyType DWord -Value 1"),
        save.indexOf("New-RpcwallStateKey -Path $backup"),
        save.indexOf("Add-RpcwallUndo -Kind 'tree' -Item $backup"),
        save.indexOf("-Name 'RpcSaved' -PropertyType DWord -Value 1"),
        save.indexOf("Add-RpcwallUndo -Kind 'unset' -Item $State -Other 'RpcSaved'"));

    assertThat(order).doesNotContain(-1).isSorted();
    // the undo puts back the values of before this run and never reads or deletes a backup of
    // an earlier run
    assertThat(PsRuntime.text(PsRuntime.UNDO)).doesNotContain("Restore-RpcwallBackup");
    assertThat(PsRuntime.text(PsRuntime.RESTORE_REGISTRY)).doesNotContain("$backup");
    // no file anywhere: the state is registry keys only
    for (String fn : PsRuntime.FUNCTIONS.keySet()) {
      assertThat(PsRuntime.text(fn)).doesNotContain("ProgramData").doesNotContain("Get-Content")
          .doesNotContain("Set-Content");
    }
  }

  @Test
  void runtime_stateKeys_areCreatedProtectedAndCheckedBeforeEveryRead() {
    String create = PsRuntime.text(PsRuntime.NEW_STATE);
    String check = PsRuntime.text(PsRuntime.ASSERT_STATE);
    String restore = PsRuntime.text(PsRuntime.RESTORE_BACKUP);

    // created with a protected ACL (no inherited rules) for SYSTEM and Administrators only,
    // owned by Administrators, then checked like a key found on the host
    assertThat(create)
        .contains("$acl.SetAccessRuleProtection($true, $false)")
        .contains("@('S-1-5-18', 'S-1-5-32-544')")
        .contains("$acl.SetOwner((New-Object -TypeName System.Security.Principal.SecurityIdentifier -ArgumentList 'S-1-5-32-544'))")
        .contains("Set-Acl -LiteralPath $Path -AclObject $acl");
    assertThat(create.indexOf("Set-Acl")).isLessThan(create.lastIndexOf("Assert-RpcwallStateKey -Path $Path"));
    // the check: owner by SID, and every Allow rule with a write right, inherited ones included
    assertThat(check)
        .contains("$trusted = @('S-1-5-18', 'S-1-5-32-544')")
        .contains("$acl.GetOwner([System.Security.Principal.SecurityIdentifier]).Value")
        .contains("if ($trusted -notcontains $owner) {")
        .contains("$acl.GetAccessRules($true, $true, [System.Security.Principal.SecurityIdentifier])")
        .contains("'SetValue, CreateSubKey, CreateLink, Delete, ChangePermissions, TakeOwnership'")
        .contains("throw ('rpcwall: refusing the state key ");
    // the rollback checks the root, the policy's key and the backup before its first read
    int firstRead = restore.indexOf("Get-Item -LiteralPath $backup");
    assertThat(restore.indexOf("Assert-RpcwallStateKey -Path '" + PsRuntime.STATE_ROOT + "'"))
        .isBetween(0, firstRead);
    assertThat(restore.indexOf("Assert-RpcwallStateKey -Path $State")).isBetween(0, firstRead);
    assertThat(restore.indexOf("Assert-RpcwallStateKey -Path $backup")).isBetween(0, firstRead);
  }

  @Test
  void emit_rpcRange_stateGoesToTheProtectedRegistryKeyNotAFile() {
    List<EmittedFile> files = emitter.emit(input(classic()));

    for (EmittedFile f : files) {
      assertThat(decode(f))
          .contains("$RpcwallState = 'HKLM:\\SOFTWARE\\rpcwall\\" + PsFixtures.SLUG + "'")
          .doesNotContain("$PSScriptRoot")
          .doesNotContain("ProgramData")
          .doesNotContain("net session");
    }
    assertThat(decode(files.get(0))).contains("Save-RpcwallRegistry -State $RpcwallState");
    assertThat(decode(files.get(1))).contains("Restore-RpcwallBackup -State $RpcwallState");
    assertThat(PowerShellEmitter.backupKey("block-rpc-ports"))
        .isEqualTo("HKLM:\\SOFTWARE\\rpcwall\\block-rpc-ports\\rpc-backup");
  }

  @Test
  void emit_policyWithNoRules_stillReplacesAndRemovesItsGroup() {
    WfasRuleSet none = new WfasRuleSet(List.of(), RpcSettings.NONE);
    List<EmittedFile> files = emitter.emit(input(none));
    String apply = decode(files.get(0));
    String rollback = decode(files.get(1));

    assertThat(apply)
        .contains("# Rules:   0, group '" + PsFixtures.GROUP + "'")
        .contains("Move-RpcwallRulesAside -Group '" + PsFixtures.GROUP + "' -Store $RpcwallStore")
        .contains("Remove-RpcwallMovedRules -Group '" + PsFixtures.GROUP + "' -Store $RpcwallStore")
        .doesNotContain("New-NetFirewallRule -Name");
    assertThat(rollback).contains("Get-NetFirewallRule -Group '" + PsFixtures.GROUP + "'"
        + " @RpcwallStore -ErrorAction SilentlyContinue | Remove-NetFirewallRule");
    for (EmittedFile f : files) {
      var back = PsFixtures.read(decode(f));
      assertThat(back.diagnostics()).isEmpty();
      assertThat(back.orElseThrow().rules()).isEmpty();
    }
  }

  @Test
  void check_wildcardInPolicyName_isSafe_theGroupIsTheSlug() {
    // The group is rpcwall/<slug>, not the policy name: wildcard characters in the name never
    // reach Get-NetFirewallRule -Group.
    Diagnostics d = new Diagnostics();
    emitter.check(input(policy("Prod [RPC] *", Optional.empty()),
        new WfasRuleSet(List.of(), RpcSettings.NONE)), d);
    assertThat(codes(d)).isEmpty();
    assertThat(RuleNames.group("Prod [RPC] *")).matches("rpcwall/prod-rpc-[0-9a-f]{8}");
  }

  @Test
  void emit_noRpcSettings_setsNothingAndPutsBackWhatAnEarlierVersionSaved() {
    WfasRuleSet rules = new WfasRuleSet(classic().rules(), RpcSettings.NONE);
    List<EmittedFile> files = emitter.emit(input(rules));

    for (EmittedFile f : files) {
      assertThat(decode(f)).doesNotContain("New-ItemProperty -Path")
          .doesNotContain("Save-RpcwallRegistry -State")
          .doesNotContain("& winmgmt.exe -standalonehost");
    }
    // issue 12: the apply script of a version without the range puts the host's values back
    // from this policy's backup (checked, and only while they are the ones it wrote), after
    // every rule is in place and only for this computer's store
    String apply = decode(files.get(0));
    String after = apply.substring(apply.indexOf("\r\n} catch {"));
    assertThat(after).contains("if (-not $SkipHostSettings -and $PSCmdlet.ShouldProcess("
        + "'HKLM:\\SOFTWARE\\Microsoft\\Rpc\\Internet', 'Restore the RPC values saved by an"
        + " earlier version of this policy')) {\r\n    Restore-RpcwallBackup -State $RpcwallState\r\n}");
    assertThat(apply).contains(PsRuntime.text(PsRuntime.RESTORE_BACKUP).replace("\n", "\r\n"))
        .contains(PsRuntime.text(PsRuntime.ASSERT_STATE).replace("\n", "\r\n"));
    assertThat(decode(files.get(1))).doesNotContain("Restore-RpcwallBackup -State");
    // read back: nothing set, no warning
    var back = PsFixtures.read(apply);
    assertThat(back.diagnostics()).isEmpty();
    assertThat(back.orElseThrow().rpc().isEmpty()).isTrue();
  }

  @Test
  void emit_profilesAndQuotes_areWrittenAsDocumented() {
    var rule = PsFixtures.rule("it's", RuleAction.ALLOW, 17, PortSet.of(53),
        AddressCondition.of(AddressSet.all()), Set.of(Profile.PRIVATE, Profile.DOMAIN));
    String apply = decode(emitter.emit(input(new WfasRuleSet(List.of(rule), RpcSettings.NONE))).get(0));

    assertThat(apply)
        .contains("-Name 'it''s'")
        .contains("-Protocol UDP -LocalPort '53'")
        .contains("-RemoteAddress Any")
        .contains("-Profile Domain,Private");
  }

  @Test
  void check_validPolicy_reportsNothing() {
    Diagnostics d = new Diagnostics();
    emitter.check(input(classic()), d);
    assertThat(d.sorted()).isEmpty();
  }

  @Test
  void check_newlineInPolicyName_isErrorAtNameSpan() {
    Diagnostics d = new Diagnostics();
    emitter.check(input(policy("Block\nRPC", Optional.empty()), classic()), d);

    assertThat(d.sorted()).singleElement().satisfies(x -> {
      assertThat(x.code()).isEqualTo(Codes.PS_CONTROL_CHAR);
      assertThat(x.span()).isEqualTo(PsFixtures.NAME_SPAN);
      assertThat(x.message()).contains("U+000A");
      assertThat(x.hint()).isPresent();
    });
  }

  @Test
  void check_bidiOverrideInDescription_isError() {
    Diagnostics d = new Diagnostics();
    emitter.check(input(policy("P", Optional.of("abc\u202Edef")), classic()), d);
    assertThat(codes(d)).containsExactly(Codes.PS_BIDI_CONTROL);
  }

  @Test
  void check_loneSurrogate_isError() {
    Diagnostics d = new Diagnostics();
    emitter.check(input(policy("P\uD800", Optional.empty()), classic()), d);
    assertThat(codes(d)).containsExactly(Codes.PS_BAD_SURROGATE);
  }

  @Test
  void check_pipeInName_runsSharedTargetChecks() {
    Diagnostics d = new Diagnostics();
    emitter.check(input(policy("a|b", Optional.empty()), classic()), d);
    assertThat(codes(d)).containsExactly(Codes.TARGET_PIPE);
  }

  @Test
  void check_controlCharInRuleName_isErrorAtRuleOrigin() {
    var rule = PsFixtures.rule("x\u0007", RuleAction.ALLOW, 6, PortSet.of(135),
        AddressCondition.ANY, Set.of());
    Diagnostics d = new Diagnostics();
    emitter.check(input(new WfasRuleSet(List.of(rule), RpcSettings.NONE)), d);
    // the rule name and the display name built from it
    assertThat(d.sorted()).extracting(Diagnostic::code)
        .containsExactly(Codes.PS_CONTROL_CHAR, Codes.PS_CONTROL_CHAR);
    assertThat(d.sorted()).extracting(Diagnostic::span).containsOnly(rule.origin());
  }

  @Test
  void check_wildcardInARuleSetsGroup_isErrorAtNameSpan() {
    for (String name : List.of("*", "Prod [RPC]", "a?b", "x]", "tick`s")) {
      var r = PsFixtures.rule("r", RuleAction.ALLOW, 6, PortSet.of(135), AddressCondition.ANY, Set.of());
      var grouped = new dev.rpcwall.compiler.model.WfasRule(r.id(), r.displayName(),
          Optional.of("rpcwall: " + name), r.description(), r.direction(), r.action(),
          r.protocol(), r.localPorts(), r.remotePorts(), r.localAddresses(), r.remoteAddresses(),
          r.profiles(), r.enabled(), r.program(), r.service(), r.origin());
      Diagnostics d = new Diagnostics();
      emitter.check(input(policy(name, Optional.empty()),
          new WfasRuleSet(List.of(grouped, grouped), RpcSettings.NONE)), d);
      assertThat(d.sorted()).as(name).singleElement().satisfies(x -> {
        assertThat(x.code()).isEqualTo(Codes.PS_GROUP_WILDCARD);
        assertThat(x.span()).isEqualTo(PsFixtures.NAME_SPAN);
      });
    }
  }

  @Test
  void check_wildcardAndNewlineInPolicyName_reportsBothWithoutFailing() {
    var r = PsFixtures.rule("r", RuleAction.ALLOW, 6, PortSet.of(135), AddressCondition.ANY, Set.of());
    var grouped = new dev.rpcwall.compiler.model.WfasRule(r.id(), r.displayName(),
        Optional.of("rpcwall: a*\nb"), r.description(), r.direction(), r.action(),
        r.protocol(), r.localPorts(), r.remotePorts(), r.localAddresses(), r.remoteAddresses(),
        r.profiles(), r.enabled(), r.program(), r.service(), r.origin());
    Diagnostics d = new Diagnostics();
    emitter.check(input(policy("a*\nb", Optional.empty()),
        new WfasRuleSet(List.of(grouped), RpcSettings.NONE)), d);
    assertThat(codes(d)).contains(Codes.PS_GROUP_WILDCARD, Codes.PS_CONTROL_CHAR);
  }

  @Test
  void check_addressListsWindowsRefuses_RW2005() {
    List<dev.rpcwall.compiler.semantics.IpRange> many = new ArrayList<>();
    for (int i = 0; i < 1001; i++) {
      var a = dev.rpcwall.compiler.semantics.Ip.v4(0x0A00_0000L + 2L * i);
      many.add(new dev.rpcwall.compiler.semantics.IpRange(a, a));
    }
    for (var set : List.of(
        dev.rpcwall.compiler.semantics.AddressSet.all(dev.rpcwall.compiler.semantics.IpFamily.IPV6),
        dev.rpcwall.compiler.semantics.AddressSet.of(
            dev.rpcwall.compiler.semantics.Ip.parse("::1").orElseThrow()),
        dev.rpcwall.compiler.semantics.AddressSet.of(many))) {
      var r = PsFixtures.rule("r", RuleAction.BLOCK, 6, PortSet.of(135), AddressCondition.of(set),
          Set.of());
      Diagnostics d = new Diagnostics();
      emitter.check(input(new WfasRuleSet(List.of(r), RpcSettings.NONE)), d);
      assertThat(codes(d)).containsExactly(Codes.TARGET_ADDRESS_LIST);
    }
  }

  @Test
  void check_bypassAndUngroupedRules_areUnsupported() {
    var bypass = PsFixtures.rule("b", RuleAction.BYPASS, 6, PortSet.of(135), AddressCondition.ANY,
        Set.of());
    var r = PsFixtures.rule("n", RuleAction.ALLOW, 6, PortSet.of(135), AddressCondition.ANY, Set.of());
    var ungrouped = new dev.rpcwall.compiler.model.WfasRule(r.id(), r.displayName(),
        Optional.empty(), r.description(), r.direction(), r.action(), r.protocol(), r.localPorts(),
        r.remotePorts(), r.localAddresses(), r.remoteAddresses(), r.profiles(), r.enabled(),
        r.program(), r.service(), r.origin());
    Diagnostics d = new Diagnostics();
    emitter.check(input(new WfasRuleSet(List.of(bypass, ungrouped), RpcSettings.NONE)), d);
    assertThat(codes(d)).containsExactly(Codes.PS_UNSUPPORTED, Codes.PS_UNSUPPORTED);
  }

  /**
   * Issue 12 point 6: the scripts stay signable. Set-AuthenticodeSignature appends its block to the
   * text as written, and AllSigned checks it against the file's bytes, so the bytes must be the
   * same on every emit (no time, no random part), carry no signature block already, end with
   * CRLF like the block PowerShell appends, and the script must never write to its own file. The
   * header says how to sign.
   */
  @Test
  void emit_scripts_signableAndTheHeaderSaysHow() {
    List<EmittedFile> a = emitter.emit(input(classic()));
    List<EmittedFile> b = emitter.emit(input(classic()));
    for (int i = 0; i < a.size(); i++) {
      byte[] bytes = a.get(i).bytes();
      assertThat(bytes).isEqualTo(b.get(i).bytes());
      assertThat(bytes).startsWith((byte) 0xEF, (byte) 0xBB, (byte) 0xBF);
      String text = decode(a.get(i));
      assertThat(text).endsWith("\r\n");
      assertThat(text.replace("\r\n", "")).doesNotContain("\r").doesNotContain("\n");
      assertThat(text).doesNotContainIgnoringCase("SIG # Begin signature block")
          .doesNotContainIgnoringCase("$PSCommandPath").doesNotContainIgnoringCase("$MyInvocation")
          .doesNotContainIgnoringCase("Set-Content").doesNotContainIgnoringCase("Out-File")
          .doesNotContainIgnoringCase("Add-Content").doesNotContainIgnoringCase("Get-Date");
      assertThat(text).contains("# Signed copies run under the AllSigned execution policy")
          .contains("Set-AuthenticodeSignature");
    }
  }

  /** Issue 12 point 6: both headers say why a hand-made Allow rule does not help, and what does. */
  @Test
  void emit_bothHeaders_sayAnAllowRuleCannotOverrideAndHowToMakeAnException() {
    for (EmittedFile f : emitter.emit(input(classic()))) {
      String text = decode(f);
      String header = text.substring(0, text.indexOf("#Requires"));
      assertThat(header)
          .contains("# A hand-made Allow rule cannot override this policy's Block rules")
          .contains("# Emergency exception: run .\\block-rpc-ports-rollback.ps1")
          .contains("change the policy")
          .contains("compile and apply it again");
    }
  }

  private static int count(String text, String needle) {
    Matcher m = Pattern.compile(Pattern.quote(needle)).matcher(text);
    int n = 0;
    while (m.find()) {
      n++;
    }
    return n;
  }
}
