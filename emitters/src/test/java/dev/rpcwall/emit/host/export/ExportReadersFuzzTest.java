package dev.rpcwall.emit.host.export;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rpcwall.compiler.host.HostNote;
import dev.rpcwall.compiler.host.HostReader;
import dev.rpcwall.compiler.host.HostState;
import dev.rpcwall.compiler.source.SourceFile;
import dev.rpcwall.compiler.testing.Seeded;
import dev.rpcwall.emit.host.HostInputs;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.SourceDSL;

/**
 * The export readers on text they were not made for: random text built of their own syntax,
 * random bytes, the fixtures mangled and cut anywhere, and lines of 10 MB. Never an exception;
 * every note stands on a line of the file.
 */
class ExportReadersFuzzTest {
  private static final List<HostReader> READERS = List.of(new CsvExportReader(),
      new JsonExportReader(), new FormatListReader(), new FormatTableReader());
  private static final String[] FRAGMENTS = {"\"", "\"\"", ",", ";", "\t", "\n", "\r\n", "\r",
      " : ", ":", "{", "}", "[", "]", "{135, 445...}", "\u2026", "...", "----", " ", "   ",
      "Name", "DisplayName", "Direction", "Action", "Enabled", "Profile", "LocalPort",
      "RemoteAddress", "Protocol", "Inbound", "Outbound", "Allow", "Block", "True", "2", "7",
      "70000", "135-", "10.0.0.0/255.0.0.0", "::1", "fe80::/0", "Any", "RPC", "#TYPE x",
      "$_ | Get-NetFirewallPortFilter", "@{Protocol=TCP}", "System.Object[]", "\\u00", "\\",
      "null", "true", "-1e99", "\uFEFF", "\ud800", "\u0000", "\"Name\": ", "\"Direction\": 1"};

  private static String randomText(Random r) {
    StringBuilder b = new StringBuilder();
    int n = r.nextInt(400);
    for (int i = 0; i < n; i++) {
      b.append(FRAGMENTS[r.nextInt(FRAGMENTS.length)]);
    }
    return b.toString();
  }

  static void readAll(String text) {
    SourceFile file = new SourceFile("f", text);
    for (HostReader reader : READERS) {
      assertThat(reader.recognise(text)).isBetween(0, 100);
      List<HostNote> notes = new ArrayList<>();
      reader.read(file, new HostState(), notes);
      for (HostNote n : notes) {
        assertThat(n.at().line()).as(reader.format() + ": " + n).isBetween(1, file.lineCount());
        assertThat(n.at().column()).as(reader.format() + ": " + n).isPositive();
      }
    }
  }

  @Test
  void randomTextOfTheirSyntax_neverThrows() {
    Gen<Long> seeds = SourceDSL.longs().all();
    Seeded.check(qt -> qt.withExamples(500).forAll(seeds).checkAssert(seed ->
        readAll(randomText(new Random(seed)))));
  }

  @Test
  void randomBytes_neverThrow() {
    Gen<Long> seeds = SourceDSL.longs().all();
    Seeded.check(qt -> qt.withExamples(300).forAll(seeds).checkAssert(seed -> {
      Random r = new Random(seed);
      byte[] bytes = new byte[r.nextInt(3000)];
      r.nextBytes(bytes);
      if (bytes.length > 2 && r.nextBoolean()) {
        bytes[0] = (byte) 0xFF;
        bytes[1] = (byte) 0xFE;
      }
      HostInputs.standard().read(List.of(new HostInputs.Input("b", bytes)));
      readAll(new String(bytes, StandardCharsets.ISO_8859_1));
      readAll(new String(bytes, StandardCharsets.UTF_16LE));
    }));
  }

  @Test
  void fixturesMangledOrCut_neverThrow() {
    List<String> fixtures = new ArrayList<>();
    for (String name : List.of("csv-full-comma.csv", "csv-semicolon-noports.csv",
        "csv-invalid.csv", "csv-raw-cim.csv", "json-numbers.json", "json-strings-depth.json", "json-truncated.json",
        "fl-rules.txt", "fl-show.txt", "ft-autosize.txt", "ft-truncated.txt")) {
      HostInputs.Result r = ExportFixturesTest.read(name);
      assertThat(r.files()).hasSize(1);
      fixtures.add(decode(ExportFixturesTest.bytes(name)));
    }
    Gen<Long> seeds = SourceDSL.longs().all();
    Seeded.check(qt -> qt.withExamples(300).forAll(seeds).checkAssert(seed -> {
      Random r = new Random(seed);
      String text = fixtures.get(r.nextInt(fixtures.size()));
      readAll(text.substring(0, r.nextInt(text.length() + 1)));
      StringBuilder b = new StringBuilder(text);
      for (int i = 1 + r.nextInt(8); i > 0 && b.length() > 0; i--) {
        int at = r.nextInt(b.length());
        switch (r.nextInt(3)) {
          case 0 -> b.deleteCharAt(at);
          case 1 -> b.insert(at, FRAGMENTS[r.nextInt(FRAGMENTS.length)]);
          default -> b.insert(r.nextInt(b.length()), b.substring(at, Math.min(b.length(), at + 60)));
        }
      }
      readAll(b.toString());
    }));
  }

  private static String decode(byte[] bytes) {
    if ((bytes[0] & 0xFF) == 0xFF) {
      return new String(bytes, 2, bytes.length - 2, StandardCharsets.UTF_16LE);
    }
    int start = (bytes[0] & 0xFF) == 0xEF ? 3 : 0;
    return new String(bytes, start, bytes.length - start, StandardCharsets.UTF_8);
  }

  @Test
  void tenMegabyteLines_neverThrow() {
    String big = "a,".repeat(5_000_000);
    List<String> texts = List.of(
        "Name,DisplayName,Direction,Action\n" + big,
        "Name,DisplayName,Direction,Action\n\"" + big,
        "[" + "[".repeat(10_000_000),
        "[{\"Name\": \"" + big,
        "{\"Name\": [" + "1,".repeat(5_000_000),
        "Name        : x\nDisplayName : " + big,
        "Name Direction\n---- ---------\n" + big,
        big);
    for (String text : texts) {
      readAll(text);
    }
  }
}
