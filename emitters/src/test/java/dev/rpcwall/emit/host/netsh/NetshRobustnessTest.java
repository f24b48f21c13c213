package dev.rpcwall.emit.host.netsh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import dev.rpcwall.compiler.host.HostNote;
import dev.rpcwall.compiler.host.HostReader;
import dev.rpcwall.compiler.host.HostState;
import dev.rpcwall.compiler.source.SourceFile;
import dev.rpcwall.compiler.testing.Seeded;
import dev.rpcwall.emit.host.HostInputs;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The readers never throw and never fall back to their last-resort note (which would mean an
 * exception inside): random bytes, random mixtures of the constructs they read, every prefix of
 * every fixture (a truncated file), and lines of 10 MB.
 */
class NetshRobustnessTest {
  private static final List<HostReader> READERS =
      List.of(new NetshScriptReader(), new ShowRuleReader());

  private static List<HostNote> readAll(String text) {
    List<HostNote> all = new ArrayList<>();
    for (HostReader r : READERS) {
      r.recognise(text);
      List<HostNote> notes = new ArrayList<>();
      r.read(new SourceFile("f.txt", text), new HostState(), notes);
      all.addAll(notes);
    }
    new NetshCommandLineReader().read(text, dev.rpcwall.compiler.source.SourceSpan.at("p.ps1", 3, 5, 0),
        new HostState(), all);
    return all;
  }

  private static void assertNoFallback(List<HostNote> notes) {
    assertThat(notes).noneMatch(n -> n.message().contains("could not be read"));
  }

  @Test
  void randomBytes_neverThrow() {
    Seeded.check(qt -> qt.withExamples(150)
        .forAll(lists().of(integers().between(0, 255)).ofSizeBetween(0, 3000))
        .checkAssert(values -> {
          byte[] bytes = new byte[values.size()];
          for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) (int) values.get(i);
          }
          HostInputs.Result r = new HostInputs(READERS).read(List.of(new HostInputs.Input("r.bin", bytes)));
          assertNoFallback(r.notes());
          assertNoFallback(readAll(new String(bytes, StandardCharsets.ISO_8859_1)));
        }));
  }

  private static final String[] PIECES = {
      "netsh", " advfirewall", " firewall", " add rule", " set rule", " delete rule", " name=\"x y\"",
      " name = x", " dir=in", " dir=out", " action=allow", " action=block", " protocol=tcp",
      " protocol=any", " localport=135", " localport=RPC", " remoteip=10.0.0.0/8", " new",
      " enable=no", " group=\"g\"", " %V%", "%1", "%~2", "%*", " ^", "^\r\n", "\r\n", "\n", "\"",
      "call :a x \"y z\"", ":a", "goto a", "goto :eof", "exit /b", "set V=localport=1",
      "set \"V=1\"", "set /p V=", "(", ")", "if exist x ", "else ", "&", "||", "&&",
      "for /f %%A in (f) do ", "%%A", "shift", " firewall add portopening TCP 1 n",
      " firewall set opmode disable", " set allprofiles state off",
      " set publicprofile firewallpolicy blockinboundalways,allowoutbound",
      "reg add HKLM\\SOFTWARE\\Microsoft\\Rpc\\Internet /v Ports /t REG_MULTI_SZ /d \"1\\02\" /f",
      "reg delete HKLM\\SOFTWARE\\Microsoft\\Rpc\\Internet /f", "winmgmt -standalonehost",
      "Rule Name:                            r", "-------------------------------------",
      "Enabled:  Yes", "Direction:  In", "Action:  Allow", "LocalPort:  RPC,1-2",
      "RemoteIP:  LocalSubnet,fe80::/64", "Protocol:  ICMPv4", "      Type  Code", "Ok.", " ",
      "!V!", "setlocal enabledelayedexpansion", "%", "=", ",", "\u00e9", "\u0000"};

  @Test
  void mixturesOfConstructs_neverThrow() {
    Seeded.check(qt -> qt.withExamples(3000)
        .forAll(lists().of(integers().between(0, PIECES.length - 1)).ofSizeBetween(0, 60))
        .checkAssert(indexes -> {
          StringBuilder b = new StringBuilder();
          indexes.forEach(i -> b.append(PIECES[i]));
          assertNoFallback(readAll(b.toString()));
        }));
  }

  @Test
  void everyPrefixOfEveryFixture_neverThrows() throws Exception {
    for (Path f : NetshCorpusTest.fixtures()) {
      String text = new String(Files.readAllBytes(f), StandardCharsets.UTF_8);
      // Cut at every line end and its neighbours, and at 300 places in between.
      int step = Math.max(1, text.length() / 300);
      boolean[] nearLineEnd = new boolean[text.length() + 1];
      for (int i = 0; i < text.length(); i++) {
        if (text.charAt(i) == '\n') {
          for (int k = Math.max(0, i - 2); k <= Math.min(text.length(), i + 2); k++) {
            nearLineEnd[k] = true;
          }
        }
      }
      for (int n = 0; n <= text.length(); n++) {
        if (n % step == 0 || nearLineEnd[n] || n == text.length()) {
          assertNoFallback(readAll(text.substring(0, n)));
        }
      }
    }
  }

  @Test
  void tenMegabyteLines_areReadOrReported() {
    StringBuilder list = new StringBuilder(10_500_000);
    for (int i = 0; list.length() < 10_000_000; i++) {
      list.append(i == 0 ? "" : ",").append("10.").append((i >> 16) & 255).append('.')
          .append((i >> 8) & 255).append('.').append(i & 255);
    }
    String rule = "netsh advfirewall firewall add rule name=big dir=in action=allow remoteip=" + list;
    HostState host = new HostState();
    List<HostNote> notes = new ArrayList<>();
    new NetshScriptReader().read(new SourceFile("big.cmd", rule + "\r\n"), host, notes);
    assertNoFallback(notes);
    // More than 1000 addresses: Windows refuses the rule (FASP 2.2.37, windows-semantics.md 1.1).
    assertThat(host.rules()).isEmpty();
    assertThat(notes).anyMatch(n -> n.category().equals(HostNote.INVALID_RULE));

    String junk = "x".repeat(10_000_000);
    assertNoFallback(readAll(junk));
    assertNoFallback(readAll("netsh advfirewall firewall add rule name=\"" + junk + "\" dir=in action=allow"));
    String dump = "Rule Name:                            " + junk + "\n" + "-".repeat(70)
        + "\nEnabled: Yes\nDirection: In\nAction: Allow\n";
    host = new HostState();
    notes = new ArrayList<>();
    new ShowRuleReader().read(new SourceFile("d.txt", dump), host, notes);
    assertNoFallback(notes);
    assertThat(host.rules()).hasSize(1);
    assertThat(host.rules().get(0).rule().displayName()).hasSize(10_000_000);
  }
}
