package dev.rpcwall.emit.netsh;

import static dev.rpcwall.emit.netsh.NetshFixtures.read;
import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import dev.rpcwall.compiler.diag.Codes;
import dev.rpcwall.compiler.diag.Diagnostic;
import dev.rpcwall.compiler.diag.Result;
import dev.rpcwall.compiler.model.AddressKeyword;
import dev.rpcwall.compiler.model.Direction;
import dev.rpcwall.compiler.model.PortKeyword;
import dev.rpcwall.compiler.model.RuleAction;
import dev.rpcwall.compiler.model.WfasRule;
import dev.rpcwall.compiler.model.WfasRuleSet;
import dev.rpcwall.compiler.semantics.PortRange;
import dev.rpcwall.compiler.semantics.PortSet;
import dev.rpcwall.compiler.semantics.Profile;
import dev.rpcwall.compiler.testing.Seeded;
import java.util.List;
import org.junit.jupiter.api.Test;

class NetshReaderTest {
  private static WfasRuleSet ok(String text) {
    Result<WfasRuleSet> r = read("s.cmd", text);
    assertThat(r.diagnostics()).isEmpty();
    return r.orElseThrow();
  }

  private static WfasRule only(String text) {
    WfasRuleSet set = ok(text);
    assertThat(set.rules()).hasSize(1);
    return set.rules().get(0);
  }

  private static Diagnostic error(String text) {
    Result<WfasRuleSet> r = read("s.cmd", text);
    assertThat(r.value()).isEmpty();
    assertThat(r.diagnostics()).isNotEmpty();
    return r.diagnostics().get(0);
  }

  @Test
  void read_handWrittenForms_understood() {
    WfasRule r = only(
        "@ECHO OFF\r\n:: comment\r\nREM another\r\n"
            + "NETSH AdvFirewall Firewall ADD RULE \"name=WMI fixed port\" DIR=IN Action=Allow"
            + " Protocol=6 LocalPort=24158,5001-5021 RemoteIP=10.2.0.0/255.255.0.0,192.168.6.1-192.168.6.50,LocalSubnet"
            + " profile=domain,private enable=no description=unquoted\r\n");
    assertThat(r.displayName()).isEqualTo("WMI fixed port");
    assertThat(r.id()).isEqualTo("WMI fixed port");
    assertThat(r.protocol()).isEqualTo(6);
    assertThat(r.action()).isEqualTo(RuleAction.ALLOW);
    assertThat(r.localPorts().ports())
        .isEqualTo(PortSet.of(List.of(PortRange.of(24158), PortRange.of(5001, 5021))));
    assertThat(r.remoteAddresses().addresses())
        .isEqualTo(NetshFixtures.addrs("10.2.0.0/16,192.168.6.1-192.168.6.50"));
    assertThat(r.remoteAddresses().keywords()).containsExactly(AddressKeyword.LOCAL_SUBNET);
    assertThat(r.profiles()).containsExactlyInAnyOrder(Profile.DOMAIN, Profile.PRIVATE);
    assertThat(r.enabled()).isFalse();
    assertThat(r.description()).contains("unquoted");
    assertThat(r.origin().line()).isEqualTo(4);
    assertThat(r.origin().column()).isEqualTo(1);
  }

  @Test
  void read_abbreviationsKeywordsAndContinuation_understood() {
    WfasRule r = only("netsh advf firewall add rule name=epm dir=in action=block protocol=tcp ^\n"
        + "  localport=RPC-EPMap,rpc remoteip=any profile=any\n");
    assertThat(r.localPorts().keywords()).containsExactlyInAnyOrder(PortKeyword.RPC, PortKeyword.RPC_EPMAP);
    assertThat(r.remoteAddresses().any()).isTrue();
    assertThat(r.profiles()).isEmpty();
    assertThat(r.action()).isEqualTo(RuleAction.BLOCK);
  }

  @Test
  void read_percentAndCarets_asCmdSeesThem() {
    WfasRule r = only("netsh advfirewall firewall add rule name=\"100%% & more\" dir=out action=allow"
        + " description=a^&b^<c\n");
    assertThat(r.displayName()).isEqualTo("100% & more");
    assertThat(r.description()).contains("a&b<c");
    assertThat(r.direction()).isEqualTo(Direction.OUT);
    assertThat(r.protocol()).isEqualTo(WfasRule.ANY_PROTOCOL);
  }

