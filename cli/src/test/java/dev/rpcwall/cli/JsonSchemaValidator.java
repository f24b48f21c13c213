package dev.rpcwall.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A JSON Schema (draft-07) validator for the keywords the SARIF 2.1.0 schema uses: type,
 * properties, required, additionalProperties, items, minItems, uniqueItems, enum, pattern,
 * minimum, maximum, $ref into #/definitions, oneOf, anyOf, and the formats uri, uri-reference and
 * date-time. A keyword it does not know makes it refuse the schema rather than skip the keyword,
 * so a schema it cannot fully check is never reported as passed.
 */
final class JsonSchemaValidator {
  /** Keywords that only annotate (no effect on validity). */
  private static final Set<String> ANNOTATIONS =
      Set.of("$schema", "$id", "id", "title", "description", "default", "definitions");

  private static final Set<String> KNOWN =
      Set.of("type", "properties", "required", "additionalProperties", "items", "minItems",
          "uniqueItems", "enum", "pattern", "minimum", "maximum", "$ref", "oneOf", "anyOf", "format");

  private final JsonNode root;
  private final java.util.Map<String, Pattern> patterns = new java.util.HashMap<>();

  JsonSchemaValidator(JsonNode schema) {
    this.root = schema;
    checkKeywords(schema, "#");
  }

  static JsonSchemaValidator sarif() throws IOException {
    try (InputStream in = JsonSchemaValidator.class.getResourceAsStream("/sarif/sarif-schema-2.1.0.json")) {
      if (in == null) {
        throw new IOException("sarif-schema-2.1.0.json is not on the test class path");
      }
      return new JsonSchemaValidator(new ObjectMapper().readTree(in));
    }
  }

  /** Every violation, as {@code path: what}; empty when the document is valid. */
  List<String> validate(JsonNode document) {
    List<String> errors = new ArrayList<>();
    validate(root, document, "$", errors);
    return errors;
  }

