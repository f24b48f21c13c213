package dev.rpcwall.emit.sigma;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rpcwall.compiler.Analysis;
import dev.rpcwall.compiler.Compiler;
import dev.rpcwall.compiler.target.EmittedFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The self-check refuses rules that do not mean the policy (each edit below is one a bug could
 * make), the point evaluator agrees with it on hand-made events, and the ids are RFC 4122 version
 * 5 UUIDs that depend on the policy name and the rule's purpose only.
 */
class SigmaSelfCheckTest {
  private static SigmaInput kb() {
    Path root = Path.of(System.getProperty("rpcwall.examples", "../examples")).getParent();
    Analysis a = Compiler.analyze(p -> load(root.resolve(p)), "examples/kb-rpc-5001-5021.rpcwall");
    return SigmaInput.of(a.decisionMap().orElseThrow(), "0", "test");
  }

  private static Optional<byte[]> load(Path p) {
    try {
      return Optional.of(Files.readAllBytes(p));
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  private static List<String> verifyEdited(String file, String from, String to) {
    SigmaInput in = kb();
    List<EmittedFile> files = new ArrayList<>(new SigmaEmitter().emit(in));
    assertThat(SigmaRules.verify(in, files)).isEmpty();
    for (int i = 0; i < files.size(); i++) {
      EmittedFile f = files.get(i);
      if (f.name().endsWith(file)) {
        assertThat(f.text()).contains(from);
        files.set(i, new EmittedFile(f.name(), f.text().replace(from, to), f.lineEnding(), f.charset(), f.bom()));
      }
    }
    return SigmaRules.verify(in, files);
  }

  @Test
  void verify_refusesRulesThatDoNotMeanThePolicy() {
    // a port range one too short, an allowed network one address wider, the wrong event, the
    // remote address in the local field, an id that is not the name-based one, an unknown modifier
    assertThat(verifyEdited("-violation-security.yml", "SourcePort|lte: 5021", "SourcePort|lte: 5020"))
        .anyMatch(p -> p.contains("on port 5021"));
    assertThat(verifyEdited("-violation-sysmon.yml", "'10.1.1.0/24'", "'10.1.0.0/23'")).isNotEmpty();
    assertThat(verifyEdited("-blocked-security.yml", "EventID: 5157", "EventID: 5156")).isNotEmpty();
    assertThat(verifyEdited("-violation-security.yml", "DestAddress|cidr", "SourceAddress|cidr")).isNotEmpty();
    assertThat(verifyEdited("-wmi-port.yml", "SourcePort|gte: 5001", "SourcePort|gte: 5002")).isNotEmpty();
    assertThat(verifyEdited("-wmi-epm.yml", "id: ", "id: 0")).anyMatch(p -> p.contains("id"));
    assertThat(verifyEdited("-violation-security.yml", "SourcePort|gte", "SourcePort|gt")).isNotEmpty();
    assertThat(verifyEdited("-wmi-over-rpc.yml", "timespan: 1m", "timespan: 1h")).isNotEmpty();
    assertThat(verifyEdited("-wmi-epm.yml", "_wmi_epm\n", "_wmi_epn\n")).anyMatch(p -> p.contains("name"));
  }

  @Test
  void longNameWithQuotes_titleWithinTheSchemaLimit_andProved() throws IOException {
    String name = "Ops' \"RPC\" lock-down été " + "x".repeat(300);
    String escaped = name.replace("\\", "\\\\").replace("\"", "\\\"") + "\\u{2028}end";
    byte[] text = ("policy \"" + escaped + "\"\nrpc {\n  dynamic ports 5001-5100\n}\n"
        + "allow 10.0.0.0/8 to endpoint-mapper, rpc-dynamic\nblock any to endpoint-mapper, rpc-dynamic\n")
        .getBytes(StandardCharsets.UTF_8);
    Analysis a = Compiler.analyze(p -> Optional.of(text), "long.rpcwall");
    assertThat(a.hasErrors()).as(a.diagnostics().toString()).isFalse();
    SigmaRules.Output out = SigmaRules.compile(a.decisionMap().orElseThrow(), text, "test");
    assertThat(out.verificationProblems()).isEmpty();
    assertThat(out.files()).isNotEmpty();
    for (EmittedFile f : out.files()) {
      var rule = SigmaRules.read(f.text());
      assertThat(rule.get("title").asText().length()).isLessThanOrEqualTo(256);
      assertThat(rule.get("title").asText()).contains("Ops' \"RPC\" lock-down été xxx");
      // The line separator in the name (YAML 1.1 reads it as a line break) became a space.
      assertThat(rule.get("description").asText()).contains("x end").doesNotContain("\u2028");
      assertThat(f.text()).doesNotContain("\u2028");
    }
  }

  @Test
  void nobodyBlocked_onlyTheWmiRules_withWarningRw2501() {
    // Everyone may reach the endpoint mapper; no rule governs the WMI port, so nobody is blocked
    // and nobody is a WMI manager.
    byte[] text = ("policy \"Allow only\"\nrpc {\n  wmi fixed port 24158\n}\n"
        + "allow any to endpoint-mapper\n").getBytes(StandardCharsets.UTF_8);
    Analysis a = Compiler.analyze(p -> Optional.of(text), "allow.rpcwall");
    assertThat(a.hasErrors()).isFalse();
    SigmaRules.Output out = SigmaRules.compile(a.decisionMap().orElseThrow(), text, "test");
    assertThat(out.verificationProblems()).isEmpty();
    assertThat(out.diagnostics().sorted()).extracting(d -> d.code()).containsExactly("RW2501");
    assertThat(out.files()).extracting(EmittedFile::name)
        .containsExactly("allow-only-wmi-epm.yml", "allow-only-wmi-port.yml", "allow-only-wmi-over-rpc.yml");
  }

  /** One 5156 event: seconds, host, remote address, local port. */
  private record Conn(int second, String host, String remote, int port) {
    Map<String, String> fields() {
      return Map.of("EventID", "5156", "Direction", "%%14592", "Protocol", "6", "Computer", host,
          "DestAddress", remote, "SourcePort", Integer.toString(port));
    }
  }

  /**
   * The correlation as the specification defines temporal_ordered: within {@code timespan}, events
   * of the listed rules in that order with equal group-by values. Read from the emitted files.
   */
  private static boolean fires(Map<String, com.fasterxml.jackson.databind.JsonNode> byName,
      com.fasterxml.jackson.databind.JsonNode correlation, List<Conn> events) {
    var c = correlation.get("correlation");
    List<SigmaEvaluator> steps = new ArrayList<>();
    c.get("rules").forEach(r -> steps.add(new SigmaEvaluator(byName.get(r.asText()).get("detection"))));
    List<String> groupBy = new ArrayList<>();
    c.get("group-by").forEach(g -> groupBy.add(g.asText()));
    String span = c.get("timespan").asText();
    assertThat(span).isEqualTo("1m");
    int seconds = 60;
    for (Conn first : events) {
      if (!steps.get(0).matches(first.fields())) {
        continue;
      }
      for (Conn second : events) {
        boolean sameGroup = groupBy.stream().allMatch(g -> first.fields().get(g).equals(second.fields().get(g)));
        if (sameGroup && second.second() >= first.second() && second.second() - first.second() <= seconds
            && second != first && steps.get(1).matches(second.fields())) {
          return true;
        }
      }
    }
    return false;
  }

  @Test
  void wmiCorrelation_firesOnEndpointMapperThenRangeFromOneOutsider() throws IOException {
    SigmaInput in = kb();
    Map<String, com.fasterxml.jackson.databind.JsonNode> byName = new java.util.HashMap<>();
    com.fasterxml.jackson.databind.JsonNode correlation = null;
    for (EmittedFile f : new SigmaEmitter().emit(in)) {
      var rule = SigmaRules.read(f.text());
      if (rule.has("name")) {
        byName.put(rule.get("name").asText(), rule);
      }
      if (rule.has("correlation")) {
        correlation = rule;
      }
    }
    assertThat(correlation).isNotNull();
    String out = "192.0.2.7";
    String admin = "10.1.1.5";
    assertThat(fires(byName, correlation, List.of(new Conn(0, "A", out, 135), new Conn(5, "A", out, 5001)))).isTrue();
    assertThat(fires(byName, correlation, List.of(new Conn(0, "A", out, 135), new Conn(60, "A", out, 5021)))).isTrue();
    // an admin, the wrong order, too late, another host, another source, a port outside the range
    assertThat(fires(byName, correlation, List.of(new Conn(0, "A", admin, 135), new Conn(5, "A", admin, 5001)))).isFalse();
    assertThat(fires(byName, correlation, List.of(new Conn(5, "A", out, 135), new Conn(0, "A", out, 5001)))).isFalse();
    assertThat(fires(byName, correlation, List.of(new Conn(0, "A", out, 135), new Conn(61, "A", out, 5001)))).isFalse();
    assertThat(fires(byName, correlation, List.of(new Conn(0, "A", out, 135), new Conn(5, "B", out, 5001)))).isFalse();
    assertThat(fires(byName, correlation, List.of(new Conn(0, "A", out, 135), new Conn(5, "A", "192.0.2.8", 5001)))).isFalse();
    assertThat(fires(byName, correlation, List.of(new Conn(0, "A", out, 135), new Conn(5, "A", out, 5022)))).isFalse();
  }

  @Test
  void evaluator_matchesHandMadeEvents() throws IOException {
    SigmaInput in = kb();
    EmittedFile f = new SigmaEmitter().emit(in).stream()
        .filter(x -> x.name().endsWith("-violation-security.yml")).findFirst().orElseThrow();
    SigmaEvaluator ev = new SigmaEvaluator(SigmaRules.read(new String(f.bytes(), StandardCharsets.UTF_8)).get("detection"));
    Map<String, String> base = Map.of("EventID", "5156", "Direction", "%%14592", "Protocol", "6");
    assertThat(ev.matches(with(base, "SourcePort", "135", "DestAddress", "10.1.2.1"))).isTrue();
    assertThat(ev.matches(with(base, "SourcePort", "5021", "DestAddress", "2001:db8::1"))).isTrue();
    assertThat(ev.matches(with(base, "SourcePort", "5022", "DestAddress", "10.1.2.1"))).isFalse();
    assertThat(ev.matches(with(base, "SourcePort", "135", "DestAddress", "10.1.1.255"))).isFalse();
    assertThat(ev.matches(with(base, "SourcePort", "135", "DestAddress", "10.1.2.0"))).isTrue();
    assertThat(ev.matches(Map.of("SourcePort", "135", "DestAddress", "10.1.2.1"))).isFalse();
  }

  private static Map<String, String> with(Map<String, String> base, String... kv) {
    Map<String, String> m = new java.util.HashMap<>(base);
    for (int i = 0; i < kv.length; i += 2) {
      m.put(kv[i], kv[i + 1]);
    }
    return m;
  }

  @Test
  void ids_areVersion5AndDependOnNameAndPurposeOnly() {
    UUID a = SigmaText.ruleId("KB RPC 5001-5021", "violation-security");
    assertThat(a.version()).isEqualTo(5);
    assertThat(a.variant()).isEqualTo(2);
    assertThat(SigmaText.ruleId("KB RPC 5001-5021", "violation-security")).isEqualTo(a);
    assertThat(SigmaText.ruleId("KB RPC 5001-5021", "violation-sysmon")).isNotEqualTo(a);
    assertThat(SigmaText.ruleId("KB RPC 5001-5022", "violation-security")).isNotEqualTo(a);
    // RFC 4122 appendix B's example: the DNS namespace and "www.example.com" (errata 1352) give
    // 2ed6657d-e927-568b-95e1-2665a8aea6a2.
    assertThat(SigmaText.uuid5(UUID.fromString("6ba7b810-9dad-11d1-80b4-00c04fd430c8"), "www.example.com"))
        .isEqualTo(UUID.fromString("2ed6657d-e927-568b-95e1-2665a8aea6a2"));
  }
}