  @Test
  void read_deleteAfterAdd_removesRule() {
    WfasRuleSet set = ok("netsh advfirewall firewall delete rule name=a\n"
        + "netsh advfirewall firewall add rule name=a dir=in action=allow\n"
        + "netsh advfirewall firewall add rule name=b dir=in action=allow\n"
        + "netsh advfirewall firewall delete rule name=a dir=in\n");
    assertThat(set.rules()).extracting(WfasRule::displayName).containsExactly("b");
  }

  @Test
  void read_errorHandlingForms_skippedOnSuccessPath() {
    WfasRuleSet set = ok("setlocal\n"
        + "netsh advfirewall firewall add rule name=a dir=in action=allow || exit /b 1\n"
        + "if errorlevel 1 (\n  echo failed\n  exit /b 1\n)\n"
        + "if %errorlevel% neq 0 goto fail\n"
        + "netsh advfirewall firewall add rule name=b dir=in action=allow && echo ok\n"
        + "exit /b 0\n:fail\nnetsh advfirewall firewall add rule name=never dir=in action=allow\nexit /b 1\n");
    assertThat(set.rules()).extracting(WfasRule::displayName).containsExactly("a", "b");
  }

  @Test
  void read_registryAndWmi_intoRpcSettings() {
    WfasRuleSet set = ok("reg add HKEY_LOCAL_MACHINE\\Software\\Microsoft\\Rpc\\Internet /v Ports"
        + " /t REG_MULTI_SZ /d 5001-5021,135 /s , /f\n"
        + "reg add \"HKLM\\SOFTWARE\\Microsoft\\Rpc\\Internet\" /v PortsInternetAvailable /t REG_SZ /d y /f\n"
        + "reg add \"HKLM\\SOFTWARE\\Microsoft\\Rpc\\Internet\" /v UseInternetPorts /t REG_SZ /d Y /f\n"
        + "winmgmt -standalonehost\n");
    assertThat(set.rpc().dynamicPorts())
        .contains(PortSet.of(List.of(PortRange.of(135), PortRange.of(5001, 5021))));
    assertThat(set.rpc().wmiFixedPort()).hasValue(24158);
  }

  @Test
  void read_addressListsWindowsRefuses_areErrors() {
    String add = "netsh advfirewall firewall add rule name=a dir=in action=block protocol=tcp localport=135 remoteip=";
    for (String bad : List.of("::-ffff::", "::1", "::", "::/127", "::1-::5", "10.0.0.1,::1",
        "10.0.0.0/0", "2001:db8::/129", "10.0.0.9-10.0.0.1", "10.0.0.1-2001:db8::1")) {
      Diagnostic d = error(add + bad + "\n");
      assertThat(d.code()).as(bad).isEqualTo(Codes.NETSH_READ_VALUE);
    }
    StringBuilder many = new StringBuilder();
    for (int i = 0; i < 1001; i++) {
      many.append(i == 0 ? "" : ",").append("10.0.").append(i / 250).append('.').append(i % 250);
    }
    Diagnostic d = error(add + many + "\n");
    assertThat(d.code()).isEqualTo(Codes.NETSH_READ_VALUE);
    assertThat(d.message()).contains("at most 1000");
    // What Windows accepts still reads.
    ok(add + "::2-ffff::,0.0.0.0,127.0.0.1\n");
    ok(add + many.substring(0, many.lastIndexOf(",")) + "\n");
  }

