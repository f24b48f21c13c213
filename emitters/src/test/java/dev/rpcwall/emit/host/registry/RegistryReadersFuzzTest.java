package dev.rpcwall.emit.host.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.rpcwall.compiler.host.HostNote;
import dev.rpcwall.compiler.host.HostReader;
import dev.rpcwall.compiler.host.HostState;
import dev.rpcwall.compiler.source.SourceFile;
import dev.rpcwall.compiler.testing.Seeded;
import dev.rpcwall.emit.host.HostInputs;
import dev.rpcwall.emit.host.ipsec.LegacyIpsecReader;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.quicktheories.generators.SourceDSL;

/**
 * The registry and legacy IPsec readers never throw: on random bytes, on every fixture cut at
 * random places, on fixtures with random bytes flipped, and on 10 MB lines; every note they give
 * names the file. Failures print the seed.
 */
class RegistryReadersFuzzTest {
  private static final List<HostReader> READERS = List.of(new RegFileReader(),
      new RegQueryReader(), new WfwReader(), LegacyIpsecReader.ipsecpol(),
      LegacyIpsecReader.ipseccmd(), LegacyIpsecReader.netshIpsec());

  private static List<byte[]> fixtures() throws IOException {
    List<byte[]> out = new ArrayList<>();
    for (String dir : new String[] {"registry", "ipsec"}) {
      try (Stream<Path> s = Files.list(Paths.get("src/test/resources/host", dir))) {
        for (Path p : s.sorted().toList()) {
          out.add(Files.readAllBytes(p));
        }
      }
    }
    return out;
  }

  private static void readAll(String text) {
    readWith(text, READERS);
  }

  private static void readWith(String text, List<HostReader> readers) {
    SourceFile file = new SourceFile("fuzz", text);
    for (HostReader r : readers) {
      List<HostNote> notes = new ArrayList<>();
      assertThatCode(() -> r.recognise(text)).doesNotThrowAnyException();
      assertThatCode(() -> r.read(file, new HostState(), notes)).as(r.format())
          .doesNotThrowAnyException();
      for (HostNote n : notes) {
        assertThat(n.at().source()).isEqualTo("fuzz");
      }
    }
  }

  @Test
  void randomBytesCutAndFlippedFixtures() throws IOException {
    List<byte[]> fixtures = fixtures();
    Seeded.check(qt -> qt.withExamples(Integer.getInteger("rpcwall.examples.regfuzz", 60))
        .forAll(SourceDSL.longs().all()).checkAssert(seed -> {
          Random rnd = new Random(seed);
          byte[] base = fixtures.get(rnd.nextInt(fixtures.size()));
          byte[] bytes = switch (rnd.nextInt(3)) {
            case 0 -> {
              byte[] b = new byte[rnd.nextInt(4096)];
              rnd.nextBytes(b);
              yield b;
            }
            case 1 -> java.util.Arrays.copyOf(base, rnd.nextInt(base.length + 1));
            default -> {
              byte[] b = base.clone();
              for (int i = 0; i < 1 + rnd.nextInt(8) && b.length > 0; i++) {
                b[rnd.nextInt(b.length)] = (byte) rnd.nextInt(256);
              }
              yield b;
            }
          };
          // Through the decoder and the readers' choice, and through every reader directly.
          HostInputs.Result r =
              HostInputs.standard().read(List.of(new HostInputs.Input("fuzz", bytes)));
          assertThat(r.files()).hasSize(1);
          readAll(new String(bytes, Charset.forName("windows-1252")));
        }));
  }

  @Test
  void tenMegabyteLines() {
    String big = "A".repeat(10 * 1024 * 1024);
    String key = "[HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Services\\SharedAccess"
        + "\\Parameters\\FirewallPolicy\\FirewallRules]";
    for (String text : new String[] {
        "Windows Registry Editor Version 5.00\r\n" + key + "\r\n\"R\"=\"v2.10|Name=" + big + "|\"\r\n",
        "Windows Registry Editor Version 5.00\r\n" + key + "\r\n\"R\"=\"v2.10|" + big + "\r\n",
        "REGEDIT4\n" + key + "\n\"R\"=hex(7):" + "41,".repeat(1024 * 1024) + "00\n",
        "REGEDIT4\n" + key + "\n\"R\"=hex(7):41,\\\n" + "  41,\\\n".repeat(100_000) + "  00\n",
        "HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Rpc\\Internet\n    Ports    REG_MULTI_SZ    "
            + "1\\0".repeat(1024 * 1024) + "\n",
        big}) {
      // The legacy IPsec readers run the strict readers, seconds on 10 MB: they get their own.
      readWith(text, READERS.subList(0, 3));
    }
    readWith("@echo off\r\nipsecpol -f [*=0:135:TCP] " + big + "\r\n", READERS.subList(3, 5));
    readWith("netsh ipsec static add filter filterlist=L srcaddr=" + big + "\n",
        READERS.subList(5, 6));
  }

  @Test
  void aFloodOfUnreadableLinesGivesAtMostTwoHundredNotesAndACount() {
    String lines = "garbage line\n".repeat(1000);
    List<HostNote> notes = new ArrayList<>();
    new RegQueryReader().read(new SourceFile("q", "HKEY_LOCAL_MACHINE\\X\n" + lines),
        new HostState(), notes);
    assertThat(notes).hasSize(201);
    assertThat(notes.get(200).message()).startsWith("800 more lines");
    assertThat(notes.get(200).at().line()).isEqualTo(202);
    notes.clear();
    new RegFileReader().read(new SourceFile("r", "REGEDIT4\n" + lines), new HostState(), notes);
    assertThat(notes).hasSize(201);
    assertThat(notes.get(200).message()).startsWith("800 more places");
  }

  @Test
  void aRuleWithAHugeNameIsReadWhole() {
    String name = "N".repeat(1_000_000);
    String key = "[HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Services\\SharedAccess"
        + "\\Parameters\\FirewallPolicy\\FirewallRules]";
    HostState host = new HostState();
    List<HostNote> notes = new ArrayList<>();
    new RegFileReader().read(new SourceFile("big.reg", "REGEDIT4\n" + key
        + "\n\"R\"=\"v2.10|Action=Allow|Dir=In|Name=" + name + "|\"\n"), host, notes);
    assertThat(notes).isEmpty();
    assertThat(host.rules()).singleElement()
        .satisfies(r -> assertThat(r.rule().displayName()).hasSize(1_000_000));
  }
}
