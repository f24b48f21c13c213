package dev.rpcwall.emit.host.powershell;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import dev.rpcwall.compiler.host.HostNote;
import dev.rpcwall.compiler.host.HostState;
import dev.rpcwall.compiler.source.SourceFile;
import dev.rpcwall.compiler.testing.Seeded;
import dev.rpcwall.emit.host.HostInputs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The reader never throws and never stops early on what it cannot read: random bytes, random
 * sequences of PowerShell pieces, every prefix length of the corpus' files, and lines of 10 MB.
 * Its last-resort catch would turn an exception into a note, so these tests fail on that note.
 */
class PowerShellHostRobustnessTest {
  private static final String STOPPED = "the PowerShell reader stopped reading this file";

  private static List<HostNote> read(String name, String text) {
    PowerShellHostReader reader = new PowerShellHostReader(new PowerShellHostFixturesTest.Recorder());
    reader.recognise(text);
    SourceFile file = new SourceFile(name, text);
    List<HostNote> notes = new ArrayList<>();
    reader.read(file, new HostState(), notes);
    for (HostNote n : notes) {
      assertThat(n.message()).as("note %s", n).doesNotStartWith(STOPPED);
      assertThat(n.at().source()).isEqualTo(name);
      assertThat(n.at().line()).isBetween(1, file.lineCount() + 1);
    }
    return notes;
  }

  @Test
  void randomBytesNeverThrow() {
    Seeded.check(qt -> qt.withExamples(300)
        .forAll(lists().of(integers().between(0, 255)).ofSizeBetween(0, 3000))
        .checkAssert(values -> {
          byte[] bytes = new byte[values.size()];
          for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) (int) values.get(i);
          }
          // Through the decoder every input goes through, and as Windows-1252 text directly.
          HostInputs.Result r = new HostInputs(List.of(new PowerShellHostReader(
              new PowerShellHostFixturesTest.Recorder()))).read(
                  List.of(new HostInputs.Input("r.ps1", bytes)));
          assertThat(r.files()).hasSize(1);
          read("r.ps1", new String(bytes, java.nio.charset.Charset.forName("windows-1252")));
        }));
  }

  private static final String[] PIECES = {
    "New-NetFirewallRule", "Set-NetFirewallRule", "Remove-NetFirewallRule", "Enable-NetFirewallRule",
    "Get-NetFirewallRule", "Set-NetFirewallProfile", "Set-ItemProperty", "New-ItemProperty",
    "Remove-ItemProperty", "winmgmt", "netsh", "foreach", "if", "else", "try", "catch", "function",
    "param", " -Name ", " -DisplayName ", " -LocalPort ", " -RemoteAddress ", " -Protocol ",
    " -Profile ", " -PolicyStore ", " -GPOSession ", " -Group ", " -Enabled ", " -Action ",
    " -Path ", " -Value ", " -PropertyType ", " -P", " -All", " TCP", " Any", " 135", " 70000",
    " 10.0.0.0/8", " HKLM:\\SOFTWARE\\Microsoft\\Rpc\\Internet", " 'x'", " 'it''s", "\"a $x b\"",
    "\"", "'", "`", "`\n", "\n", "\r\n", " ", ";", "|", "(", ")", "{", "}", "@(", "@{", "$(",
    "$x", "$y", " = ", ",", "@x", "#", "<#", "#>", "[string]", "$true", "-not", " -eq ", " in ",
    "@'", "'@", "\u2019", "\uFEFF", "\u0000", "1..3", "$env:X", "${a"
  };

  @Test
  void randomPiecesOfPowerShellNeverThrow() {
    Seeded.check(qt -> qt.withExamples(2000)
        .forAll(lists().of(integers().between(0, PIECES.length - 1)).ofSizeBetween(0, 60))
        .checkAssert(indexes -> {
          StringBuilder b = new StringBuilder();
          indexes.forEach(i -> b.append(PIECES[i]));
          read("p.ps1", b.toString());
        }));
  }

  @Test
  void everyPrefixOfTheCorpusReads() throws IOException {
    List<Path> files = new ArrayList<>(PowerShellHostFixturesTest.fixtures());
    files.addAll(EmittedScriptsReadBackTest.scripts().subList(0, 2));
    for (Path p : files) {
      byte[] bytes = Files.readAllBytes(p);
      String text = PowerShellHostFixturesTest.decode(bytes);
      int step = Math.max(1, text.length() / 400);
      for (int end = 0; end <= text.length(); end += step) {
        read(p.getFileName().toString(), text.substring(0, end));
      }
      // Cut as bytes too (half a UTF-16 unit, half a UTF-8 sequence), through the decoder.
      HostInputs inputs = new HostInputs(List.of(new PowerShellHostReader(
          new PowerShellHostFixturesTest.Recorder())));
      for (int end = 0; end <= bytes.length; end += Math.max(1, bytes.length / 97)) {
        HostInputs.Result r = inputs.read(List.of(new HostInputs.Input("cut.ps1",
            java.util.Arrays.copyOf(bytes, end))));
        assertThat(r.notes()).noneMatch(n -> n.message().startsWith(STOPPED));
      }
    }
  }

  @Test
  void linesOfTenMegabytesRead() {
    int size = 10 * 1024 * 1024;
    StringBuilder addresses = new StringBuilder(
        "New-NetFirewallRule -DisplayName big -Protocol TCP -LocalPort 135 -RemoteAddress ");
    for (int i = 0; addresses.length() < size; i++) {
      addresses.append(i == 0 ? "" : ",").append("10.").append((i >> 16) & 255).append('.')
          .append((i >> 8) & 255).append('.').append(i & 255);
    }
    List<HostNote> notes = read("a.ps1", addresses.toString());
    // Windows takes at most so many addresses in one rule: the rule is refused, and said so.
    assertThat(notes).extracting(HostNote::category).contains(HostNote.INVALID_RULE);

    read("w.ps1", "# " + "w".repeat(size) + "\nNew-NetFirewallRule -DisplayName x");
    read("s.ps1", "$x = '" + "s".repeat(size) + "'\nNew-NetFirewallRule -DisplayName $x");
    read("q.ps1", "New-NetFirewallRule -DisplayName \"" + "$a".repeat(size / 2));
    // Lines that are one token per character: 1 MB is enough to show they are read linearly.
    read("b.ps1", "(".repeat(size / 10));
    read("c.ps1", "`".repeat(size / 10));
    read("l.ps1", "$l = " + "'a',".repeat(size / 4) + "'b'\nforeach ($i in $l) { $j = $i }");
  }

  @Test
  void theStandardInputsChooseThisReaderForPowerShellOnly() {
    PowerShellHostReader reader = new PowerShellHostReader(PowerShellHostReader.NETSH_NOT_WIRED);
    assertThat(reader.recognise("netsh advfirewall firewall add rule name=x dir=in\r\n"))
        .isZero();
    assertThat(reader.recognise("Windows Registry Editor Version 5.00\r\n")).isZero();
    assertThat(reader.recognise("$x = 1\nnetsh advfirewall firewall add rule name=x\n"))
        .isPositive();
    assertThat(reader.recognise("set-netfirewallprofile -all -enabled false")).isEqualTo(85);
  }
}