  @Test
  void read_eachProblem_hasItsCode() {
    String add = "netsh advfirewall firewall add rule ";
    assertThat(error("copy a b\n").code()).isEqualTo(Codes.NETSH_READ_COMMAND);
    assertThat(error("netsh int ipv4 show config\n").code()).isEqualTo(Codes.NETSH_READ_COMMAND);
    assertThat(error(add + "name=\"open dir=in action=allow\n").code()).isEqualTo(Codes.NETSH_READ_SYNTAX);
    assertThat(error(add + "name = a dir=in action=allow\n").code()).isEqualTo(Codes.NETSH_READ_SYNTAX);
    assertThat(error("echo a | find \"a\"\n").code()).isEqualTo(Codes.NETSH_READ_SYNTAX);
    assertThat(error(add + "name=a dir=in action=allow colour=red\n").code()).isEqualTo(Codes.NETSH_READ_PARAMETER);
    assertThat(error(add + "name=a dir=sideways action=allow\n").code()).isEqualTo(Codes.NETSH_READ_VALUE);
    assertThat(error(add + "name=a dir=in action=allow remoteip=10.0.0.0/0\n").code()).isEqualTo(Codes.NETSH_READ_VALUE);
    assertThat(error(add + "name=a dir=in action=allow remoteip=10.0.0.0/255.0.255.0\n").code()).isEqualTo(Codes.NETSH_READ_VALUE);
    assertThat(error(add + "name=a dir=in action=allow localip=localsubnet\n").code()).isEqualTo(Codes.NETSH_READ_VALUE);
    assertThat(error(add + "name=all dir=in action=allow\n").code()).isEqualTo(Codes.NETSH_READ_VALUE);
    assertThat(error(add + "name=a dir=in\n").code()).isEqualTo(Codes.NETSH_READ_MISSING);
    assertThat(error(add + "name=a name=b dir=in action=allow\n").code()).isEqualTo(Codes.NETSH_READ_DUPLICATE);
    assertThat(error(add + "name=a dir=in action=allow edge=yes\n").code()).isEqualTo(Codes.NETSH_READ_UNSUPPORTED);
    assertThat(error(add + "name=a dir=in action=allow protocol=icmpv4:8,any\n").code()).isEqualTo(Codes.NETSH_READ_UNSUPPORTED);
    assertThat(error("netsh firewall add portopening TCP 135 RPC\n").code()).isEqualTo(Codes.NETSH_READ_UNSUPPORTED);
    assertThat(error("netsh advfirewall set allprofiles state off\n").code()).isEqualTo(Codes.NETSH_READ_UNSUPPORTED);
    assertThat(error(add + "name=a dir=in action=allow protocol=icmpv4 localport=135\n").code()).isEqualTo(Codes.NETSH_READ_COMBINATION);
    assertThat(error(add + "name=a dir=in action=allow protocol=udp localport=RPC\n").code()).isEqualTo(Codes.NETSH_READ_COMBINATION);
    assertThat(error(add + "name=%NAME% dir=in action=allow\n").code()).isEqualTo(Codes.NETSH_READ_VARIABLE);
    assertThat(error("setlocal EnableDelayedExpansion\n" + add + "name=!n! dir=in action=allow\n").code()).isEqualTo(Codes.NETSH_READ_VARIABLE);
    assertThat(error("if exist x.txt goto skip\n" + add + "name=a dir=in action=allow\n:skip\n").code()).isEqualTo(Codes.NETSH_READ_FLOW);
    assertThat(error(":top\ngoto top\n").code()).isEqualTo(Codes.NETSH_READ_FLOW);
    assertThat(error("goto nowhere\n").code()).isEqualTo(Codes.NETSH_READ_FLOW);
    assertThat(error("reg add \"HKLM\\SOFTWARE\\Microsoft\\Rpc\\Internet\" /v Ports /t REG_MULTI_SZ /d \"4000 - 4010\" /f\n").code()).isEqualTo(Codes.NETSH_READ_REGISTRY);
    assertThat(error("reg add \"HKLM\\SOFTWARE\\Microsoft\\Rpc\\Internet\" /v Ports /t REG_MULTI_SZ /d 5001-5021 /f\n").code()).isEqualTo(Codes.NETSH_READ_REGISTRY);
    assertThat(error("netsh advfirewall firewall delete rule name=all\n").code()).isEqualTo(Codes.NETSH_READ_DELETE);
    assertThat(error(add + "name=Ab dir=in action=allow\nnetsh advfirewall firewall delete rule name=ab\n").code()).isEqualTo(Codes.NETSH_READ_DELETE);
    assertThat(error("netsh advfirewall firewall delete rule name=a protocol=tcp\n").code()).isEqualTo(Codes.NETSH_READ_DELETE);
  }

  @Test
  void read_addressListItems_eachReadOnItsOwn() {
    WfasRule r = only("netsh advfirewall firewall add rule name=a dir=in action=allow remoteip="
        + "DNS,10.0.0.1,Wins,2001:db8::/32,10.0.0.5-10.0.0.9,::2-::3,10.0.0.2,"
        + "192.168.0.0/255.255.255.0,defaultGateway,1.2.3.4/32\n");
    assertThat(r.remoteAddresses().keywords()).containsExactlyInAnyOrder(
        AddressKeyword.DNS, AddressKeyword.WINS, AddressKeyword.DEFAULT_GATEWAY);
    assertThat(r.remoteAddresses().addresses()).isEqualTo(NetshFixtures.addrs(
        "10.0.0.1-10.0.0.2,10.0.0.5-10.0.0.9,192.168.0.0/24,1.2.3.4,2001:db8::/32,::2-::3"));
  }

