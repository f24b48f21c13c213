package dev.rpcwall.emit.sigma;

import com.fasterxml.jackson.databind.JsonNode;
import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * A point evaluator of exactly the Sigma constructs the sigma target writes, for tests, written
 * apart from the target's own (set-valued) self-check and using another address library
 * (seancfoley IPAddress): does the rule's detection match this one event? Condition: selection
 * names, {@code and}, {@code or}, {@code not}, parentheses ({@code not} binds tighter than {@code
 * and}, which binds tighter than {@code or}: Sigma rules specification, "Condition"). A selection
 * is a map (fields ANDed) or a list of maps (ORed); a field's list of values is ORed; values match
 * case-insensitively without a modifier, numerically with {@code |gte}/{@code |lte}, as a block
 * with {@code |cidr}. A field missing from the event matches nothing. Anything else throws.
 */
final class SigmaEvaluator {
  private interface Node {
    boolean test(Map<String, String> event);
  }

  private final Node root;

  SigmaEvaluator(JsonNode detection) {
    List<String> tokens = new ArrayList<>();
    for (String s : detection.get("condition").asText().replace("(", " ( ").replace(")", " ) ").trim()
        .split("\\s+")) {
      tokens.add(s);
    }
    int[] at = {0};
    root = or(detection, tokens, at);
    if (at[0] != tokens.size()) {
      throw new IllegalArgumentException("trailing condition tokens " + tokens.subList(at[0], tokens.size()));
    }
  }

  boolean matches(Map<String, String> event) {
    return root.test(event);
  }

  private Node or(JsonNode d, List<String> t, int[] at) {
    Node left = and(d, t, at);
    while (at[0] < t.size() && t.get(at[0]).equals("or")) {
      at[0]++;
      Node l = left;
      Node r = and(d, t, at);
      left = e -> l.test(e) || r.test(e);
    }
    return left;
  }

  private Node and(JsonNode d, List<String> t, int[] at) {
    Node left = unary(d, t, at);
    while (at[0] < t.size() && t.get(at[0]).equals("and")) {
      at[0]++;
      Node l = left;
      Node r = unary(d, t, at);
      left = e -> l.test(e) && r.test(e);
    }
    return left;
  }

  private Node unary(JsonNode d, List<String> t, int[] at) {
    String tok = t.get(at[0]++);
    if (tok.equals("not")) {
      Node n = unary(d, t, at);
      return e -> !n.test(e);
    }
    if (tok.equals("(")) {
      Node n = or(d, t, at);
      if (!t.get(at[0]++).equals(")")) {
        throw new IllegalArgumentException("missing )");
      }
      return n;
    }
    JsonNode sel = d.get(tok);
    if (sel == null || tok.equals("condition")) {
      throw new IllegalArgumentException("unknown selection " + tok);
    }
    if (sel.isArray()) {
      List<Node> maps = new ArrayList<>();
      sel.forEach(m -> maps.add(map(m)));
      return e -> {
        for (Node m : maps) {
          if (m.test(e)) {
            return true;
          }
        }
        return false;
      };
    }
    return map(sel);
  }

  private Node map(JsonNode m) {
    if (!m.isObject()) {
      throw new IllegalArgumentException("not a map: " + m);
    }
    List<Node> fields = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = m.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> f = it.next();
      fields.add(field(f.getKey(), f.getValue()));
    }
    return e -> {
      for (Node f : fields) {
        if (!f.test(e)) {
          return false;
        }
      }
      return true;
    };
  }

  private Node field(String key, JsonNode value) {
    String[] parts = key.split("\\|");
    String name = parts[0];
    String mod = parts.length > 1 ? parts[1] : "";
    List<JsonNode> values = new ArrayList<>();
    if (value.isArray()) {
      value.forEach(values::add);
    } else {
      values.add(value);
    }
    switch (mod) {
      case "" -> {
        List<String> texts = values.stream().map(v -> v.asText()).toList();
        return e -> {
          String v = e.get(name);
          if (v == null) {
            return false;
          }
          for (String t : texts) {
            if (t.equalsIgnoreCase(v)) {
              return true;
            }
          }
          return false;
        };
      }
      case "gte", "lte" -> {
        long bound = values.get(0).asLong();
        boolean gte = mod.equals("gte");
        return e -> {
          String v = e.get(name);
          if (v == null) {
            return false;
          }
          long n = Long.parseLong(v);
          return gte ? n >= bound : n <= bound;
        };
      }
      case "cidr" -> {
        List<IPAddress> blocks = new ArrayList<>();
        for (JsonNode v : values) {
          blocks.add(new IPAddressString(v.asText()).getAddress().toPrefixBlock());
        }
        // Memoized per address: the match of one address never changes.
        Map<String, Boolean> seen = new HashMap<>();
        return e -> {
          String v = e.get(name);
          if (v == null) {
            return false;
          }
          return seen.computeIfAbsent(v, a -> {
            IPAddress ip = new IPAddressString(a).getAddress();
            return blocks.stream().anyMatch(b -> b.getIPVersion() == ip.getIPVersion() && b.contains(ip));
          });
        };
      }
      default -> throw new IllegalArgumentException("modifier " + mod);
    }
  }
}
