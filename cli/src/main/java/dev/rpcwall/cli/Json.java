package dev.rpcwall.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.rpcwall.compiler.diag.Diagnostic;
import dev.rpcwall.compiler.source.SourceSpan;
import java.util.LinkedHashMap;
import java.util.Map;

/** JSON output: ordered keys, so the same input always prints the same bytes. */
final class Json {
  private static final ObjectMapper MAPPER =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

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