  @Test
  void read_addressListItemsNotAddressesOrKeywords_reportedWithTheItem() {
    String add = "netsh advfirewall firewall add rule name=a dir=in action=allow remoteip=";
    // U+0130 and U+017F are equal to 'i' and 's' for String.equalsIgnoreCase, but not keywords.
    for (String item : List.of("w\u0130ns", "dn\u017f", "dns1", "10.0.0.1-", "1.2.3.4/",
        "1.2.3.4/33", "::/0", "10.0.0.9-10.0.0.1", "10.0.0.1-::1", "1.2.3.4/1.2.3.4", "")) {
      for (String list : List.of(item, "10.0.0.1," + item, item + ",10.0.0.1")) {
        Diagnostic d = error(add + list + "\n");
        assertThat(d.code()).as(list).isEqualTo(Codes.NETSH_READ_VALUE);
        assertThat(d.message()).as(list).startsWith("'" + item + "': ");
      }
    }
  }

  @Test
  void read_ruleOnPathsWithAndWithoutDelayedExpansion_readOnEach() {
    // The first path read has delayed expansion off; the other has it on, where '!' is unknown.
    Diagnostic d = error("if exist a.txt (echo a) else (setlocal EnableDelayedExpansion)\n"
        + "netsh advfirewall firewall add rule name=a!b dir=in action=allow\n");
    assertThat(d.code()).isEqualTo(Codes.NETSH_READ_VARIABLE);
  }

  @Test
  void read_warnings_keepTheValue() {
    Result<WfasRuleSet> r = read("s.cmd",
        "netsh advfirewall firewall add rule name=caf\u00e9 dir=in action=allow remoteip=10.1.1.0/24\n"
            + "reg import backup.reg\n"
            + "netsh advfirewall firewall add rule name=b dir=in action=allow || netsh advfirewall firewall add rule name=c dir=in action=allow\n");
    assertThat(r.diagnostics()).extracting(Diagnostic::code).containsExactlyInAnyOrder(
        Codes.NETSH_READ_NON_ASCII, Codes.NETSH_READ_EXTERNAL,
        Codes.NETSH_READ_ON_FAILURE);
    assertThat(r.orElseThrow().rules()).extracting(WfasRule::displayName).containsExactly("caf\u00e9", "b");
    assertThat(r.orElseThrow().rules().get(0).remoteAddresses().addresses())
        .isEqualTo(NetshFixtures.addrs("10.1.1.0/24"));
  }

  @Test
  void read_subnetWithHostBits_isAnErrorAsInThePowerShellReader() {
    // What Windows does with 10.1.1.7/24 is not documented: not read (issue 11 point 8: the
    // readers agree; the PowerShell reader refused it already).
    for (String item : List.of("10.1.1.7/24", "10.2.3.4/255.255.0.0", "2001:db8::1/64")) {
      Diagnostic d = error("netsh advfirewall firewall add rule name=a dir=in action=allow remoteip="
          + item + "\n");
      assertThat(d.code()).as(item).isEqualTo(Codes.NETSH_READ_HOST_BITS);
      assertThat(d.severity()).as(item).isEqualTo(dev.rpcwall.compiler.diag.Severity.ERROR);
      assertThat(d.message()).as(item).startsWith("'" + item + "': host bits");
    }
  }

  @Test
  void read_diagnostic_pointsAtLineAndColumn() {
    Diagnostic d = error("rem x\r\nnetsh advfirewall firewall add rule name=a dir=in action=allow  bogus=1\r\n");
    assertThat(d.span().line()).isEqualTo(2);
    assertThat(d.span().column()).isEqualTo(65);
    assertThat(d.span().source()).isEqualTo("s.cmd");
  }

