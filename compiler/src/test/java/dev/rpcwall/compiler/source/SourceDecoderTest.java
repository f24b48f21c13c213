package dev.rpcwall.compiler.source;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rpcwall.compiler.diag.Diagnostic;
import dev.rpcwall.compiler.diag.Diagnostics;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SourceDecoderTest {

  @Test
  void decode_bomIsSkipped() {
    byte[] bytes = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF, 'a', '\n'};
    Diagnostics d = new Diagnostics();

    assertThat(SourceDecoder.decode("f", bytes, d).text()).isEqualTo("a\n");
    assertThat(d.isEmpty()).isTrue();
  }

  @Test
  void decode_validUtf8_keepsEveryCharacter() {
    String text = "policy \"é ☃ \uD83D\uDE00\"\n";
    Diagnostics d = new Diagnostics();

    assertThat(SourceDecoder.decode("f", text.getBytes(StandardCharsets.UTF_8), d).text())
        .isEqualTo(text);
    assertThat(d.isEmpty()).isTrue();
  }

  @Test
  void decode_invalidUtf8_isDiagnosticAtItsLineAndColumn() {
    byte[] bytes = "ab\ncd\u00e9".getBytes(StandardCharsets.UTF_8);
    byte[] bad = new byte[bytes.length + 2];
    System.arraycopy(bytes, 0, bad, 0, bytes.length);
    bad[bytes.length] = (byte) 0xC3; // truncated two-byte sequence
    bad[bytes.length + 1] = 'x';
    Diagnostics d = new Diagnostics();

    SourceFile f = SourceDecoder.decode("f", bad, d);

    assertThat(f.text()).isEqualTo("ab\ncd\u00e9\uFFFDx");
    assertThat(d.sorted())
        .extracting(Diagnostic::code, x -> x.span().line(), x -> x.span().column())
        .containsExactly(org.assertj.core.groups.Tuple.tuple("RW0007", 2, 4));
  }

  @Test
  void decode_utf16WithBom_isRead_bothByteOrders() {
    String text = "policy \"Windows \u00e9\"\r\nallow any to tcp 135\r\n";
    for (java.nio.charset.Charset cs : java.util.List.of(StandardCharsets.UTF_16LE, StandardCharsets.UTF_16BE)) {
      byte[] body = text.getBytes(cs);
      byte[] bom = cs == StandardCharsets.UTF_16LE ? new byte[] {(byte) 0xFF, (byte) 0xFE} : new byte[] {(byte) 0xFE, (byte) 0xFF};
      byte[] bytes = new byte[body.length + 2];
      System.arraycopy(bom, 0, bytes, 0, 2);
      System.arraycopy(body, 0, bytes, 2, body.length);
      Diagnostics d = new Diagnostics();
      assertThat(SourceDecoder.decode("f", bytes, d).text()).as(cs.name()).isEqualTo(text);
      assertThat(d.isEmpty()).isTrue();
    }
  }

  @Test
  void decode_utf16WithoutBom_saysUtf16NotJustInvalidUtf8() {
    byte[] bytes = "policy \"p\"\n\u00e9".getBytes(StandardCharsets.UTF_16LE);
    Diagnostics d = new Diagnostics();
    SourceDecoder.decode("f", bytes, d);
    Diagnostic only = d.sorted().get(0);
    assertThat(only.message()).contains("UTF-16");
    assertThat(only.hint()).hasValue("UTF-16: save the file as UTF-8");
  }

  @Test
  void decode_loneCrLineEnds_becomeLf_crlfKept() {
    Diagnostics d = new Diagnostics();
    byte[] bytes = "policy \"p\"\rallow 10.0.0.1 to tcp 135\r\nblock any to tcp 135\r".getBytes(StandardCharsets.UTF_8);
    SourceFile f = SourceDecoder.decode("f", bytes, d);
    assertThat(f.text()).isEqualTo("policy \"p\"\nallow 10.0.0.1 to tcp 135\r\nblock any to tcp 135\n");
  }

  @Test
  void analyze_crOnlyFile_reportsTheRightLines() {
    var files = java.util.Map.of("p.rpcwall",
        "policy \"p\"\rallow 10.0.0.1/24 to tcp 135\r".getBytes(StandardCharsets.UTF_8));
    var analysis = dev.rpcwall.compiler.Compiler.analyze(
        path -> java.util.Optional.ofNullable(files.get(path)), "p.rpcwall");
    assertThat(analysis.diagnostics()).anySatisfy(x -> {
      assertThat(x.code()).isEqualTo("RW1031");
      assertThat(x.span().line()).isEqualTo(2);
    });
  }

  @Test
  void bom_encodeThenDetectAndDecode_givesTheTextBack_forEveryMark() {
    String text = "policy \"Caf\u00e9 \u00fc \ud83d\udd12\"\ndefault block\n";
    for (SourceDecoder.Bom bom : SourceDecoder.Bom.values()) {
      byte[] bytes = bom.encode(text);
      assertThat(SourceDecoder.Bom.of(bytes)).as("%s", bom).isEqualTo(bom);
      Diagnostics d = new Diagnostics();
      assertThat(SourceDecoder.decode("p.rpcwall", bytes, d).text()).as("%s", bom).isEqualTo(text);
      assertThat(d.sorted()).isEmpty();
    }
    assertThat(SourceDecoder.Bom.of(new byte[] {(byte) 0xEF, (byte) 0xBB})).isEqualTo(SourceDecoder.Bom.NONE);
    assertThat(SourceDecoder.Bom.of(new byte[0])).isEqualTo(SourceDecoder.Bom.NONE);
  }
}
