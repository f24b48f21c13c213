package dev.rpcwall.emit.host.powershell;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rpcwall.compiler.host.CommandLineReader;
import dev.rpcwall.compiler.host.HostNote;
import dev.rpcwall.compiler.host.InputSummary;
import dev.rpcwall.emit.host.HostInputs;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The fixture corpus of hand-written scripts (src/test/resources/host/powershell), each with its
 * expectations inline as comments the reader skips:
 *
 * <pre>
 * # expect rule 'id' LOCAL in allow tcp lport=135 raddr=10.1.1.0/24 @12   (HostRender.rule)
 * # expect profile domain inbound=allow @3 / state=FIREWALL_OFF @3
 * # expect reg Ports REG_MULTI_SZ [5001-5021] @7
 * # expect wmi 24158 @9
 * # expect netsh advfirewall firewall add rule ... @11   (the line handed to the netsh reader)
 * # expect note unreadable 14:5 words the message contains
 * </pre>
 *
 * Rules, profiles, registry values, the WMI port and netsh lines must be exactly the expected ones,
 * in order; notes must be exactly as many as expected, each of that category at that line:column,
 * with a message containing the words given.
 */
class PowerShellHostFixturesTest {
  static final Path DIR = Path.of("src/test/resources/host/powershell");

  /** The netsh reader's stand-in: records each command line it is given. */
  static final class Recorder implements CommandLineReader {
    final List<String> lines = new ArrayList<>();

    @Override
    public void read(String command, dev.rpcwall.compiler.source.SourceSpan at,
        dev.rpcwall.compiler.host.HostState host, List<HostNote> notes) {
      lines.add("netsh " + command + " @" + at.line());
    }
  }

  /** The text of a fixture as HostInputs decodes it (BOM, else UTF-8). */
  static String decode(byte[] bytes) {
    if (bytes.length >= 2 && (bytes[0] & 0xFF) == 0xFF && (bytes[1] & 0xFF) == 0xFE) {
      return new String(bytes, 2, bytes.length - 2, StandardCharsets.UTF_16LE);
    }
    if (bytes.length >= 3 && (bytes[0] & 0xFF) == 0xEF) {
      return new String(bytes, 3, bytes.length - 3, StandardCharsets.UTF_8);
    }
    return new String(bytes, StandardCharsets.UTF_8);
  }

  static List<Path> fixtures() throws IOException {
    try (Stream<Path> s = Files.list(DIR)) {
      return s.filter(p -> p.toString().endsWith(".ps1")).sorted().toList();
    }
  }

  @TestFactory
  Stream<DynamicTest> everyFixtureReadsAsItsExpectationsSay() throws IOException {
    return fixtures().stream()
        .map(p -> DynamicTest.dynamicTest(p.getFileName().toString(), () -> check(p)));
  }

  private static void check(Path p) throws IOException {
    byte[] bytes = Files.readAllBytes(p);
    String text = decode(bytes);
    List<String> expected = new ArrayList<>();
    List<String> expectedNotes = new ArrayList<>();
    for (String line : text.split("\r?\n", -1)) {
      String t = line.strip();
      if (t.startsWith("# expect note ")) {
        expectedNotes.add(t.substring("# expect ".length()));
      } else if (t.startsWith("# expect ")) {
        expected.add(t.substring("# expect ".length()));
      }
    }
    assertThat(expected.size() + expectedNotes.size()).as("%s has expectations", p).isPositive();
    Recorder netsh = new Recorder();
    HostInputs inputs = new HostInputs(List.of(new PowerShellHostReader(netsh)));
    HostInputs.Result result =
        inputs.read(List.of(new HostInputs.Input(p.getFileName().toString(), bytes)));
    InputSummary summary = result.files().get(0);
    assertThat(summary.format()).isEqualTo("powershell");

    List<String> actual = new ArrayList<>(HostRender.lines(result.host()));
    actual.addAll(netsh.lines);
    List<String> expectedAll = new ArrayList<>();
    // Rules first (in creation order), then profiles, registry, wmi, netsh: the render order.
    for (String kind : List.of("rule ", "profile ", "reg ", "wmi ", "netsh ")) {
      expected.stream().filter(e -> e.startsWith(kind)).forEach(expectedAll::add);
    }
    // Notes in file order (a reader may say them in another order, e.g. a value before its key).
    List<String> notes = result.notes().stream()
        .sorted(java.util.Comparator.comparing(HostNote::at))
        .map(HostRender::note).toList();
    assertThat(actual).as("%s: what the host carries (notes: %s)", p.getFileName(), notes)
        .containsExactlyElementsOf(expectedAll);
    assertThat(notes).as("%s: notes", p.getFileName()).hasSameSizeAs(expectedNotes);
    for (int i = 0; i < notes.size(); i++) {
      String[] want = expectedNotes.get(i).split(" ", 4);
      String[] got = notes.get(i).split(" ", 4);
      assertThat(got[1] + " " + got[2]).as("%s note %d: %s", p.getFileName(), i, notes.get(i))
          .isEqualTo(want[1] + " " + want[2]);
      if (want.length > 3) {
        assertThat(got[3]).as("%s note %d", p.getFileName(), i).contains(want[3]);
      }
    }
  }

  @Test
  void theCorpusHasEveryEncodingAndLineEnding() throws IOException {
    boolean utf16 = false;
    boolean bom = false;
    boolean plain = false;
    boolean crlf = false;
    boolean lf = false;
    for (Path p : fixtures()) {
      byte[] b = Files.readAllBytes(p);
      utf16 |= b.length > 2 && (b[0] & 0xFF) == 0xFF && (b[1] & 0xFF) == 0xFE;
      bom |= b.length > 3 && (b[0] & 0xFF) == 0xEF;
      plain |= b.length > 0 && b[0] == '#';
      String t = decode(b);
      crlf |= t.contains("\r\n");
      lf |= t.replace("\r\n", "").contains("\n");
    }
    assertThat(List.of(utf16, bom, plain, crlf, lf)).containsOnly(true);
  }

  private static final byte[] MIXED =
      ("$p = 135\r\nNew-NetFirewallRule -DisplayName x -Protocol TCP -LocalPort $p\r\n"
          + "netsh advfirewall firewall add rule name=y dir=in action=allow\r\n")
          .getBytes(StandardCharsets.UTF_8);

  @Test
  void theStandardInputsReadPowerShell() {
    HostInputs.Result r =
        HostInputs.standard().read(List.of(new HostInputs.Input("a.ps1", MIXED)));
    assertThat(r.files().get(0).format()).isEqualTo("powershell");
    assertThat(r.host().rules()).extracting(h -> h.rule().displayName()).contains("x");
  }

  @Test
  void untilTheNetshReaderIsWiredItsLinesAreReportedAsNotRead() {
    HostInputs.Result r = new HostInputs(List.of(new PowerShellHostReader(
        PowerShellHostReader.NETSH_NOT_WIRED))).read(List.of(new HostInputs.Input("a.ps1", MIXED)));
    assertThat(r.files().get(0).rules()).isEqualTo(1);
    assertThat(r.notes()).extracting(HostRender::note)
        .containsExactly("note unreadable 3:1 netsh command in a PowerShell script");
  }
}