  @Test
  void read_randomGarbage_neverThrows() {
    String[] pieces = {"netsh", " advfirewall", " firewall", " add", " delete", " rule", " name=",
        "\"", "^", "%", "%%", "!", "&", "&&", "||", "|", "(", ")", "\r\n", "\n", "\r", " ", "if",
        " errorlevel 1", " exist x", " not", " else", "goto ", ":", "::", "rem", "echo", "exit /b 1",
        "reg add", " \"HKLM\\SOFTWARE\\Microsoft\\Rpc\\Internet\"", " /v Ports", " /d", " /t",
        "winmgmt -standalonehost", " dir=in", " action=allow", " remoteip=", "10.0.0.0/8", "::1-::",
        ",", "=", "1-", "localport=", "\u0000", "\u00e9", "\t", ">nul", "2>&1", "<"};
    Seeded.check(qt -> qt.withExamples(2000)
        .forAll(lists().of(integers().between(0, pieces.length - 1)).ofSizeBetween(0, 40))
        .checkAssert(indexes -> {
          StringBuilder b = new StringBuilder();
          indexes.forEach(i -> b.append(pieces[i]));
          Result<WfasRuleSet> r = read("g.cmd", b.toString());
          assertThat(r.value().isPresent() || r.hasErrors()).isTrue();
        }));
  }

  private static final String STATE_LOOP =
      "if exist \"%ProgramData%\\rpcwall\\p\\rules.txt\" for /f \"usebackq delims=\" %%N in"
          + " (\"%ProgramData%\\rpcwall\\p\\rules.txt\") do netsh advfirewall firewall delete rule"
          + " name=\"rpcwall/p/%%N\" >nul 2>&1\r\n";

  @Test
  void read_stateLoopBeforeAdds_deletesNothingReadAndKeepsTheAdds() {
    WfasRuleSet set = ok(STATE_LOOP
        + "netsh advfirewall firewall delete rule name=\"rpcwall/p/a\" >nul 2>&1\r\n"
        + "netsh advfirewall firewall add rule name=\"rpcwall/p/a\" dir=in action=allow\r\n");
    assertThat(set.rules()).extracting(WfasRule::displayName).containsExactly("rpcwall/p/a");
  }

  @Test
  void read_stateLoopAfterAnAdd_mayRemoveItSoNotRead() {
    Diagnostic d = error("netsh advfirewall firewall add rule name=\"rpcwall/p/a\" dir=in action=allow\r\n"
        + STATE_LOOP);
    assertThat(d.code()).isEqualTo(Codes.NETSH_READ_DELETE);
    assertThat(d.span().line()).isEqualTo(2);
    assertThat(error("netsh advfirewall firewall add rule name=a dir=in action=allow\n"
        + "netsh advfirewall firewall delete rule name=%OLD%\n").code()).isEqualTo(Codes.NETSH_READ_DELETE);
  }

  @Test
  void read_loopVariable_onlyInsideItsLoop() {
    // Outside a loop, %%N in a batch file is the text %N.
    assertThat(only("netsh advfirewall firewall add rule name=\"100%%N\" dir=in action=allow\n").displayName())
        .isEqualTo("100%N");
    assertThat(error("for /f %%N in (names.txt) do netsh advfirewall firewall add rule name=%%N dir=in"
        + " action=allow\n").code()).isEqualTo(Codes.NETSH_READ_VARIABLE);
  }

  @Test
  void read_loopBodyWithEffects_dependsOnTheFile() {
    assertThat(error("for /f \"delims=\" %%a in (x.txt) do netsh advfirewall firewall add rule name=a"
        + " dir=in action=allow\n").code()).isEqualTo(Codes.NETSH_READ_FLOW);
    assertThat(error("netsh advfirewall firewall add rule name=a dir=in action=allow\n"
        + "for /f %%a in (x.txt) do (\n  netsh advfirewall firewall delete rule name=a\n)\n").code())
        .isEqualTo(Codes.NETSH_READ_FLOW);
    // A loop body that cannot change anything read is fine, whatever the file holds.
    assertThat(ok("for /f %%a in (x.txt) do (\n  echo %%a\n  netsh advfirewall firewall delete rule name=b\n)\n"
        + "netsh advfirewall firewall add rule name=a dir=in action=allow\n").rules()).hasSize(1);
  }

