package dev.rpcwall.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.rpcwall.compiler.diag.Diagnostic;
import dev.rpcwall.compiler.diag.Printable;
import dev.rpcwall.compiler.source.SourceSpan;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * JSON output: ordered keys, so the same input always prints the same bytes. Strings are escaped
 * beyond what JSON requires: DEL, the C1 controls, the bidirectional controls and the line
 * separators ({@link Printable#isUnsafe}) are written as {@code \\uXXXX} too, so a JSON document
 * shown on a terminal or in a CI log carries no raw control character; a JSON reader still gets
 * the exact string.
 */
final class Json {
  private static final ObjectMapper MAPPER =
      new ObjectMapper(new JsonFactory().setCharacterEscapes(new ControlEscapes()))
          .enable(SerializationFeature.INDENT_OUTPUT);

  /** Jackson escapes the C0 controls itself; this adds the rest of {@link Printable#isUnsafe}. */
  private static final class ControlEscapes extends CharacterEscapes {
    private static final long serialVersionUID = 1L;
    private final int[] ascii;

    ControlEscapes() {
      ascii = standardAsciiEscapesForJSON();
      ascii[0x7F] = ESCAPE_STANDARD;
    }

    @Override
    public int[] getEscapeCodesForAscii() {
      return ascii;
    }

    @Override
    public SerializableString getEscapeSequence(int ch) {
      // Returning null for an unsafe char would write it raw; ESCAPE_STANDARD is only honoured in
      // the ASCII table, so the \\uXXXX form is spelled out here.
      return Printable.isUnsafe(ch)
          ? new com.fasterxml.jackson.core.io.SerializedString(String.format("\\u%04X", ch))
          : null;
    }
  }

  private Json() {}

  static String write(Object value) {
    try {
      return MAPPER.writeValueAsString(value).replace("\r\n", "\n");
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialize output", e);
    }
  }

  static Map<String, Object> object() {
    return new LinkedHashMap<>();
  }

  static Map<String, Object> diagnostic(Diagnostic d) {
    Map<String, Object> m = object();
    m.put("file", d.span().source());
    m.put("line", d.span().line());
    m.put("column", d.span().column());
    m.put("length", d.span().length());
    m.put("severity", d.severity().label());
    m.put("code", d.code());
    m.put("message", d.message());
    m.put("hint", d.hint().orElse(null));
    return m;
  }

  static Map<String, Object> location(SourceSpan span, String text) {
    Map<String, Object> m = object();
    m.put("file", span.source());
    m.put("line", span.line());
    m.put("column", span.column());
    m.put("text", text);
    return m;
  }
}
