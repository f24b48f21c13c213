package dev.rpcwall.emit.host.netsh;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rpcwall.compiler.host.HostNote;
import dev.rpcwall.emit.host.HostInputs;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The fixture corpus under {@code src/test/resources/host/netsh}: each file is read through {@link
 * HostInputs#standard()} (decoding and the choice of reader included) and what it leaves on the
 * host must be exactly the lines of its {@code .expect} file ({@link Expectations}). Each text
 * fixture is also read as UTF-8 with a BOM, as UTF-16LE with a BOM, and with its line ends
 * swapped (CRLF for LF and back): the result must not change.
 */
class NetshCorpusTest {
  static final Path DIR = Path.of("src/test/resources/host/netsh");

  static List<Path> fixtures() throws IOException {
    try (Stream<Path> s = Files.list(DIR)) {
      return s.filter(p -> !p.toString().endsWith(".expect"))
          .filter(p -> !p.getFileName().toString().startsWith(".")).sorted().toList();
    }
  }

  @TestFactory
  Stream<DynamicTest> corpus_everyFixture_readsAsItsExpectationSays() throws IOException {
    List<DynamicTest> tests = new ArrayList<>();
    for (Path fixture : fixtures()) {
      byte[] bytes = Files.readAllBytes(fixture);
      List<String> expected = Files.readAllLines(Path.of(fixture + ".expect"), StandardCharsets.UTF_8);
      String name = fixture.getFileName().toString();
      tests.add(DynamicTest.dynamicTest(name, () -> check(name, bytes, expected)));
      if (isUtf8Text(bytes)) {
        String text = new String(bytes, StandardCharsets.UTF_8);
        String swapped = text.contains("\r\n") ? text.replace("\r\n", "\n") : text.replace("\n", "\r\n");
        tests.add(DynamicTest.dynamicTest(name + " (line ends swapped)",
            () -> check(name, swapped.getBytes(StandardCharsets.UTF_8), expected)));
        tests.add(DynamicTest.dynamicTest(name + " (UTF-16LE with BOM)",
            () -> check(name, utf16le(text), expected)));
        tests.add(DynamicTest.dynamicTest(name + " (UTF-8 with BOM)",
            () -> check(name, utf8bom(text), expected)));
      }
    }
    return tests.stream();
  }

  static byte[] utf16le(String text) {
    byte[] body = text.getBytes(StandardCharsets.UTF_16LE);
    byte[] out = new byte[body.length + 2];
    out[0] = (byte) 0xFF;
    out[1] = (byte) 0xFE;
    System.arraycopy(body, 0, out, 2, body.length);
    return out;
  }

  static byte[] utf8bom(String text) {
    byte[] body = text.getBytes(StandardCharsets.UTF_8);
    byte[] out = new byte[body.length + 3];
    out[0] = (byte) 0xEF;
    out[1] = (byte) 0xBB;
    out[2] = (byte) 0xBF;
    System.arraycopy(body, 0, out, 3, body.length);
    return out;
  }

  private static boolean isUtf8Text(byte[] bytes) {
    if (bytes.length >= 2 && ((bytes[0] & 0xFF) == 0xFF || (bytes[0] & 0xFF) == 0xFE)) {
      return false;
    }
    try {
      StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes));
      return true;
    } catch (java.nio.charset.CharacterCodingException e) {
      return false;
    }
  }

  private static void check(String name, byte[] bytes, List<String> expected) {
    HostInputs.Result result = HostInputs.standard().read(List.of(new HostInputs.Input(name, bytes)));
    List<String> want = new ArrayList<>();
    List<String> wantNotes = new ArrayList<>();
    String format = null;
    for (String line : expected) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      if (line.startsWith("format ")) {
        format = line.substring("format ".length());
      } else if (line.startsWith("note ")) {
        wantNotes.add(line);
      } else {
        want.add(line);
      }
    }
    assertThat(result.files().get(0).format()).as("format of " + name).isEqualTo(format);
    List<String> notes = new ArrayList<>();
    for (HostNote n : result.notes()) {
      notes.add(Expectations.note(n));
    }
    assertThat(Expectations.render(result.host())).as("state after " + name + "; notes: " + notes)
        .containsExactlyElementsOf(want);
    assertThat(notes).as("notes of " + name).hasSameSizeAs(wantNotes);
    for (int i = 0; i < notes.size(); i++) {
      assertThat(Expectations.noteMatches(wantNotes.get(i), notes.get(i)))
          .as("note " + i + " of " + name + ": expected " + wantNotes.get(i) + ", got " + notes.get(i))
          .isTrue();
    }
  }
}