  @Test
  void read_forForms_otherThanFilesNotRead() {
    assertThat(error("for /f \"usebackq\" %%a in (`netsh advfirewall firewall show rule name=all`) do echo %%a\n")
        .code()).isEqualTo(Codes.NETSH_READ_COMMAND);
    assertThat(error("for /f %%a in ('type x.txt') do echo %%a\n").code()).isEqualTo(Codes.NETSH_READ_COMMAND);
    assertThat(error("for %%a in (1 2) do echo %%a\n").code()).isEqualTo(Codes.NETSH_READ_COMMAND);
    assertThat(error("for /f %%a in (x.txt echo %%a\n").code()).isEqualTo(Codes.NETSH_READ_SYNTAX);
    assertThat(error("for /f x in (x.txt) do echo x\n").code()).isEqualTo(Codes.NETSH_READ_SYNTAX);
  }

  @Test
  void read_stateFileCommands_changeNoRule() {
    WfasRuleSet set = ok("if not defined ProgramData (echo no ProgramData.& exit /b 1)\r\n"
        + "if exist \"%ProgramData%\\rpcwall\\p\" goto ready\r\n"
        + "mkdir \"%ProgramData%\\rpcwall\\p\" || (echo failed& goto fail)\r\n"
        + "icacls \"%ProgramData%\\rpcwall\\p\" /inheritance:r /grant:r *S-1-5-18:(OI)(CI)F >nul || (echo failed& goto fail)\r\n"
        + ":ready\r\n"
        + ">\"%ProgramData%\\rpcwall\\p\\rules.new\" echo allow-tcp-135|| (echo failed& goto fail)\r\n"
        + ">>\"%ProgramData%\\rpcwall\\p\\rules.new\" echo block-tcp-135|| (echo failed& goto fail)\r\n"
        + ">\"%ProgramData%\\rpcwall\\p\\empty.new\" type nul || (echo failed& goto fail)\r\n"
        + "move /y \"%ProgramData%\\rpcwall\\p\\rules.new\" \"%ProgramData%\\rpcwall\\p\\rules.txt\" >nul || (echo failed& goto fail)\r\n"
        + "md other\r\nif exist x.txt del x.txt\r\nrmdir \"%ProgramData%\\rpcwall\\p\" >nul 2>&1\r\nrd other\r\n"
        + "exit /b 0\r\n:fail\r\nexit /b 1\r\n");
    assertThat(set.rules()).isEmpty();
    assertThat(set.rpc().isEmpty()).isTrue();
    assertThat(error("xcopy /y a b\n").code()).isEqualTo(Codes.NETSH_READ_COMMAND);
  }

  private static final String KEY = "HKLM\\SOFTWARE\\rpcwall\\p-0000abcd";

  private static String regLoop(String set) {
    return "for /f \"tokens=2,*\" %%A in (" + set + ") do netsh advfirewall firewall delete rule"
        + " name=\"rpcwall/p-0000abcd/%%B\" >nul 2>&1\r\n";
  }

  @Test
  void read_registryStateLoopBeforeAdds_readLikeAFileLoop() {
    String loop = regLoop(NetshSyntax.stateQuery(KEY + "\\rules"));
    WfasRuleSet set = ok(loop
        + "netsh advfirewall firewall add rule name=\"rpcwall/p-0000abcd/a\" dir=in action=allow\r\n");
    assertThat(set.rules()).extracting(WfasRule::displayName).containsExactly("rpcwall/p-0000abcd/a");
    // After an add, the names it reads could remove the rule: not read, as for a file.
    assertThat(error("netsh advfirewall firewall add rule name=\"rpcwall/p-0000abcd/a\" dir=in"
        + " action=allow\r\n" + loop).code()).isEqualTo(Codes.NETSH_READ_DELETE);
  }

  @Test
  void read_commandLoopsOtherThanTheStateQuery_notRead() {
    for (String set : List.of(
        "'reg query \"HKLM\\SOFTWARE\\other\\x\" 2^>nul ^| findstr /c:\" REG_SZ \"'",
        "'reg query \"" + KEY + "\\rules\" 2^>nul ^| findstr /c:\" REG_SZ \" ^& del x'",
        "'reg query \"" + KEY + "\\rules\" 2^>nul ^| more'",
        "'reg query \"" + KEY + "\\..\\rules\" 2^>nul ^| findstr /c:\" REG_SZ \"'")) {
      assertThat(error(regLoop(set)).code()).as(set).isEqualTo(Codes.NETSH_READ_COMMAND);
    }
  }

