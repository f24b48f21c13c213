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
