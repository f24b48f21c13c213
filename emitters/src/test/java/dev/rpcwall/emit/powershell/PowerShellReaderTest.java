package dev.rpcwall.emit.powershell;

import static dev.rpcwall.emit.powershell.PsFixtures.read;
import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import dev.rpcwall.compiler.diag.Codes;
import dev.rpcwall.compiler.diag.Diagnostic;
import dev.rpcwall.compiler.diag.Result;
import dev.rpcwall.compiler.model.AddressCondition;
import dev.rpcwall.compiler.model.AddressKeyword;
import dev.rpcwall.compiler.model.Direction;
import dev.rpcwall.compiler.model.PortKeyword;
import dev.rpcwall.compiler.model.RuleAction;
import dev.rpcwall.compiler.model.WfasRule;
import dev.rpcwall.compiler.model.WfasRuleSet;
import dev.rpcwall.compiler.semantics.AddressSet;
import dev.rpcwall.compiler.semantics.Ip;
import dev.rpcwall.compiler.semantics.IpRange;
import dev.rpcwall.compiler.semantics.PortRange;
import dev.rpcwall.compiler.semantics.PortSet;
import dev.rpcwall.compiler.semantics.Profile;
import dev.rpcwall.compiler.target.TargetId;
import dev.rpcwall.compiler.testing.Seeded;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class PowerShellReaderTest {
  private static WfasRule only(String script) {
    Result<WfasRuleSet> r = read(script);
    assertThat(r.diagnostics()).isEmpty();
    assertThat(r.orElseThrow().rules()).hasSize(1);
    return r.orElseThrow().rules().get(0);
  }

  private static Diagnostic onlyDiagnostic(String script) {
    Result<WfasRuleSet> r = read(script);
    assertThat(r.diagnostics()).hasSize(1);
    return r.diagnostics().get(0);
  }

  private static AddressSet cidr(String base, int prefix) {
    return AddressSet.cidr(Ip.parse(base).orElseThrow(), prefix);
  }

  @Test
  void target_isPowerShell() {
    assertThat(new PowerShellReader().target()).isEqualTo(TargetId.POWERSHELL);
  }

  @Test
  void read_anyCaseAndOrderAndPrefixes_readsTheRule() {
    WfasRule r = only("""
        new-netfirewallrule -remoteaddr 10.1.1.0/24,192.168.6.1-192.168.6.50 -LOCALPORT 135,5001-5021 `
          -Prot tcp -DisplayN "RPC admins" -Act block -Dir inbound -Nam rpc-1 -Profile Domain,Private
        """);
    assertThat(r.id()).isEqualTo("rpc-1");
    assertThat(r.displayName()).isEqualTo("RPC admins");
    assertThat(r.action()).isEqualTo(RuleAction.BLOCK);
    assertThat(r.direction()).isEqualTo(Direction.IN);
    assertThat(r.protocol()).isEqualTo(6);
    assertThat(r.localPorts().ports()).isEqualTo(PortSet.of(List.of(PortRange.of(135), PortRange.of(5001, 5021))));
    assertThat(r.remoteAddresses().addresses()).isEqualTo(cidr("10.1.1.0", 24).union(AddressSet.of(
        new IpRange(Ip.parse("192.168.6.1").orElseThrow(), Ip.parse("192.168.6.50").orElseThrow()))));
    assertThat(r.profiles()).containsExactlyInAnyOrder(Profile.DOMAIN, Profile.PRIVATE);
    assertThat(r.enabled()).isTrue();
    assertThat(r.origin().line()).isEqualTo(1);
  }

  @Test
  void read_arraysWithAndWithoutAtParens_areTheSame() {
    WfasRule a = only("New-NetFirewallRule -Name a -DisplayName a -Protocol TCP -LocalPort @('135', '445') -RemoteAddress @(\n  '10.0.0.0/8'\n  '2001:db8::/32'\n)");
    WfasRule b = only("New-NetFirewallRule -Name a -DisplayName a -Protocol TCP -LocalPort 135, 445 -RemoteAddress '10.0.0.0/255.0.0.0', 2001:db8::/32");
    assertThat(PsFixtures.withoutOrigins(new WfasRuleSet(List.of(a), dev.rpcwall.compiler.ir.RpcSettings.NONE)))
        .isEqualTo(PsFixtures.withoutOrigins(new WfasRuleSet(List.of(b), dev.rpcwall.compiler.ir.RpcSettings.NONE)));
    assertThat(a.remoteAddresses().addresses())
        .isEqualTo(cidr("10.0.0.0", 8).union(cidr("2001:db8::", 32)));
  }

  @Test
  void read_splattedLiteralHashtable_bindsItsEntries() {
    WfasRule r = only("""
        $p = @{
            Name = 'wmi'; DisplayName = "WMI fixed port"
            Protocol = 'TCP'
            LocalPort = 24158
            'RemoteAddress' = '10.1.1.0/24', 'LocalSubnet'
        }
        New-NetFirewallRule @p -Enabled False
        """);
    assertThat(r.id()).isEqualTo("wmi");
    assertThat(r.localPorts().ports()).isEqualTo(PortSet.of(24158));
    assertThat(r.remoteAddresses().keywords()).containsExactly(AddressKeyword.LOCAL_SUBNET);
    assertThat(r.enabled()).isFalse();
  }

  @ParameterizedTest
  @CsvSource({"RPCEPMap", "RPC-EPMap", "rpc-epmap", "rpcepmap"})
  void read_epmapKeywordSpellings_areAccepted(String spelling) {
    WfasRule r = only("New-NetFirewallRule -Name e -DisplayName e -Protocol 6 -LocalPort " + spelling
        + " -Profile Any");
    assertThat(r.localPorts().keywords()).containsExactly(PortKeyword.RPC_EPMAP);
    assertThat(r.protocol()).isEqualTo(6);
    assertThat(r.profiles()).isEmpty();
  }

  @Test
  void read_commentsPreludesAndRegistry_readSettings() {
    Result<WfasRuleSet> r = read("""
        <# block
           comment New-NetFirewallRule #>
        # Remove-NetFirewallRule -All
        Remove-NetFirewallRule -Group 'g' -ErrorAction SilentlyContinue
        Get-NetFirewallRule -DisplayGroup 'g' -PolicyStore PersistentStore | Remove-NetFirewallRule
        New-NetFirewallRule -Name old -DisplayName old -Group g
        New-NetFirewallRule -Name keep -DisplayName keep -Group other -RemoteAddress Any
        Get-NetFirewallRule -Group G | Remove-NetFirewallRule
        New-Item 'HKLM:\\SOFTWARE\\Microsoft\\Rpc\\Internet' -Force | Out-Null
        New-ItemProperty -Path 'HKLM:\\SOFTWARE\\Microsoft\\Rpc\\Internet' -Name Ports -PropertyType MultiString -Value '5001-5021','5100' -Force
        New-ItemProperty -Path HKLM:\\SOFTWARE\\Microsoft\\Rpc\\Internet -Name PortsInternetAvailable -Type String -Value Y
        Set-ItemProperty -Path 'HKLM:\\SOFTWARE\\Microsoft\\Rpc\\Internet' -Name UseInternetPorts -Type String -Value 'Y'
        winmgmt -standalonehost
        net stop winmgmt; net start winmgmt
        """);
    assertThat(r.diagnostics()).isEmpty();
    WfasRuleSet set = r.orElseThrow();
    assertThat(set.rules()).extracting(WfasRule::id).containsExactly("keep");
    assertThat(set.rules().get(0).remoteAddresses()).isEqualTo(AddressCondition.ANY);
    assertThat(set.rpc().dynamicPorts()).contains(PortSet.of(List.of(PortRange.of(5001, 5021), PortRange.of(5100))));
    assertThat(set.rpc().wmiFixedPort()).hasValue(24158);
    assertThat(set.rpc().dynamicOrigin().line()).isEqualTo(10);
  }

  @Test
  void read_ruleWithoutName_getsAPlaceholderId() {
    WfasRule r = only("New-NetFirewallRule -DisplayName 'x' -Direction Outbound -Protocol ICMPv4");
    assertThat(r.id()).isEqualTo("(no -Name, line 1 #1)");
    assertThat(r.direction()).isEqualTo(Direction.OUT);
    assertThat(r.protocol()).isEqualTo(1);
  }

  @Test
  void read_defaultValuedExtraParameters_areAccepted() {
    WfasRule r = only("New-NetFirewallRule -Name x -DisplayName x -InterfaceType Any -EdgeTraversalPolicy Block -Confirm:$false");
    assertThat(r.protocol()).isEqualTo(WfasRule.ANY_PROTOCOL);
  }

  // ---- every diagnostic ----------------------------------------------------------------------

  @ParameterizedTest
  @CsvSource(delimiter = '|', textBlock = """
      New-NetFirewallRule -DisplayName x -Name 'x                                    | RW2250 | 1 | 42
      New-NetFirewallRule -Name x -DisplayName x `z                                  | RW2250 | 1 | 44
      <# never closed                                                                 | RW2250 | 1 | 1
      New-NetFirewallRule -Name x -DisplayName @'                                     | RW2250 | 1 | 42
      New-NetFirewallRule -Name 'a'’b' -DisplayName x                                 | RW2250 | 1 | 29
      Set-NetFirewallRule -Name x -Enabled False                                      | RW2251 | 1 | 1
      foreach ($x in 1) { New-NetFirewallRule -Name x -DisplayName x }                | RW2251 | 1 | 1
      if ($env:X) { New-NetFirewallRule -Name x -DisplayName x }                      | RW2251 | 1 | 5
      New-NetFirewallRule -Name x -DisplayName x -WhatIf                              | RW2251 | 1 | 44
      New-NetFirewallRule x -DisplayName x                                            | RW2251 | 1 | 21
      winmgmt -resyncperf                                                             | RW2251 | 1 | 1
      New-NetFirewallRule -Name x -DisplayName $(Get-Date)                            | RW2251 | 1 | 42
      New-NetFirewallRule -Name x -DisplayName x -Pro TCP                             | RW2252 | 1 | 44
      New-NetFirewallRule -Name x -DisplayName x -Colour red                          | RW2252 | 1 | 44
      New-NetFirewallRule -Name x -DisplayName x -Protocol TCP -LocalPort 70000       | RW2253 | 1 | 69
      New-NetFirewallRule -Name x -DisplayName x -RemoteAddress 10.1.1.5/24           | RW2253 | 1 | 59
      New-NetFirewallRule -Name x -DisplayName x -RemoteAddress 10.0.0.0/255.0.255.0  | RW2253 | 1 | 59
      New-NetFirewallRule -Name x -DisplayName x -LocalPort 135                       | RW2253 | 1 | 44
      New-NetFirewallRule -Name x -DisplayName x -Protocol UDP -LocalPort RPC         | RW2253 | 1 | 58
      New-NetFirewallRule -Name x -DisplayName x -Enabled $true                       | RW2255 | 1 | 53
      New-NetFirewallRule -Name x -DisplayName x -Action Maybe                        | RW2253 | 1 | 52
      New-NetFirewallRule -Name x -DisplayName "rule $name"                           | RW2254 | 1 | 42
      New-NetFirewallRule -Name x -DisplayName $dn                                    | RW2255 | 1 | 42
      New-NetFirewallRule -Name x                                                     | RW2256 | 1 | 1
      New-NetFirewallRule -Name x -DisplayName x -Name y                              | RW2256 | 1 | 44
      New-NetFirewallRule -Name x -DisplayName x -IcmpType 8                          | RW2258 | 1 | 44
      New-NetFirewallRule -Name x -DisplayName x -RemoteAddress LocalSubnet4          | RW2258 | 1 | 59
      New-ItemProperty -Path HKLM:\\SOFTWARE\\Microsoft\\Rpc\\Internet -Name Ports -PropertyType MultiString -Value '5001-5021' | RW2259 | 1 | 1
      """)
  void read_badInput_isOneDiagnosticAtItsPlace(String script, String code, int line, int column) {
    Diagnostic d = onlyDiagnostic(script.replace("\\\\", "\\"));
    assertThat(d.code()).isEqualTo(code);
    assertThat(d.span().line()).isEqualTo(line);
    assertThat(d.span().column()).isEqualTo(column);
  }

  @Test
  void read_addressListsWindowsRefuses_areErrors() {
    String head = "New-NetFirewallRule -Name x -DisplayName x -Protocol TCP -LocalPort 135 -RemoteAddress ";
    for (String bad : List.of("'::-ffff::'", "'::1'", "'::'", "'::/127'", "'::1-::5'",
        "'10.0.0.0/0'", "'2001:db8::/129'", "'10.0.0.9-10.0.0.1'", "'10.0.0.1-2001:db8::1'")) {
      Diagnostic d = onlyDiagnostic(head + bad);
      assertThat(d.code()).as(bad).isEqualTo(Codes.PS_READ_VALUE);
    }
    StringBuilder many = new StringBuilder();
    for (int i = 0; i < 1001; i++) {
      many.append(i == 0 ? "" : ", ").append("'10.0.").append(i / 250).append('.').append(i % 250).append("'");
    }
    Diagnostic d = onlyDiagnostic(head + many);
    assertThat(d.code()).isEqualTo(Codes.PS_READ_VALUE);
    assertThat(d.message()).contains("at most 1000");
    // What Windows accepts still reads: the neighbours of :: and ::1, 127.0.0.1 (IPv4 has no such
    // limit in MS-FASP 2.2.8), exactly 1000 entries.
    only(head + "'::2-ffff::', '0.0.0.0', '127.0.0.1'");
    only(head + many.substring(0, many.lastIndexOf(", ")));
  }

  @Test
  void read_duplicateName_isError() {
    Diagnostic d = onlyDiagnostic("New-NetFirewallRule -Name x -DisplayName x\nNew-NetFirewallRule -Name X -DisplayName y");
    assertThat(d.code()).isEqualTo(Codes.PS_READ_DUPLICATE);
    assertThat(d.span().line()).isEqualTo(2);
  }

  @Test
  void read_restoreRegistry_isHostStateWarning() {
    String fn = String.join("\n", PsRuntime.FUNCTIONS.get(PsRuntime.RESTORE_REGISTRY));
    Result<WfasRuleSet> r = read(fn + "\nRestore-RpcwallRegistry -State '{}'\n");
    assertThat(r.diagnostics()).extracting(Diagnostic::code).containsExactly(Codes.PS_READ_HOST_STATE);
    assertThat(r.hasErrors()).isFalse();
  }

  @Test
  void read_editedRuntimeFunction_isNoLongerTrusted() {
    String fn = String.join("\n", PsRuntime.FUNCTIONS.get(PsRuntime.ADD_UNDO))
        .replace("param(", "New-NetFirewallRule -Name sneaky -DisplayName s\n    param(");
    Diagnostic d = onlyDiagnostic(fn + "\nAdd-RpcwallUndo -Kind 'rule' -Item 'x'\n");
    assertThat(d.code()).isEqualTo(Codes.PS_READ_UNKNOWN);
    assertThat(d.message()).contains("body is not read");
  }

  private static String helpers(String... names) {
    StringBuilder b = new StringBuilder();
    for (String n : names) {
      b.append(PsRuntime.text(n)).append("\n\n");
    }
    return b.toString();
  }

  private static final String EARLIER_RULES = """
      New-NetFirewallRule -Name a -DisplayName a -Group 'g' -Action Block -Protocol TCP -LocalPort 135
      New-NetFirewallRule -Name old -DisplayName old -Group 'G' -Protocol TCP -LocalPort 445
      New-NetFirewallRule -Name other -DisplayName other -Group 'h' -Protocol TCP -LocalPort 139
      """;

  @Test
  void read_moveAsideCreateThenRemoveMoved_leavesTheNewRulesAndOtherGroups() {
    Result<WfasRuleSet> r = read(helpers(PsRuntime.ADD_UNDO, PsRuntime.MOVE_ASIDE,
        PsRuntime.REMOVE_MOVED) + EARLIER_RULES + """
        if ($PSCmdlet.ShouldProcess('rules of group g', 'Rename-NetFirewallRule')) {
            Move-RpcwallRulesAside -Group 'g' -PolicyStore $PolicyStore
        }
        New-NetFirewallRule -Name a -DisplayName a2 -Group 'g' -Protocol TCP -LocalPort 136
        if ($PSCmdlet.ShouldProcess('moved', 'Remove-NetFirewallRule')) {
            Remove-RpcwallMovedRules -Group 'g' -PolicyStore $PolicyStore
        }
        """);

    assertThat(r.diagnostics()).isEmpty();
    assertThat(r.orElseThrow().rules()).extracting(WfasRule::id).containsExactly("other", "a");
    assertThat(r.orElseThrow().rules().get(1).displayName()).isEqualTo("a2");
  }

  @Test
  void read_moveAsideWithoutRemoval_keepsTheEarlierRulesEnforcing() {
    Result<WfasRuleSet> r = read(helpers(PsRuntime.ADD_UNDO, PsRuntime.MOVE_ASIDE)
        + EARLIER_RULES + "Move-RpcwallRulesAside -Group 'g' -PolicyStore $PolicyStore\n"
        + "New-NetFirewallRule -Name a -DisplayName a2 -Group 'g'\n");

    assertThat(r.diagnostics()).isEmpty();
    List<WfasRule> rules = r.orElseThrow().rules();
    assertThat(rules).hasSize(4);
    assertThat(rules.get(0).id()).startsWith("a" + PsRuntime.ASIDE_MARK);
    assertThat(rules.get(0).action()).isEqualTo(RuleAction.BLOCK);
    assertThat(rules.get(0).localPorts().ports().contains(135)).isTrue();
    assertThat(rules.get(1).id()).startsWith("old" + PsRuntime.ASIDE_MARK);
    assertThat(rules).extracting(WfasRule::id).endsWith("other", "a");
  }

  @Test
  void read_groupRemovalAfterMoveAside_removesTheMovedRulesToo() {
    Result<WfasRuleSet> r = read(helpers(PsRuntime.ADD_UNDO, PsRuntime.MOVE_ASIDE)
        + EARLIER_RULES + "Move-RpcwallRulesAside -Group 'g' -PolicyStore $PolicyStore\n"
        + "Get-NetFirewallRule -Group 'g' | Remove-NetFirewallRule\n");

    assertThat(r.diagnostics()).isEmpty();
    assertThat(r.orElseThrow().rules()).extracting(WfasRule::id).containsExactly("other");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', textBlock = """
      Move-RpcwallRulesAside -Group $g -PolicyStore $PolicyStore        | RW2255
      Move-RpcwallRulesAside -PolicyStore $PolicyStore                  | RW2256
      Remove-RpcwallMovedRules -Group 'g*' -PolicyStore $PolicyStore    | RW2253
      Move-RpcwallRulesAside -Group 'g' -Force                          | RW2252
      """)
  void read_helperCallNotUnderstood_isOneDiagnostic(String call, String code) {
    Result<WfasRuleSet> r = read(helpers(PsRuntime.ADD_UNDO, PsRuntime.MOVE_ASIDE,
        PsRuntime.REMOVE_MOVED) + call + "\n");
    assertThat(r.diagnostics()).extracting(Diagnostic::code).containsExactly(code);
  }

  @Test
  void read_editedMoveAside_isNoLongerTrusted() {
    String edited = PsRuntime.text(PsRuntime.MOVE_ASIDE).replace("foreach", "# changed\n    foreach");
    Result<WfasRuleSet> r = read(edited + "\nMove-RpcwallRulesAside -Group 'g'\n");
    assertThat(r.diagnostics()).singleElement().satisfies(d -> {
      assertThat(d.code()).isEqualTo(Codes.PS_READ_UNKNOWN);
      assertThat(d.message()).contains("body is not read");
    });
  }

  @Test
  void read_restoreBackup_isHostStateWarning() {
    Result<WfasRuleSet> r = read(helpers(PsRuntime.ASSERT_STATE, PsRuntime.RESTORE_BACKUP)
        + "New-ItemProperty -Path 'HKLM:\\SOFTWARE\\Microsoft\\Rpc\\Internet' -Name Ports"
        + " -PropertyType MultiString -Value '5001-5021'\n"
        + "Restore-RpcwallBackup -State $RpcwallState\n");
    assertThat(r.diagnostics()).extracting(Diagnostic::code).containsExactly(Codes.PS_READ_HOST_STATE);
    assertThat(r.orElseThrow().rpc().isEmpty()).isTrue();
  }

  @Test
  void read_restoreBackup_withARedefinedStateCheck_isRefused() {
    // A script that keeps Restore-RpcwallBackup's text but replaces the check it calls would
    // read a planted backup: the reader does not take the helper's effect on trust then.
    String noCheck = "function Assert-RpcwallStateKey {\n    param([string] $Path)\n}\n";
    for (String script : List.of(
        helpers(PsRuntime.RESTORE_BACKUP) + "Restore-RpcwallBackup -State $RpcwallState\n",
        helpers(PsRuntime.ASSERT_STATE, PsRuntime.RESTORE_BACKUP) + noCheck
            + "Restore-RpcwallBackup -State $RpcwallState\n")) {
      Diagnostic d = onlyDiagnostic(script);
      assertThat(d.code()).isEqualTo(Codes.PS_READ_UNKNOWN);
      assertThat(d.message()).contains("calls Assert-RpcwallStateKey");
    }
    // the same with rpcwall's own check is understood
    Result<WfasRuleSet> ok = read(helpers(PsRuntime.ASSERT_STATE, PsRuntime.RESTORE_BACKUP)
        + "Restore-RpcwallBackup -State $RpcwallState\n");
    assertThat(ok.diagnostics()).isEmpty();
  }

  @Test
  void read_saveRegistry_needsEveryHelperItCallsVerbatim() {
    String all = helpers(PsRuntime.ADD_UNDO, PsRuntime.ASSERT_STATE, PsRuntime.NEW_STATE,
        PsRuntime.READ_REGISTRY, PsRuntime.SAVE_REGISTRY);
    assertThat(read(all + "Save-RpcwallRegistry -State $RpcwallState\n").diagnostics()).isEmpty();
    String edited = all.replace("if ($trusted -notcontains $owner) {", "if ($false) {");
    Diagnostic d = onlyDiagnostic(edited + "Save-RpcwallRegistry -State $RpcwallState\n");
    assertThat(d.message()).contains("calls Assert-RpcwallStateKey");
  }

  @Test
  void read_rpcYesValuesInLowerCase_readAsY() {
    // windows-semantics.md 6.1: PortsInternetAvailable/UseInternetPorts are Y/N, case-insensitive;
    // the netsh reader reads 'y' too (issue 11 point 8: the readers agree).
    Result<WfasRuleSet> r = read("""
        New-ItemProperty -Path 'HKLM:\\SOFTWARE\\Microsoft\\Rpc\\Internet' -Name Ports -PropertyType MultiString -Value '5001-5021'
        New-ItemProperty -Path 'HKLM:\\SOFTWARE\\Microsoft\\Rpc\\Internet' -Name PortsInternetAvailable -PropertyType String -Value 'y'
        New-ItemProperty -Path 'HKLM:\\SOFTWARE\\Microsoft\\Rpc\\Internet' -Name UseInternetPorts -PropertyType String -Value 'y'
        """);
    assertThat(r.diagnostics()).isEmpty();
    assertThat(r.orElseThrow().rpc().dynamicPorts()).contains(PortSet.of(5001, 5021));
  }

  @Test
  void read_policyStoreComparison_followsTheDefault() {
    String script = """
        param([string] $PolicyStore = 'PersistentStore', [switch] $SkipHostSettings)
        if ($PolicyStore -ne 'PersistentStore' -and -not $SkipHostSettings) {
            $SkipHostSettings = $true
        }
        if (-not $SkipHostSettings) {
            New-ItemProperty -Path 'HKLM:\\SOFTWARE\\Microsoft\\Rpc\\Internet' -Name Ports -PropertyType MultiString -Value '5001-5021'
            New-ItemProperty -Path 'HKLM:\\SOFTWARE\\Microsoft\\Rpc\\Internet' -Name PortsInternetAvailable -PropertyType String -Value 'Y'
            New-ItemProperty -Path 'HKLM:\\SOFTWARE\\Microsoft\\Rpc\\Internet' -Name UseInternetPorts -PropertyType String -Value 'Y'
        }
        """;
    Result<WfasRuleSet> r = read(script);
    assertThat(r.diagnostics()).isEmpty();
    assertThat(r.orElseThrow().rpc().dynamicPorts()).isPresent();
    // with another default store the host settings are skipped
    Result<WfasRuleSet> gpo = read(script.replace("= 'PersistentStore'", "= 'example.com\\GPO'"));
    assertThat(gpo.diagnostics()).isEmpty();
    assertThat(gpo.orElseThrow().rpc().isEmpty()).isTrue();
  }

  @Test
  void read_catchBody_isNotTheSuccessPath() {
    Result<WfasRuleSet> r = read("""
        try {
            New-NetFirewallRule -Name a -DisplayName a
        } catch {
            Remove-NetFirewallRule -Name a
            throw
        }
        """);
    assertThat(r.diagnostics()).isEmpty();
    assertThat(r.orElseThrow().rules()).hasSize(1);
  }

  // ---- robustness ----------------------------------------------------------------------------

  private static final String[] SOUP = {
    "New-NetFirewallRule", "Remove-NetFirewallRule", "Get-NetFirewallRule", "|", " ", "\n", "\r\n",
    "-Name", "-DisplayName", "-LocalPort", "-RemoteAddress", "-Protocol", "-Pro", "'", "\"", "’",
    "`", "`\n", "$", "$p", "@p", "@{", "@(", "(", ")", "{", "}", ",", ";", "=", "#", "<#", "#>",
    "[", "]", "if", "try", "catch", "function", "param", "135", "10.0.0.0/8", "::1", "-", "x",
    "TCP", "Any", "&", "winmgmt", "-standalonehost", "$PSCmdlet.ShouldProcess", "-not", "-and",
    "@'", "'@", "\u0000", "\uD800", "New-ItemProperty", "HKLM:\\SOFTWARE\\Microsoft\\Rpc\\Internet"
  };

  @Test
  void read_randomGarbage_neverThrowsAndReportsOnlyReaderCodes() {
    Seeded.check(qt -> qt.withExamples(3000)
        .forAll(lists().of(integers().between(0, SOUP.length - 1)).ofSizeBetween(0, 60))
        .checkAssert(indexes -> {
          StringBuilder b = new StringBuilder();
          indexes.forEach(i -> b.append(SOUP[i]));
          Result<WfasRuleSet> r = read(b.toString());
          assertThat(r.diagnostics()).allSatisfy(d -> {
            assertThat(d.code()).matches("RW22[5-9][0-9]");
            assertThat(d.span().line()).isPositive();
          });
          assertThat(r.value().isPresent()).isEqualTo(!r.hasErrors());
        }));
  }

  @Test
  void read_randomCharacters_neverThrow() {
    Seeded.check(qt -> qt.withExamples(2000).forAll(integers().all()).checkAssert(seed -> {
      Random random = new Random(seed);
      char[] chars = new char[random.nextInt(200)];
      for (int i = 0; i < chars.length; i++) {
        chars[i] = random.nextInt(4) == 0 ? (char) random.nextInt(0x10000) : (char) (32 + random.nextInt(96));
      }
      Result<WfasRuleSet> r = read(new String(chars));
      assertThat(r.diagnostics()).allSatisfy(d -> assertThat(d.code()).startsWith("RW22"));
    }));
  }

  @Test
  void read_deepNesting_isReportedNotOverflowed() {
    Result<WfasRuleSet> r = read("New-NetFirewallRule -Name " + "@(".repeat(5000) + "'x'" + ")".repeat(5000));
    assertThat(r.hasErrors()).isTrue();
    Result<WfasRuleSet> braces = read("if ($PSCmdlet.ShouldProcess('x')) {".repeat(3000));
    assertThat(braces.hasErrors()).isTrue();
  }

  @Test
  void read_emptyScript_isAnEmptyRuleSet() {
    Result<WfasRuleSet> r = read("");
    assertThat(r.diagnostics()).isEmpty();
    assertThat(r.orElseThrow().rules()).isEmpty();
    assertThat(r.orElseThrow().rpc().isEmpty()).isTrue();
  }

  @Test
  void read_keywordAddress_setsKeywordsNotAddresses() {
    WfasRule r = only("New-NetFirewallRule -Name k -DisplayName k -RemoteAddress LocalSubnet,IntranetRemoteAccess");
    assertThat(r.remoteAddresses().keywords())
        .isEqualTo(Set.of(AddressKeyword.LOCAL_SUBNET, AddressKeyword.REMOTE_INTRANET));
    assertThat(r.remoteAddresses().addresses().isEmpty()).isTrue();
  }

  /**
   * Issue 12 point 7: -GPOSession is understood like -PolicyStore (which store the rules go to is
   * not part of the model), Open-NetGPO and Save-NetGPO change no rule, and the emitted apply
   * script read with a GPO as its -PolicyStore default (the Open-NetGPO branch and the splatted
   * session taken) leaves the same rules as with this computer's store.
   */
  @Test
  void read_gpoSession_handWrittenAndEmitted_sameRules() {
    WfasRule r = only("""
        $s = Open-NetGPO -PolicyStore 'example.com\\Firewall'
        New-NetFirewallRule -Name n -DisplayName n -Direction Inbound -Action Block -Protocol TCP `
          -LocalPort 135 -RemoteAddress 10.0.0.1 -GPOSession $s
        Save-NetGPO -GPOSession $s
        """);
    assertThat(r.action()).isEqualTo(RuleAction.BLOCK);

    String apply = PsFixtures.decode(new PowerShellEmitter().emit(PsFixtures.input(PsFixtures.classic())).get(0));
    String gpo = apply.replace("[string] $PolicyStore = 'PersistentStore',",
        "[string] $PolicyStore = 'example.com\\Firewall GPO',");
    assertThat(gpo).isNotEqualTo(apply);
    Result<WfasRuleSet> local = read(apply);
    Result<WfasRuleSet> viaGpo = read(gpo);
    assertThat(viaGpo.diagnostics()).extracting(Diagnostic::severity)
        .doesNotContain(dev.rpcwall.compiler.diag.Severity.ERROR);
    assertThat(viaGpo.orElseThrow().rules()).isEqualTo(local.orElseThrow().rules());
  }
}