  @Test
  void read_registryStateCommands_changeNoRuleNorRpcSetting() {
    WfasRuleSet set = ok("fltmc >nul 2>&1\r\n"
        + "if errorlevel 1 (echo not elevated.& exit /b 1)\r\n"
        + "reg delete \"" + KEY + "\\rules.new\" /f >nul 2>&1\r\n"
        + "reg add \"" + KEY + "\\rules.new\" /f >nul\r\n"
        + "reg add \"" + KEY + "\\rules.new\" /v r0001 /t REG_SZ /d \"a\" /f >nul\r\n"
        + "reg copy \"" + KEY + "\\rules.new\" \"" + KEY + "\\rules\" /s /f >nul\r\n"
        + "reg copy \"HKLM\\SOFTWARE\\Microsoft\\Rpc\\Internet\" \"" + KEY + "\\rpc-backup\" /s /f >nul\r\n"
        + "reg add \"" + KEY + "\" /v RpcSaved /t REG_DWORD /d 1 /f >nul\r\n"
        + "reg query \"" + KEY + "\" /v RpcSaved >nul 2>&1 || reg delete \"" + KEY + "\" /f >nul 2>&1\r\n"
        + "reg add \"HKLM\\SOFTWARE\\Microsoft\\Rpc\\Internet\" /f >nul\r\n");
    assertThat(set.rules()).isEmpty();
    assertThat(set.rpc().isEmpty()).isTrue();
    // fltmc with arguments loads and unloads filter drivers: not read.
    assertThat(error("fltmc unload x\n").code()).isEqualTo(Codes.NETSH_READ_COMMAND);
    // Anything else under HKLM\SOFTWARE is not the state.
    assertThat(error("reg add \"HKLM\\SOFTWARE\\Other\" /v x /d y /f\n").code())
        .isEqualTo(Codes.NETSH_READ_COMMAND);
  }

  @Test
  void read_rpcRestoredFromTheState_readAsNotSetWithAWarning() {
    Result<WfasRuleSet> r = read("s.cmd",
        "reg add \"HKLM\\SOFTWARE\\Microsoft\\Rpc\\Internet\" /v PortsInternetAvailable /t REG_SZ /d Y /f\r\n"
            + "reg copy \"" + KEY + "\\rpc-backup\" \"HKLM\\SOFTWARE\\Microsoft\\Rpc\\Internet\" /s /f >nul\r\n");
    assertThat(r.diagnostics()).extracting(Diagnostic::code).containsExactly(Codes.NETSH_READ_EXTERNAL);
    assertThat(r.orElseThrow().rpc().isEmpty()).isTrue();
  }

  @Test
  void read_emptyFile_emptyRuleSet() {
    assertThat(ok("").rules()).isEmpty();
    assertThat(ok("\r\n\r\n").rpc().isEmpty()).isTrue();
  }

  /**
   * Issue 12 point 6: the apply script's dry run is read as a way through the script that must
   * change nothing; a change in it is a diagnostic at that command, and the script without the
   * argument still reads as the policy.
   */
  @Test
  void read_whatIfSection_readsAsThePolicyAndRefusesAChangeInTheDryRun() {
    var in = NetshFixtures.classicInput();
    String apply = new String(new NetshEmitter().emit(in).get(0).bytes(), java.nio.charset.StandardCharsets.US_ASCII);
    assertThat(apply).contains("if /i \"%~1\"==\"/whatif\" goto whatif\r\n", "\r\n:whatif\r\n");
    var ok = NetshFixtures.read("apply.cmd", apply);
    assertThat(ok.diagnostics()).isEmpty();
    assertThat(NetshFixtures.normalize(ok.orElseThrow()))
        .isEqualTo(NetshFixtures.normalize(in.rules()));

    int at = apply.indexOf("\r\necho netsh advfirewall firewall add rule ");
    assertThat(at).isPositive();
    String tampered = apply.substring(0, at + 2) + apply.substring(at + 2 + "echo ".length());
    var bad = NetshFixtures.read("apply.cmd", tampered);
    assertThat(bad.diagnostics()).extracting(d -> d.code())
        .containsExactly(dev.rpcwall.compiler.diag.Codes.NETSH_READ_FLOW);
    assertThat(bad.diagnostics().get(0).message()).contains("dry run");
    int line = (int) tampered.substring(0, at + 2).chars().filter(c -> c == '\n').count() + 1;
    assertThat(bad.diagnostics().get(0).span().line()).isEqualTo(line);
  }
}
