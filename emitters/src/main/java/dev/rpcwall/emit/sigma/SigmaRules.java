package dev.rpcwall.emit.sigma;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.rpcwall.compiler.diag.Diagnostic;
import dev.rpcwall.compiler.diag.Diagnostics;
import dev.rpcwall.compiler.semantics.AddressSet;
import dev.rpcwall.compiler.semantics.DecisionMap;
import dev.rpcwall.compiler.semantics.PortRange;
import dev.rpcwall.compiler.semantics.PortSet;
import dev.rpcwall.compiler.semantics.PortSlice;
import dev.rpcwall.compiler.semantics.Profile;
import dev.rpcwall.compiler.semantics.Protocol;
import dev.rpcwall.compiler.target.EmittedFile;
import dev.rpcwall.emit.sigma.SigmaEmitter.Kind;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The Sigma target as one call, like the deployment artifacts: check, emit, and the self-check,
 * which reads every file back and proves, port cell by port cell, that each violation and
 * blocked-attempt rule matches exactly the remote addresses the policy blocks there (in each
 * profile of its class), and that the WMI rules match exactly the addresses outside the WMI
 * managers on their ports. Nothing is written unless that holds.
 */
public final class SigmaRules {
  private SigmaRules() {}

  /** The files (empty when there were errors or problems), the diagnostics, self-check problems. */
  public record Output(List<EmittedFile> files, Diagnostics diagnostics, List<String> verificationProblems) {}

  public static Output compile(DecisionMap map, byte[] mainSource, String toolVersion) {
    SigmaInput input = SigmaInput.of(map, sha256(mainSource), toolVersion);
    SigmaEmitter e = new SigmaEmitter();
    Diagnostics d = new Diagnostics();
    e.check(input, d);
    if (d.hasErrors()) {
      return new Output(List.of(), d, List.of());
    }
    List<EmittedFile> files = e.emit(input);
    List<String> problems = verify(input, files);
    return new Output(problems.isEmpty() ? files : List.of(), d, problems);
  }

  /** What {@code check} reports for the sigma target. */
  public static List<Diagnostic> check(DecisionMap map) {
    Diagnostics d = new Diagnostics();
    new SigmaEmitter().check(SigmaInput.of(map, "", "check"), d);
    return d.sorted();
  }

  /** Parses one emitted file (a single YAML document). */
  public static JsonNode read(String text) throws IOException {
    return new YAMLMapper().readTree(text);
  }

  /** Empty when {@code files} are exactly the rules of {@code input} and mean the policy. */
  public static List<String> verify(SigmaInput input, List<EmittedFile> files) {
    List<String> problems = new ArrayList<>();
    List<SigmaEmitter.SigmaFile> expected = SigmaEmitter.files(input);
    if (files.size() != expected.size()) {
      problems.add(files.size() + " files, expected " + expected.size());
      return problems;
    }
    DetectionPlan plan = DetectionPlan.of(input.map());
    int k = 0;
    for (DetectionPlan.ProfileClass c : plan.classes()) {
      for (Kind kind : List.of(Kind.VIOLATION_SECURITY, Kind.VIOLATION_SYSMON, Kind.BLOCKED_SECURITY)) {
        EmittedFile f = files.get(k);
        String purpose = expected.get(k++).purpose();
        JsonNode rule = common(input, f, purpose, problems);
        if (rule != null) {
          checkBlocked(input.map(), plan, c, kind, rule, f.name(), problems);
        }
      }
    }
    if (plan.hasWmiRules()) {
      for (Kind kind : List.of(Kind.WMI_EPM, Kind.WMI_PORT, Kind.WMI_CORRELATION)) {
        EmittedFile f = files.get(k);
        String purpose = expected.get(k++).purpose();
        JsonNode rule = common(input, f, purpose, problems);
        if (rule == null) {
          continue;
        }
        if (!rule.path("name").asText().equals(SigmaEmitter.ruleName(input, kind))) {
          problems.add(f.name() + ": name " + rule.path("name").asText() + ", expected "
              + SigmaEmitter.ruleName(input, kind));
        }
        if (kind == Kind.WMI_CORRELATION) {
          checkCorrelation(input, rule, f.name(), problems);
        } else {
          PortSet ports = kind == Kind.WMI_EPM ? PortSet.of(DetectionPlan.ENDPOINT_MAPPER) : plan.wmiPorts();
          checkCells(rule, kind, ports, p -> plan.wmiOutside(), new TreeSet<>(), f.name(), problems);
        }
      }
    }
    return problems;
  }

  /** Name, parse, and the metadata every rule carries; null (with a problem) when unreadable. */
  private static JsonNode common(SigmaInput input, EmittedFile f, String purpose, List<String> problems) {
    String name = SigmaEmitter.fileName(input, purpose);
    if (!f.name().equals(name)) {
      problems.add("file is named " + f.name() + ", expected " + name);
      return null;
    }
    JsonNode rule;
    try {
      rule = read(f.text());
    } catch (IOException e) {
      problems.add(f.name() + ": not YAML: " + e.getMessage());
      return null;
    }
    if (rule == null || !rule.isObject()) {
      problems.add(f.name() + ": not a YAML map");
      return null;
    }
    String id = SigmaText.ruleId(input.map().policy().name(), purpose).toString();
    if (!id.equals(rule.path("id").asText())) {
      problems.add(f.name() + ": id " + rule.path("id").asText() + ", expected " + id);
    }
    for (String field : List.of("title", "status", "description", "author", "level")) {
      if (!rule.path(field).isTextual() || rule.path(field).asText().isBlank()) {
        problems.add(f.name() + ": no " + field);
      }
    }
    for (String field : List.of("references", "tags", "falsepositives")) {
      if (!rule.path(field).isArray() || rule.path(field).isEmpty()) {
        problems.add(f.name() + ": no " + field + " list");
      }
    }
    if (rule.path("title").asText().length() > 256
        || !rule.path("title").asText().contains(SigmaText.titleName(input.map().policy().name()))) {
      problems.add(f.name() + ": the title does not name the policy");
    }
    return rule;
  }

