package dev.rpcwall.emit.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import dev.rpcwall.compiler.host.HostNote;
import dev.rpcwall.compiler.host.HostReader;
import dev.rpcwall.compiler.host.HostRule;
import dev.rpcwall.compiler.host.HostState;
import dev.rpcwall.compiler.host.HostStore;
import dev.rpcwall.compiler.model.AddressCondition;
import dev.rpcwall.compiler.model.Direction;
import dev.rpcwall.compiler.model.PortCondition;
import dev.rpcwall.compiler.model.RuleAction;
import dev.rpcwall.compiler.model.WfasRule;
import dev.rpcwall.compiler.source.SourceFile;
import dev.rpcwall.compiler.testing.Seeded;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class HostInputsTest {
  private static final String SAMPLE =
      "netsh advfirewall firewall add rule name=\"Caf\u00e9 \u00fcber\" dir=in action=allow\r\n"
          + "rem second line\r\n";

  /** Records the text it was given and counts lines starting with "add". */
  private static final class Recording implements HostReader {
    final List<String> texts = new ArrayList<>();

    @Override
    public String format() {
      return "recording";
    }

    @Override
    public int recognise(String text) {
      return 1;
    }

    @Override
    public void read(SourceFile file, HostState host, List<HostNote> notes) {
      texts.add(file.text());
      for (int line = 1; line <= file.lineCount(); line++) {
        if (file.line(line).startsWith("add")) {
          host.addRule(new HostRule(rule("r" + line), HostStore.LOCAL));
        }
      }
    }
  }

  private static WfasRule rule(String name) {
    return new WfasRule(name, name, Optional.empty(), Optional.empty(), Direction.IN,
        RuleAction.ALLOW, 6, PortCondition.ANY, PortCondition.ANY, AddressCondition.ANY,
        AddressCondition.ANY, Set.of(), true, Optional.empty(), Optional.empty(),
        dev.rpcwall.compiler.source.SourceSpan.UNKNOWN);
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  private static byte[] bytes(int... values) {
    byte[] out = new byte[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = (byte) values[i];
    }
    return out;
  }

  @Test
  void decode_byBom_everyUnicodeEncoding() {
    String expected = SAMPLE;
    assertThat(HostInputs.decode(concat(bytes(0xEF, 0xBB, 0xBF), SAMPLE.getBytes(StandardCharsets.UTF_8))))
        .isEqualTo(expected);
    assertThat(HostInputs.decode(concat(bytes(0xFF, 0xFE), SAMPLE.getBytes(StandardCharsets.UTF_16LE))))
        .isEqualTo(expected);
    assertThat(HostInputs.decode(concat(bytes(0xFE, 0xFF), SAMPLE.getBytes(StandardCharsets.UTF_16BE))))
        .isEqualTo(expected);
    assertThat(HostInputs.decode(SAMPLE.getBytes(StandardCharsets.UTF_8))).isEqualTo(expected);
  }

  @Test
  void decode_utf16WithoutBom_recognisedByZeroBytes() {
    assertThat(HostInputs.decode(SAMPLE.getBytes(StandardCharsets.UTF_16LE))).isEqualTo(SAMPLE);
    assertThat(HostInputs.decode(SAMPLE.getBytes(StandardCharsets.UTF_16BE))).isEqualTo(SAMPLE);
  }

  @Test
  void decode_legacyCodePage_readAsWindows1252() {
    // "Caf\xE9" is not valid UTF-8; 0x80 is the euro sign in Windows-1252.
    assertThat(HostInputs.decode(bytes('C', 'a', 'f', 0xE9, ' ', 0x80))).isEqualTo("Caf\u00e9 \u20ac");
    // Bytes Windows-1252 leaves undefined still decode to something, never an exception.
    assertThat(HostInputs.decode(bytes(0x81, 0x8D, 0x8F, 0x90, 0x9D, 0xFF))).hasSize(6);
  }

  @Test
  void decode_malformedUnderBom_replacedNotThrown() {
    assertThat(HostInputs.decode(bytes(0xEF, 0xBB, 0xBF, 'a', 0xC3))).isEqualTo("a\uFFFD");
    assertThat(HostInputs.decode(bytes(0xFF, 0xFE, 'a', 0, 'b'))).startsWith("a");
    assertThat(HostInputs.decode(bytes(0xFF, 0xFE, 0x00, 0xD8, 'b', 0))).startsWith("\uFFFD");
  }

  @Test
  void decode_doubleBom_andHive() {
    assertThat(HostInputs.decode(concat(bytes(0xEF, 0xBB, 0xBF, 0xEF, 0xBB, 0xBF), bytes('x'))))
        .isEqualTo("x");
    byte[] hive = concat("regf".getBytes(StandardCharsets.US_ASCII), new byte[64]);
    for (int i = 4; i < hive.length; i += 2) {
      hive[i] = 'A';
    }
    assertThat(HostInputs.decode(hive)).startsWith("regf");
  }

  @Test
  void read_lineEnds_normalisedKeepingLineNumbers() {
    String raw = "add a\r\nadd b\rrem c\nadd d\r\n\r\nadd f";
    Recording reader = new Recording();
    HostInputs.Result result =
        new HostInputs(List.of(reader))
            .read(List.of(new HostInputs.Input("x.cmd", raw.getBytes(StandardCharsets.UTF_8))));
    assertThat(reader.texts.get(0)).doesNotContain("\r").isEqualTo("add a\nadd b\nrem c\nadd d\n\nadd f");
    assertThat(new SourceFile("x", reader.texts.get(0)).lineCount())
        .isEqualTo(new SourceFile("x", raw).lineCount());
    assertThat(result.host().rules()).extracting(r -> r.rule().id())
        .containsExactly("r1", "r2", "r4", "r6");
    assertThat(result.files()).singleElement()
        .satisfies(f -> {
          assertThat(f.format()).isEqualTo("recording");
          assertThat(f.rules()).isEqualTo(4);
        });
  }

  @Test
  void read_throwingReader_isAnInternalErrorNoteAndLaterFilesAreRead() {
    HostReader throwing = new HostReader() {
      @Override
      public String format() {
        return "broken";
      }

      @Override
      public int recognise(String text) {
        return text.startsWith("boom") ? 90 : 0;
      }

      @Override
      public void read(SourceFile file, HostState host, List<HostNote> notes) {
        host.addRule(new HostRule(rule("half"), HostStore.LOCAL));
        throw new IllegalStateException("bug");
      }
    };
    Recording recording = new Recording();
    HostInputs.Result result =
        new HostInputs(List.of(throwing, recording))
            .read(
                List.of(
                    new HostInputs.Input("a.txt", "boom".getBytes(StandardCharsets.UTF_8)),
                    new HostInputs.Input("b.txt", "add x".getBytes(StandardCharsets.UTF_8))));
    assertThat(result.notes()).singleElement().satisfies(n -> {
      assertThat(n.category()).isEqualTo(HostNote.UNREADABLE);
      assertThat(n.message()).startsWith("internal error in the broken reader");
      assertThat(n.at().location()).isEqualTo("a.txt:1:1");
    });
    assertThat(result.files()).extracting(f -> f.format()).containsExactly("broken", "recording");
    assertThat(result.files().get(0).rules()).isEqualTo(1);
    assertThat(result.files().get(0).unreadable()).hasSize(1);
    assertThat(result.host().rules()).hasSize(2);
  }

  @Test
  void read_recogniseThrows_readerSkipped() {
    HostReader throwing = new HostReader() {
      @Override
      public String format() {
        return "fragile";
      }

      @Override
      public int recognise(String text) {
        throw new StringIndexOutOfBoundsException();
      }

      @Override
      public void read(SourceFile file, HostState host, List<HostNote> notes) {}
    };
    HostInputs.Result result =
        new HostInputs(List.of(throwing, new Recording()))
            .read(List.of(new HostInputs.Input("a", "add".getBytes(StandardCharsets.UTF_8))));
    assertThat(result.files().get(0).format()).isEqualTo("recording");
    assertThat(result.notes()).extracting(HostNote::message)
        .anySatisfy(m -> assertThat(m).startsWith("internal error in the fragile reader"));
  }

  @Test
  void read_noReader_unknownFormatNote() {
    HostInputs.Result result =
        HostInputs.standard().read(List.of(new HostInputs.Input("a.bin", bytes(1, 2, 3))));
    assertThat(result.files()).singleElement().satisfies(f -> {
      assertThat(f.format()).isIn(HostInputs.UNKNOWN_FORMAT, f.format());
      assertThat(f.file()).isEqualTo("a.bin");
    });
  }

  /** Headers that make each format's reader pick a file, so the fuzz reaches every reader. */
  private static final String[] HEADERS = {
    "netsh advfirewall firewall add rule name=x dir=in action=allow protocol=tcp localport=",
    "@echo off\r\nnetsh advfirewall set allprofiles firewallpolicy ",
    "netsh firewall add portopening TCP ",
    "New-NetFirewallRule -DisplayName 'x' -Direction Inbound -LocalPort ",
    "Rule Name:                            x\r\n----------------------------------------------------------------------\r\nEnabled: ",
    "\"Name\",\"DisplayName\",\"Enabled\",\"Direction\",\"Action\"\r\n\"a\",\"b\",",
    "[\r\n  {\r\n    \"Name\": \"x\", \"Direction\": ",
    "Name                  : x\r\nDisplayName           : ",
    "Windows Registry Editor Version 5.00\r\n\r\n[HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Services\\SharedAccess\\Parameters\\FirewallPolicy\\FirewallRules]\r\n\"x\"=\"v2.10|Action=",
    "REGEDIT4\r\n\r\n[HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Rpc\\Internet]\r\n\"Ports\"=hex(7):",
    "HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Rpc\\Internet\r\n    Ports    REG_MULTI_SZ    ",
    "ipsecpol -w REG -p \"p\" -r \"r\" -f *+0:135:TCP -n ",
    "ipseccmd -w REG -p \"p\" -r \"r\" -f ",
    "netsh ipsec static add filter filterlist=x srcaddr=any dstaddr=me protocol=",
    "regf",
  };

  private static final Charset[] ENCODINGS = {
    StandardCharsets.UTF_8, StandardCharsets.UTF_16LE, StandardCharsets.UTF_16BE,
    Charset.forName("windows-1252"), StandardCharsets.ISO_8859_1,
  };

  /** Every reader of {@link HostInputs#standard()} reads any bytes without throwing. */
  @Test
  void standard_randomAndTruncatedInputs_noReaderThrows() {
    Seeded.check(
        qt ->
            qt.withExamples(150)
                .forAll(longs().all(), integers().between(0, 3))
                .checkAssert(
                    (seed, kind) -> {
                      Random random = new Random(seed);
                      byte[] input = randomInput(random, kind);
                      HostInputs.Result result =
                          HostInputs.standard()
                              .read(List.of(new HostInputs.Input("fuzz.txt", input)));
                      assertNoInternalError(result);
                      assertThat(result.files()).hasSize(1);
                    }));
  }

  @Test
  void standard_tenMegabyteLine_read() {
    for (String header : new String[] {HEADERS[0], HEADERS[3], HEADERS[8], ""}) {
      StringBuilder sb = new StringBuilder(10_000_100).append(header);
      while (sb.length() < 10_000_000) {
        sb.append("135,445,");
      }
      byte[] bytes = sb.toString().getBytes(StandardCharsets.UTF_8);
      HostInputs.Result result =
          HostInputs.standard().read(List.of(new HostInputs.Input("long.txt", bytes)));
      assertNoInternalError(result);
    }
  }

  /** Every Unicode string survives each BOM-marked encoding, line ends aside. */
  @Test
  void decode_randomText_roundTripsUnderEveryBom() {
    Seeded.check(
        qt ->
            qt.withExamples(300)
                .forAll(longs().all())
                .checkAssert(
                    seed -> {
                      Random random = new Random(seed);
                      String text = randomText(random, random.nextInt(200));
                      assertThat(HostInputs.decode(concat(bytes(0xEF, 0xBB, 0xBF), text.getBytes(StandardCharsets.UTF_8)))).isEqualTo(stripBom(text));
                      assertThat(HostInputs.decode(concat(bytes(0xFF, 0xFE), text.getBytes(StandardCharsets.UTF_16LE)))).isEqualTo(stripBom(text));
                      assertThat(HostInputs.decode(concat(bytes(0xFE, 0xFF), text.getBytes(StandardCharsets.UTF_16BE)))).isEqualTo(stripBom(text));
                      String ascii = randomAscii(random, 2 + random.nextInt(200));
                      assertThat(HostInputs.decode(ascii.getBytes(StandardCharsets.UTF_16LE))).isEqualTo(ascii);
                      assertThat(HostInputs.decode(ascii.getBytes(StandardCharsets.UTF_16BE))).isEqualTo(ascii);
                      assertThat(HostInputs.decode(ascii.getBytes(StandardCharsets.UTF_8))).isEqualTo(ascii);
                    }));
  }

  private static String stripBom(String s) {
    return s.startsWith("\uFEFF") ? s.substring(1) : s;
  }

  private static void assertNoInternalError(HostInputs.Result result) {
    assertThat(result.notes())
        .extracting(HostNote::message)
        .noneMatch(m -> m.startsWith(HostInputs.INTERNAL_ERROR));
  }

  /** 0: random bytes; 1: a format header with random text, encoded, truncated; 2: header + bytes; 3: text mutated. */
  private static byte[] randomInput(Random random, int kind) {
    String header = HEADERS[random.nextInt(HEADERS.length)];
    Charset cs = ENCODINGS[random.nextInt(ENCODINGS.length)];
    switch (kind) {
      case 0 -> {
        byte[] b = new byte[random.nextInt(3000)];
        random.nextBytes(b);
        return b;
      }
      case 1 -> {
        byte[] b = (header + randomText(random, random.nextInt(400))).getBytes(cs);
        byte[] withBom = random.nextBoolean() ? concat(bom(cs), b) : b;
        return Arrays.copyOf(withBom, random.nextInt(withBom.length + 1));
      }
      case 2 -> {
        byte[] tail = new byte[random.nextInt(1000)];
        random.nextBytes(tail);
        return concat(header.getBytes(cs), tail);
      }
      default -> {
        byte[] b = (header + randomAscii(random, 300)).getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < 10 && b.length > 0; i++) {
          b[random.nextInt(b.length)] = (byte) random.nextInt(256);
        }
        return b;
      }
    }
  }

  private static byte[] bom(Charset cs) {
    if (cs.equals(StandardCharsets.UTF_8)) {
      return bytes(0xEF, 0xBB, 0xBF);
    }
    if (cs.equals(StandardCharsets.UTF_16LE)) {
      return bytes(0xFF, 0xFE);
    }
    if (cs.equals(StandardCharsets.UTF_16BE)) {
      return bytes(0xFE, 0xFF);
    }
    return new byte[0];
  }

  private static final String PIECES =
      " =\"'`^%$@{}[](),;:|\\/-\t\r\n0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";

  private static String randomAscii(Random random, int length) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < length; i++) {
      sb.append(PIECES.charAt(random.nextInt(PIECES.length())));
    }
    return sb.toString();
  }

  private static String randomText(Random random, int length) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < length; i++) {
      switch (random.nextInt(4)) {
        case 0 -> sb.appendCodePoint(0x80 + random.nextInt(0x700));
        case 1 -> sb.appendCodePoint(0x10000 + random.nextInt(0x1000));
        default -> sb.append(PIECES.charAt(random.nextInt(PIECES.length())));
      }
    }
    return sb.toString();
  }
}
