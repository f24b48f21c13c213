package dev.rpcwall.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rpcwall.compiler.diag.Severity;
import dev.rpcwall.compiler.host.HostNote;
import dev.rpcwall.compiler.host.InputSummary;
import dev.rpcwall.compiler.lint.Category;
import dev.rpcwall.compiler.lint.Evidence;
import dev.rpcwall.compiler.lint.Finding;
import dev.rpcwall.compiler.source.SourceFile;
import dev.rpcwall.compiler.source.SourceSpan;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The report forms on findings of every severity, with evidence that points at input lines and
 * evidence that points at none (an assumed default), and a finding about the host as a whole.
 */
class LintReportTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String NAME = "hosts/web 1/rules.cmd";
  private static final SourceFile FILE = new SourceFile(NAME,
      "@echo off\r\nnetsh advfirewall firewall add rule name=\"Open RPC\" dir=in action=allow protocol=tcp localport=135\r\n"
          + "netsh advfirewall firewall add rule name=\"Block RPC\" dir=in action=block protocol=tcp localport=135 remoteip=10.0.0.0/8\r\n");

  private static LintReport report() {
    SourceSpan rule2 = new SourceSpan(NAME, 2, 37, 15);
    SourceSpan rule3 = new SourceSpan(NAME, 3, 37, 16);
    Finding exposed = new Finding("RWL0100", Category.RPC_EXPOSED, Severity.ERROR, rule2,
        "tcp/135 is reachable from any address in public",
        List.of(new Evidence("rule \"Open RPC\" allows tcp/135 from any", rule2),
            new Evidence("public: default inbound block (assumed)", SourceSpan.UNKNOWN)),
        "scope the rule to the admin subnet");
    Finding dead = new Finding("RWL0200", Category.DEAD_ALLOW, Severity.WARNING, rule2,
        "\"Open RPC\" is partly overridden by a Block rule",
        List.of(new Evidence("rule \"Block RPC\" blocks 10.0.0.0/8", rule3)), "remove one of them");
    Finding small = new Finding("RWL0300", Category.RPC_RANGE_SMALL, Severity.INFO, SourceSpan.UNKNOWN,
        "the RPC range is Windows' default", List.of(), "pin the range");
    List<LintBaseline.Fingerprinted> fps = LintBaseline.fingerprint(List.of(exposed, dead, small), Map.of(NAME, FILE));
    return new LintReport(List.of(new InputSummary(NAME, "netsh", 2,
        List.of(HostNote.unreadable(new SourceSpan(NAME, 1, 1, 9), "x", "y"),
            HostNote.invalidRule(new SourceSpan(NAME, 1, 1, 9), "x", "y")))), fps, Map.of(NAME, FILE), 0);
  }

  @Test
  void text_saysNoteForInfo_andPrintsEvidenceWithLocations() {
    String text = report().text(Optional.empty());
    assertThat(text).contains(
        NAME + ":2:37: error[RWL0100]: tcp/135 is reachable from any address in public\n"
            + "    netsh advfirewall firewall add rule name=\"Open RPC\" dir=in action=allow protocol=tcp localport=135\n"
            + "                                        ^^^^^^^^^^^^^^^\n"
            + "  evidence: rule \"Open RPC\" allows tcp/135 from any (" + NAME + ":2:37)\n"
            + "  evidence: public: default inbound block (assumed)\n"
            + "  hint: scope the rule to the admin subnet\n");
    assertThat(text).contains("<unknown>: note[RWL0300]: the RPC range is Windows' default\n  hint: pin the range\n");
    assertThat(text).contains(NAME + ": read as netsh, 2 rules, 1 unreadable\n")
        .endsWith("lint: 1 error, 1 warning, 1 note\n");
  }

  @Test
  void json_evidenceIsTextFileLineColumn_andUnknownPlacesAreNull() throws IOException {
    JsonNode doc = JSON.readTree(report().json());
    JsonNode f = doc.get("findings").get(0);
    assertThat(f.get("evidence")).hasSize(2);
    JsonNode e0 = f.get("evidence").get(0);
    assertThat(e0.toString()).isEqualTo(
        "{\"text\":\"rule \\\"Open RPC\\\" allows tcp/135 from any\",\"file\":\"" + NAME + "\",\"line\":2,\"column\":37}");
    JsonNode e1 = f.get("evidence").get(1);
    assertThat(e1.toString()).isEqualTo(
        "{\"text\":\"public: default inbound block (assumed)\",\"file\":null,\"line\":null,\"column\":null}");
    JsonNode note = doc.get("findings").get(2);
    assertThat(note.get("severity").asText()).isEqualTo("note");
    assertThat(note.get("file").isNull()).isTrue();
    assertThat(note.get("line").isNull()).isTrue();
    // files[].unreadable counts the unreadable places only (an invalid rule is a finding of its own).
    assertThat(doc.at("/files/0/unreadable").asInt()).isEqualTo(1);
  }

  @Test
  void sarif_isValid_withRelatedLocations_levels_andAFallbackLocation() throws IOException {
    JsonNode doc = JSON.readTree(report().sarif());
    assertThat(JsonSchemaValidator.sarif().validate(doc)).isEmpty();
    JsonNode results = doc.at("/runs/0/results");
    assertThat(results.get(0).get("level").asText()).isEqualTo("error");
    assertThat(results.get(1).get("level").asText()).isEqualTo("warning");
    assertThat(results.get(2).get("level").asText()).isEqualTo("note");
    // A relative URI with forward slashes, percent-encoded.
    assertThat(results.at("/0/locations/0/physicalLocation/artifactLocation/uri").asText())
        .isEqualTo("hosts/web%201/rules.cmd");
    assertThat(results.at("/0/relatedLocations")).hasSize(1);
    assertThat(results.at("/1/relatedLocations/0/physicalLocation/region/startLine").asInt()).isEqualTo(3);
    // The finding about the whole host is shown at the top of the first input.
    assertThat(results.at("/2/locations/0/physicalLocation/region/startLine").asInt()).isEqualTo(1);
    assertThat(results.at("/2/ruleIndex").asInt()).isEqualTo(2);
    JsonNode rules = doc.at("/runs/0/tool/driver/rules");
    assertThat(rules).hasSize(3);
    assertThat(rules.get(0).get("name").asText()).isEqualTo("RpcExposed");
    assertThat(rules.get(2).at("/defaultConfiguration/level").asText()).isEqualTo("note");
    assertThat(rules.get(1).at("/properties/tags/0").asText()).isEqualTo("dead-allow");
    assertThat(rules.get(1).at("/properties/tags/1").asText()).isEqualTo("security");
    assertThat(rules.get(0).at("/properties/security-severity").asText()).isEqualTo("8.0");
    assertThat(rules.get(2).at("/properties/security-severity").asText()).isEqualTo("2.0");
  }

  @Test
  void uri_isRelativeWithForwardSlashes() {
    assertThat(LintReport.uri("a\\b\\c.reg")).isEqualTo("a/b/c.reg");
    assertThat(LintReport.uri("./x/../y.txt")).isEqualTo("y.txt");
    assertThat(LintReport.uri(java.nio.file.Path.of("").toAbsolutePath().resolve("in/r.csv").toString()))
        .isEqualTo("in/r.csv");
    assertThat(LintReport.uri("/elsewhere/r.csv")).startsWith("file:///");
    assertThat(LintReport.uri("a:b.txt")).isEqualTo("./a:b.txt");
    assertThat(java.net.URI.create(LintReport.uri("a:b.txt")).isAbsolute()).isFalse();
  }
}