  private void checkKeywords(JsonNode schema, String where) {
    if (!schema.isObject()) {
      if (!schema.isBoolean()) {
        throw new IllegalArgumentException(where + ": a schema must be an object or a boolean");
      }
      return;
    }
    Iterator<Map.Entry<String, JsonNode>> it = schema.fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      String k = e.getKey();
      if (!KNOWN.contains(k) && !ANNOTATIONS.contains(k)) {
        throw new IllegalArgumentException(where + ": unsupported keyword '" + k + "'");
      }
      switch (k) {
        case "properties", "definitions" -> {
          Iterator<Map.Entry<String, JsonNode>> sub = e.getValue().fields();
          while (sub.hasNext()) {
            Map.Entry<String, JsonNode> s = sub.next();
            checkKeywords(s.getValue(), where + "/" + k + "/" + s.getKey());
          }
        }
        case "items", "additionalProperties" -> checkKeywords(e.getValue(), where + "/" + k);
        case "oneOf", "anyOf" -> {
          for (int i = 0; i < e.getValue().size(); i++) {
            checkKeywords(e.getValue().get(i), where + "/" + k + "/" + i);
          }
        }
        case "format" -> {
          String f = e.getValue().asText();
          if (!Set.of("uri", "uri-reference", "date-time").contains(f)) {
            throw new IllegalArgumentException(where + ": unsupported format '" + f + "'");
          }
        }
        case "$ref" -> {
          if (!e.getValue().asText().startsWith("#/definitions/")) {
            throw new IllegalArgumentException(where + ": only #/definitions references are supported");
          }
        }
        default -> { }
      }
    }
  }

  private void validate(JsonNode schema, JsonNode value, String path, List<String> errors) {
    if (schema.isBoolean()) {
      if (!schema.booleanValue()) {
        errors.add(path + ": no value is allowed here");
      }
      return;
    }
    JsonNode ref = schema.get("$ref");
    if (ref != null) {
      String name = ref.asText().substring("#/definitions/".length());
      JsonNode target = root.path("definitions").get(name);
      if (target == null) {
        errors.add(path + ": the schema refers to a missing definition '" + name + "'");
      } else {
        validate(target, value, path, errors);
      }
    }
    JsonNode type = schema.get("type");
    if (type != null) {
      boolean ok = false;
      if (type.isArray()) {
        for (JsonNode t : type) {
          ok |= hasType(value, t.asText());
        }
      } else {
        ok = hasType(value, type.asText());
      }
      if (!ok) {
        errors.add(path + ": expected " + type + ", found " + describe(value));
        return;
      }
    }
    JsonNode enumValues = schema.get("enum");
    if (enumValues != null) {
      boolean found = false;
      for (JsonNode v : enumValues) {
        found |= equal(v, value);
      }
      if (!found) {
        errors.add(path + ": " + value + " is not one of " + enumValues);
      }
    }
    if (value.isObject()) {
      validateObject(schema, value, path, errors);
    }
    if (value.isArray()) {
      validateArray(schema, value, path, errors);
    }
    if (value.isTextual()) {
      validateString(schema, value.textValue(), path, errors);
    }
    if (value.isNumber()) {
      JsonNode min = schema.get("minimum");
      if (min != null && value.decimalValue().compareTo(min.decimalValue()) < 0) {
        errors.add(path + ": " + value + " is below the minimum " + min);
      }
      JsonNode max = schema.get("maximum");
      if (max != null && value.decimalValue().compareTo(max.decimalValue()) > 0) {
        errors.add(path + ": " + value + " is above the maximum " + max);
      }
    }
    JsonNode anyOf = schema.get("anyOf");
    if (anyOf != null) {
      boolean any = false;
      for (JsonNode s : anyOf) {
        List<String> sub = new ArrayList<>();
        validate(s, value, path, sub);
        any |= sub.isEmpty();
      }
      if (!any) {
        errors.add(path + ": matches none of anyOf");
      }
    }
    JsonNode oneOf = schema.get("oneOf");
    if (oneOf != null) {
      int matches = 0;
      for (JsonNode s : oneOf) {
        List<String> sub = new ArrayList<>();
        validate(s, value, path, sub);
        matches += sub.isEmpty() ? 1 : 0;
      }
      if (matches != 1) {
        errors.add(path + ": matches " + matches + " of oneOf (exactly one is required)");
      }
    }
  }

  private void validateObject(JsonNode schema, JsonNode value, String path, List<String> errors) {
    JsonNode required = schema.get("required");
    if (required != null) {
      for (JsonNode r : required) {
        if (!value.has(r.asText())) {
          errors.add(path + ": missing required property '" + r.asText() + "'");
        }
      }
    }
    JsonNode properties = schema.get("properties");
    JsonNode additional = schema.get("additionalProperties");
    Iterator<Map.Entry<String, JsonNode>> it = value.fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      String child = path + "." + e.getKey();
      JsonNode propertySchema = properties == null ? null : properties.get(e.getKey());
      if (propertySchema != null) {
        validate(propertySchema, e.getValue(), child, errors);
      } else if (additional != null) {
        if (additional.isBoolean() && !additional.booleanValue()) {
          errors.add(path + ": property '" + e.getKey() + "' is not allowed");
        } else if (additional.isObject()) {
          validate(additional, e.getValue(), child, errors);
        }
      }
    }
  }

  private void validateArray(JsonNode schema, JsonNode value, String path, List<String> errors) {
    JsonNode minItems = schema.get("minItems");
    if (minItems != null && value.size() < minItems.asInt()) {
      errors.add(path + ": " + value.size() + " items, at least " + minItems.asInt() + " required");
    }
    JsonNode unique = schema.get("uniqueItems");
    if (unique != null && unique.asBoolean()) {
      for (int i = 0; i < value.size(); i++) {
        for (int j = i + 1; j < value.size(); j++) {
          if (equal(value.get(i), value.get(j))) {
            errors.add(path + ": items " + i + " and " + j + " are equal (uniqueItems)");
          }
        }
      }
    }
    JsonNode items = schema.get("items");
    if (items != null) {
      for (int i = 0; i < value.size(); i++) {
        validate(items, value.get(i), path + "[" + i + "]", errors);
      }
    }
  }

  private void validateString(JsonNode schema, String text, String path, List<String> errors) {
    JsonNode pattern = schema.get("pattern");
    if (pattern != null) {
      Pattern p = patterns.computeIfAbsent(pattern.asText(), Pattern::compile);
      if (!p.matcher(text).find()) {
        errors.add(path + ": '" + text + "' does not match " + pattern.asText());
      }
    }
    JsonNode format = schema.get("format");
    if (format != null) {
      switch (format.asText()) {
        case "uri" -> {
          URI u = uri(text);
          if (u == null || !u.isAbsolute()) {
            errors.add(path + ": '" + text + "' is not an absolute URI");
          }
        }
        case "uri-reference" -> {
          if (uri(text) == null) {
            errors.add(path + ": '" + text + "' is not a URI reference");
          }
        }
        case "date-time" -> {
          try {
            OffsetDateTime.parse(text);
          } catch (DateTimeParseException e) {
            errors.add(path + ": '" + text + "' is not an RFC 3339 date-time");
          }
        }
        default -> errors.add(path + ": unsupported format " + format.asText());
      }
    }
  }

  private static URI uri(String text) {
    try {
      return new URI(text);
    } catch (URISyntaxException e) {
      return null;
    }
  }

  private static boolean hasType(JsonNode v, String type) {
    return switch (type) {
      case "object" -> v.isObject();
      case "array" -> v.isArray();
      case "string" -> v.isTextual();
      case "boolean" -> v.isBoolean();
      case "null" -> v.isNull();
      case "number" -> v.isNumber();
      case "integer" -> v.isIntegralNumber()
          || (v.isNumber() && v.decimalValue().stripTrailingZeros().scale() <= 0);
      default -> throw new IllegalArgumentException("unknown type " + type);
    };
  }

  private static String describe(JsonNode v) {
    return v.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
  }

  /** JSON equality: numbers by value (1 equals 1.0), objects regardless of key order. */
  private static boolean equal(JsonNode a, JsonNode b) {
    if (a.isNumber() && b.isNumber()) {
      return a.decimalValue().compareTo(b.decimalValue()) == 0;
    }
    if (a.isObject() && b.isObject()) {
      if (a.size() != b.size()) {
        return false;
      }
      Set<String> keys = new HashSet<>();
      a.fieldNames().forEachRemaining(keys::add);
      for (String k : keys) {
        if (!b.has(k) || !equal(a.get(k), b.get(k))) {
          return false;
        }
      }
      return true;
    }
    if (a.isArray() && b.isArray()) {
      if (a.size() != b.size()) {
        return false;
      }
      for (int i = 0; i < a.size(); i++) {
        if (!equal(a.get(i), b.get(i))) {
          return false;
        }
      }
      return true;
    }
    return a.equals(b);
  }
}