  private static void checkBlocked(DecisionMap map, DetectionPlan plan, DetectionPlan.ProfileClass c,
      Kind kind, JsonNode rule, String file, List<String> problems) {
    for (Profile p : Profile.values()) {
      if (!c.profiles().contains(p)) {
        continue;
      }
      TreeSet<Integer> cuts = new TreeSet<>();
      for (PortSlice s : map.slices(p, Protocol.TCP)) {
        cuts.add(s.ports().first());
      }
      checkCells(rule, kind, plan.rpcPorts(),
          port -> map.sliceOf(p, Protocol.TCP, port).blocked(), cuts, file + " (" + p.keyword() + ")",
          problems);
    }
  }

  /**
   * Proves the rule's matched remote addresses equal {@code expected(port)} on every port in
   * {@code ports} and are empty elsewhere; and that the rule matches nothing for UDP, the other
   * direction (or an initiated connection) and the other event. The ports are cut where the rule,
   * {@code ports} or {@code cuts} (the decision's slices) change, so one port per cell decides the
   * cell.
   */
  private static void checkCells(JsonNode rule, Kind kind, PortSet ports,
      java.util.function.IntFunction<AddressSet> expected, TreeSet<Integer> cuts, String file,
      List<String> problems) {
    JsonNode detection = rule.get("detection");
    cuts.add(0);
    for (PortRange r : ports.ranges()) {
      cuts.add(r.first());
      cuts.add(r.last() + 1);
    }
    collectNumbers(detection, cuts);
    cuts.removeIf(v -> v < 0 || v > PortRange.MAX_PORT);
    Map<JsonNode, AddressSet> cidrCache = new java.util.IdentityHashMap<>();
    try {
      for (int port : cuts) {
        AddressSet want = ports.contains(port) ? expected.apply(port) : AddressSet.empty();
        AddressSet got = SigmaMatcher.remotes(detection, event(kind, port, true), kind.remoteField(),
            cidrCache);
        if (!got.equals(want)) {
          problems.add(file + ": on port " + port + " the rule matches " + got + ", the policy means "
              + want);
          return;
        }
        for (Map<String, String> other : others(kind, port)) {
          if (!SigmaMatcher.remotes(detection, other, kind.remoteField(), cidrCache).isEmpty()) {
            problems.add(file + ": the rule matches an event it must not: " + other);
            return;
          }
        }
      }
    } catch (SigmaMatcher.Unsupported e) {
      problems.add(file + ": " + e.getMessage());
    }
  }

  /** Every whole number in the detection, and the one after it: where a port condition can change. */
  private static void collectNumbers(JsonNode n, TreeSet<Integer> out) {
    if (n == null) {
      return;
    }
    if (n.isIntegralNumber()) {
      long v = n.asLong();
      if (v >= 0 && v <= PortRange.MAX_PORT + 1) {
        out.add((int) v);
        out.add((int) v + 1);
      }
    }
    n.forEach(c -> collectNumbers(c, out));
  }

  /** The event of {@code kind} at the local {@code port}, with the remote address left open. */
  static Map<String, String> event(Kind kind, int port, boolean inboundTcp) {
    Map<String, String> e = new HashMap<>();
    if (kind.sysmon()) {
      e.put("Initiated", inboundTcp ? "false" : "true");
      e.put("Protocol", "tcp");
    } else {
      e.put("EventID", kind == Kind.BLOCKED_SECURITY ? "5157" : "5156");
      e.put("Direction", inboundTcp ? "%%14592" : "%%14593");
      e.put("Protocol", "6");
    }
    e.put(kind.portField(), Integer.toString(port));
    return e;
  }

  private static List<Map<String, String>> others(Kind kind, int port) {
    List<Map<String, String>> out = new ArrayList<>();
    out.add(event(kind, port, false));
    Map<String, String> udp = event(kind, port, true);
    udp.put("Protocol", kind.sysmon() ? "udp" : "17");
    out.add(udp);
    if (!kind.sysmon()) {
      Map<String, String> other = event(kind, port, true);
      other.put("EventID", kind == Kind.BLOCKED_SECURITY ? "5156" : "5157");
      out.add(other);
    }
    return out;
  }

  private static void checkCorrelation(SigmaInput input, JsonNode rule, String file, List<String> problems) {
    JsonNode c = rule.path("correlation");
    List<String> rules = new ArrayList<>();
    c.path("rules").forEach(r -> rules.add(r.asText()));
    List<String> groupBy = new ArrayList<>();
    c.path("group-by").forEach(r -> groupBy.add(r.asText()));
    if (!c.path("type").asText().equals("temporal_ordered")
        || !rules.equals(List.of(SigmaEmitter.ruleName(input, Kind.WMI_EPM),
            SigmaEmitter.ruleName(input, Kind.WMI_PORT)))
        || !groupBy.contains(Kind.WMI_EPM.remoteField())
        || !c.path("timespan").asText().equals(SigmaEmitter.WMI_TIMESPAN)) {
      problems.add(file + ": the correlation is not the endpoint mapper then the WMI port from one"
          + " address within " + SigmaEmitter.WMI_TIMESPAN);
    }
  }

  static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException ex) {
      throw new IllegalStateException("every Java platform has SHA-256", ex);
    }
  }
}
