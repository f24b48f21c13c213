package dev.rpcwall.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/**
 * The test-side JSON Schema validator against the vendored SARIF 2.1.0 schema: it accepts a valid
 * log and rejects each kind of broken one, so "valid" in the lint tests means something.
 */
class SarifSchemaTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static ObjectNode valid() throws IOException {
    return (ObjectNode) JSON.readTree("""
        {"version": "2.1.0",
         "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
         "runs": [{
           "tool": {"driver": {"name": "t", "informationUri": "https://example.org/t",
             "rules": [{"id": "X1", "helpUri": "https://example.org/t#x1",
               "shortDescription": {"text": "s"}, "defaultConfiguration": {"level": "warning"}}]}},
           "results": [{"ruleId": "X1", "level": "error", "message": {"text": "m"},
             "locations": [{"physicalLocation": {"artifactLocation": {"uri": "a/b.txt"},
               "region": {"startLine": 3, "startColumn": 1}}}],
             "partialFingerprints": {"k/v1": "0123"}}]
         }]}
        """);
  }

  private static JsonNode result(ObjectNode doc) {
    return doc.at("/runs/0/results/0");
  }

  @Test
  void aValidLog_passes() throws IOException {
    assertThat(JsonSchemaValidator.sarif().validate(valid())).isEmpty();
    assertThat(JsonSchemaValidator.sarif().validate(JSON.readTree("{\"version\":\"2.1.0\",\"runs\":[]}"))).isEmpty();
  }

  @Test
  void missingRequired_fails() throws IOException {
    ObjectNode doc = valid();
    doc.remove("runs");
    assertThat(JsonSchemaValidator.sarif().validate(doc)).anyMatch(e -> e.contains("missing required property 'runs'"));
    ObjectNode doc2 = valid();
    ((ObjectNode) doc2.at("/runs/0/tool/driver")).remove("name");
    assertThat(JsonSchemaValidator.sarif().validate(doc2)).anyMatch(e -> e.contains("'name'"));
  }

  @Test
  void enumViolation_fails() throws IOException {
    ObjectNode doc = valid();
    doc.put("version", "2.0.0");
    assertThat(JsonSchemaValidator.sarif().validate(doc)).anyMatch(e -> e.startsWith("$.version"));
    ObjectNode doc2 = valid();
    ((ObjectNode) result(doc2)).put("level", "fatal");
    assertThat(JsonSchemaValidator.sarif().validate(doc2)).anyMatch(e -> e.contains("$.runs[0].results[0].level"));
  }

  @Test
  void extraProperty_fails() throws IOException {
    ObjectNode doc = valid();
    doc.put("findings", 1);
    assertThat(JsonSchemaValidator.sarif().validate(doc)).anyMatch(e -> e.contains("'findings' is not allowed"));
  }

  @Test
  void wrongType_andMinimum_fail() throws IOException {
    ObjectNode doc = valid();
    ((ObjectNode) result(doc).at("/locations/0/physicalLocation/region")).put("startLine", 0);
    assertThat(JsonSchemaValidator.sarif().validate(doc)).anyMatch(e -> e.contains("below the minimum"));
    ObjectNode doc2 = valid();
    ((ObjectNode) result(doc2).at("/locations/0/physicalLocation/artifactLocation")).put("uri", 5);
    assertThat(JsonSchemaValidator.sarif().validate(doc2)).anyMatch(e -> e.contains("expected \"string\""));
    ObjectNode doc3 = valid();
    ((ObjectNode) result(doc3).at("/locations/0/physicalLocation/region")).put("startLine", 2.5);
    assertThat(JsonSchemaValidator.sarif().validate(doc3)).anyMatch(e -> e.contains("expected \"integer\""));
  }

  @Test
  void formatUri_mustBeAbsolute() throws IOException {
    ObjectNode doc = valid();
    ((ObjectNode) doc.at("/runs/0/tool/driver/rules/0")).put("helpUri", "docs/lint.md#x1");
    assertThat(JsonSchemaValidator.sarif().validate(doc)).anyMatch(e -> e.contains("not an absolute URI"));
  }

  @Test
  void anyOf_messageNeedsTextOrId() throws IOException {
    ObjectNode doc = valid();
    ((ObjectNode) result(doc).get("message")).remove("text");
    assertThat(JsonSchemaValidator.sarif().validate(doc)).anyMatch(e -> e.contains("anyOf"));
  }

  @Test
  void uniqueItems_andMinItems_andPattern_fail() throws IOException {
    ObjectNode doc = valid();
    ArrayNode locations = (ArrayNode) result(doc).get("locations");
    locations.add(locations.get(0).deepCopy());
    // result.locations is uniqueItems: false in SARIF, so two equal locations are valid ...
    assertThat(JsonSchemaValidator.sarif().validate(doc)).isEmpty();
    // ... while a driver's rules are uniqueItems: true.
    ArrayNode rules = (ArrayNode) doc.at("/runs/0/tool/driver/rules");
    rules.add(rules.get(0).deepCopy());
    assertThat(JsonSchemaValidator.sarif().validate(doc)).anyMatch(e -> e.contains("uniqueItems"));
    ObjectNode doc2 = valid();
    ((ObjectNode) result(doc2)).put("guid", "not-a-guid");
    assertThat(JsonSchemaValidator.sarif().validate(doc2)).anyMatch(e -> e.contains("does not match"));
    ObjectNode doc3 = valid();
    ((ObjectNode) result(doc3)).putArray("fixes").addObject().putArray("artifactChanges");
    assertThat(JsonSchemaValidator.sarif().validate(doc3)).anyMatch(e -> e.contains("at least 1 required"));
  }

  @Test
  void oneOf_exactlyOne() throws IOException {
    JsonSchemaValidator v = new JsonSchemaValidator(JSON.readTree("""
        {"oneOf": [{"required": ["a"]}, {"required": ["b"]}]}"""));
    assertThat(v.validate(JSON.readTree("{\"a\":1}"))).isEmpty();
    assertThat(v.validate(JSON.readTree("{\"a\":1,\"b\":2}"))).anyMatch(e -> e.contains("matches 2 of oneOf"));
    assertThat(v.validate(JSON.readTree("{}"))).anyMatch(e -> e.contains("matches 0 of oneOf"));
  }

  @Test
  void unknownKeyword_isRefused_notSkipped() {
    assertThatThrownBy(() -> new JsonSchemaValidator(JSON.readTree("{\"if\": {}}")))
        .hasMessageContaining("unsupported keyword 'if'");
  }
}
