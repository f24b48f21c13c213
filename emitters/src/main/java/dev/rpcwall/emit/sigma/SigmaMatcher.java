package dev.rpcwall.emit.sigma;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rpcwall.compiler.semantics.AddressSet;
import dev.rpcwall.compiler.semantics.Cidr;
import dev.rpcwall.compiler.semantics.Ip;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Evaluates a Sigma detection read back from YAML for every value of one field at once: given the
 * other fields of an event, the set of addresses of the remote field that make it match. Only the
 * constructs the Sigma target writes are understood (anything else is an error, so the self-check
 * cannot pass on a rule it does not understand): a condition of selection names, {@code and},
 * {@code or}, {@code not} and parentheses; a selection that is a map (fields ANDed) or a list of
 * maps (ORed); a field's value or list of values (ORed); no modifier (case-insensitive equality, as
 * Sigma matches by default), {@code |gte}, {@code |lte} (numbers), {@code |cidr} (the remote field
 * only).
 */
final class SigmaMatcher {
  private final JsonNode detection;
  private final Map<String, String> event;
  private final String remoteField;

  private final Map<JsonNode, AddressSet> cidrCache;

  private SigmaMatcher(JsonNode detection, Map<String, String> event, String remoteField,
      Map<JsonNode, AddressSet> cidrCache) {
    this.detection = detection;
    this.event = event;
    this.remoteField = remoteField;
    this.cidrCache = cidrCache;
  }

  /** Thrown for a construct outside those listed above. */
  static final class Unsupported extends RuntimeException {
    Unsupported(String message) {
      super(message);
    }
  }

  /**
   * The remote addresses for which {@code detection} matches an event whose other fields are
   * {@code event} (a field missing from it matches nothing).
   */
  static AddressSet remotes(JsonNode detection, Map<String, String> event, String remoteField) {
    return remotes(detection, event, remoteField, new java.util.IdentityHashMap<>());
  }

  /**
   * As above, with the address set of each CIDR list kept in {@code cidrCache} (by node identity)
   * across calls on the same detection: a list of 100,000 blocks is read once, not once per port
   * cell.
   */
  static AddressSet remotes(JsonNode detection, Map<String, String> event, String remoteField,
      Map<JsonNode, AddressSet> cidrCache) {
    if (detection == null || !detection.isObject() || !detection.path("condition").isTextual()) {
      throw new Unsupported("no detection with a condition");
    }
    SigmaMatcher m = new SigmaMatcher(detection, event, remoteField, cidrCache);
    Tokens t = new Tokens(detection.get("condition").asText());
    AddressSet r = m.or(t);
    if (t.peek() != null) {
      throw new Unsupported("unexpected '" + t.peek() + "' in the condition");
    }
    return r;
  }

  private AddressSet or(Tokens t) {
    AddressSet r = and(t);
    while ("or".equals(t.peek())) {
      t.next();
      r = r.union(and(t));
    }
    return r;
  }

  private AddressSet and(Tokens t) {
    AddressSet r = not(t);
    while ("and".equals(t.peek())) {
      t.next();
      r = r.intersect(not(t));
    }
    return r;
  }

  private AddressSet not(Tokens t) {
    String tok = t.next();
    if (tok == null) {
      throw new Unsupported("the condition ends early");
    }
    if (tok.equals("not")) {
      return not(t).complement();
    }
    if (tok.equals("(")) {
      AddressSet r = or(t);
      if (!")".equals(t.next())) {
        throw new Unsupported("missing ')' in the condition");
      }
      return r;
    }
    if (!tok.matches("[A-Za-z_][A-Za-z0-9_]*") || tok.equals("condition") || tok.equals("and")
        || tok.equals("or") || tok.equals("of") || tok.equals("them")) {
      throw new Unsupported("'" + tok + "' in the condition");
    }
    JsonNode sel = detection.get(tok);
    if (sel == null) {
      throw new Unsupported("the condition names '" + tok + "', which the detection does not define");
    }
    return selection(sel);
  }

  private AddressSet selection(JsonNode sel) {
    if (sel.isObject()) {
      return map(sel);
    }
    if (sel.isArray() && sel.size() > 0) {
      AddressSet r = AddressSet.empty();
      for (JsonNode m : sel) {
        if (!m.isObject()) {
          throw new Unsupported("a selection list holds a " + m.getNodeType() + ", not a map");
        }
        r = r.union(map(m));
      }
      return r;
    }
    throw new Unsupported("a selection that is neither a map nor a list of maps");
  }

  private AddressSet map(JsonNode m) {
    if (m.size() == 0) {
      throw new Unsupported("an empty selection map");
    }
    AddressSet r = AddressSet.all();
    for (Iterator<Map.Entry<String, JsonNode>> it = m.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      r = r.intersect(field(e.getKey(), e.getValue()));
    }
    return r;
  }

  private AddressSet field(String key, JsonNode value) {
    String[] parts = key.split("\\|", -1);
    String name = parts[0];
    String modifier = parts.length == 1 ? "" : parts[1];
    if (parts.length > 2 || !List.of("", "gte", "lte", "cidr").contains(modifier)) {
      throw new Unsupported("field '" + key + "': only no modifier, |gte, |lte and |cidr are read");
    }
    List<JsonNode> values = new ArrayList<>();
    if (value.isArray()) {
      value.forEach(values::add);
      if (values.isEmpty()) {
        throw new Unsupported("field '" + key + "' with an empty list");
      }
    } else {
      values.add(value);
    }
    for (JsonNode v : values) {
      if (!v.isValueNode() || v.isNull()) {
        throw new Unsupported("field '" + key + "' with a value that is not a scalar");
      }
    }
    if (name.equals(remoteField)) {
      if (!modifier.equals("cidr")) {
        throw new Unsupported("the remote address field '" + key + "' without |cidr");
      }
      AddressSet cached = cidrCache.get(value);
      if (cached == null) {
        List<dev.rpcwall.compiler.semantics.IpRange> ranges = new ArrayList<>(values.size());
        for (JsonNode v : values) {
          ranges.add(cidr(v.asText()).range());
        }
        cached = AddressSet.of(ranges);
        cidrCache.put(value, cached);
      }
      return cached;
    }
    if (modifier.equals("cidr")) {
      throw new Unsupported("|cidr on '" + name + "', which is not the remote address field");
    }
    String actual = event.get(name);
    if (actual == null) {
      return AddressSet.empty();
    }
    for (JsonNode v : values) {
      if (matches(modifier, v, actual)) {
        return AddressSet.all();
      }
    }
    return AddressSet.empty();
  }

  static boolean matches(String modifier, JsonNode v, String actual) {
    if (modifier.isEmpty()) {
      if (v.isTextual() && (v.asText().contains("*") || v.asText().contains("?"))) {
        throw new Unsupported("wildcard value '" + v.asText() + "'");
      }
      return v.asText().toLowerCase(Locale.ROOT).equals(actual.toLowerCase(Locale.ROOT));
    }
    if (!v.isIntegralNumber()) {
      throw new Unsupported("|" + modifier + " with a value that is not a whole number");
    }
    long bound = v.asLong();
    long n;
    try {
      n = Long.parseLong(actual);
    } catch (NumberFormatException e) {
      return false;
    }
    return modifier.equals("gte") ? n >= bound : n <= bound;
  }

  /** {@code 10.0.0.0/8}, {@code 2001:db8::/32}: base with no host bits, prefix within the family. */
  static Cidr cidr(String text) {
    int slash = text.indexOf('/');
    int digits = slash < 0 ? 0 : text.length() - slash - 1;
    boolean numeric = digits >= 1 && digits <= 3;
    for (int i = slash + 1; numeric && i < text.length(); i++) {
      numeric = text.charAt(i) >= '0' && text.charAt(i) <= '9';
    }
    if (!numeric) {
      throw new Unsupported("'" + text + "' is not address/prefix");
    }
    Optional<Ip> ip = Ip.parse(text.substring(0, slash));
    int prefix = Integer.parseInt(text.substring(slash + 1));
    if (ip.isEmpty() || prefix > ip.get().family().bits()) {
      throw new Unsupported("'" + text + "' is not a CIDR block");
    }
    Cidr c = Cidr.of(ip.get(), prefix);
    if (!c.base().equals(ip.get())) {
      throw new Unsupported("'" + text + "' has host bits set");
    }
    return c;
  }

  /** Condition tokens: names, parentheses. */
  private static final class Tokens {
    private final List<String> list = new ArrayList<>();
    private int i;

    Tokens(String text) {
      for (String s : text.replace("(", " ( ").replace(")", " ) ").trim().split("\\s+")) {
        if (!s.isEmpty()) {
          list.add(s);
        }
      }
    }

    String peek() {
      return i < list.size() ? list.get(i) : null;
    }

    String next() {
      return i < list.size() ? list.get(i++) : null;
    }
  }
}
