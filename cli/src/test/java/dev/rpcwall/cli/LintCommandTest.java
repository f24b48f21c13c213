package dev.rpcwall.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rpcwall.compiler.host.EffectiveHost;
import dev.rpcwall.compiler.host.HostNote;
import dev.rpcwall.compiler.host.HostState;
import dev.rpcwall.compiler.host.Roles;
import dev.rpcwall.compiler.lint.Linter;
import dev.rpcwall.compiler.source.SourceSpan;
import dev.rpcwall.emit.host.HostInputs;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code rpcwall lint}: every option and exit code, on the test fixture format. */
class LintCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  /** The catalog IDs of a reader's notes, as the linter numbers them (the tests do not fix them). */
  private static final String UNREADABLE_ID = idOf(HostNote.unreadable(SourceSpan.UNKNOWN, "m", "h"));
  private static final String INVALID_ID = idOf(HostNote.invalidRule(SourceSpan.UNKNOWN, "m", "h"));

  private static String idOf(HostNote note) {
    String id = Linter.lint(new EffectiveHost(new HostState()), List.of(note), Roles.NONE).get(0).id();
    assertThat(id).matches("RWL\\d{4}");
    return id;
  }

  @TempDir Path dir;
  private Supplier<HostInputs> saved;

  @BeforeEach
  void fixtureReader() {
    saved = LintCommand.inputs;
    LintCommand.inputs = () -> new HostInputs(List.of(new FixtureReader()));
  }

  @AfterEach
  void restore() {
    LintCommand.inputs = saved;
  }

  private String write(String name, String text) throws IOException {
    Path p = dir.resolve(name);
    Files.writeString(p, text, StandardCharsets.UTF_8);
    return p.toString();
  }

  private static final String CLEAN = "#fixture\nallow A 8080\nallow B 8081\n";
  private static final String WARNING = "#fixture\nallow A 8080\nunreadable garbage here\n";
  private static final String ERROR_AND_WARNING =
      "#fixture\nallow A 8080\nunreadable garbage here\ninvalid protocol=any localport=135\n";

  // ------------------------------------------------------------------ exit codes

  @Test
  void noFindings_exit0_andSummary() throws IOException {
    CliRunner.Run r = CliRunner.run("lint", write("clean.txt", CLEAN));
    assertThat(r.exit()).isEqualTo(0);
    assertThat(r.out()).contains("clean.txt: read as fixture, 2 rules\n")
        .endsWith("lint: 0 errors, 0 warnings, 0 notes\n");
  }

  @Test
  void failOn_defaultIsWarning_andEachThresholdDecides() throws IOException {
    String w = write("w.txt", WARNING);
    assertThat(CliRunner.run("lint", w).exit()).isEqualTo(1);
    assertThat(CliRunner.run("lint", w, "--fail-on", "warning").exit()).isEqualTo(1);
    assertThat(CliRunner.run("lint", w, "--fail-on", "note").exit()).isEqualTo(1);
    assertThat(CliRunner.run("lint", w, "--fail-on", "error").exit()).isEqualTo(0);
    String e = write("e.txt", ERROR_AND_WARNING);
    assertThat(CliRunner.run("lint", e, "--fail-on", "error").exit()).isEqualTo(1);
  }

  @Test
  void missingFile_isAUsageError_exit2_andNothingIsLinted() throws IOException {
    String ok = write("w.txt", WARNING);
    String missing = dir.resolve("nope.txt").toString();
    CliRunner.Run r = CliRunner.run("lint", ok, missing, "--format", "json");
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.out()).isEmpty();
    assertThat(r.err()).contains(missing + ": error[RW0902]: cannot read lint input '" + missing + "': no such file")
        .contains("nothing was linted");
  }

  @Test
  void directory_isAUsageError_exit2() {
    CliRunner.Run r = CliRunner.run("lint", dir.toString());
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("error[RW0902]").contains("not a regular file");
  }

  @Test
  void nothingReadable_exit2_butTheReportIsWritten() throws IOException {
    String a = write("a.txt", "hello\n");
    String b = write("b.txt", "\u0000\u0001binary");
    CliRunner.Run r = CliRunner.run("lint", a, b, "--format", "json");
    assertThat(r.exit()).isEqualTo(2);
    JsonNode doc = JSON.readTree(r.out());
    assertThat(doc.get("files")).hasSize(2);
    assertThat(doc.get("files").get(0).get("format").asText()).isEqualTo("unknown");
    assertThat(doc.get("findings").get(0).get("category").asText()).isEqualTo("unreadable");
    assertThat(r.err()).contains("no input is in a format rpcwall reads (2 files)");
  }

  @Test
  void oneReadableFile_isEnough_notExit2() throws IOException {
    CliRunner.Run r = CliRunner.run("lint", write("a.txt", "hello\n"), write("c.txt", CLEAN), "--fail-on", "error");
    // The unknown file is an "unreadable" warning; with --fail-on error that does not fail.
    assertThat(r.exit()).isEqualTo(0);
    assertThat(r.out()).contains("a.txt: read as unknown, 0 rules, 1 unreadable");
  }

  @Test
  void badOptionValues_exit2() throws IOException {
    String w = write("w.txt", WARNING);
    assertThat(CliRunner.run("lint", w, "--format", "xml").exit()).isEqualTo(2);
    assertThat(CliRunner.run("lint", w, "--fail-on", "fatal").exit()).isEqualTo(2);
    assertThat(CliRunner.run("lint").exit()).isEqualTo(2);
  }

  @Test
  void aBugInside_exit3() throws IOException {
    String w = write("w.txt", WARNING);
    LintCommand.inputs = () -> {
      throw new IllegalStateException("boom");
    };
    CliRunner.Run r = CliRunner.run("lint", w);
    assertThat(r.exit()).isEqualTo(3);
    assertThat(r.err()).contains("internal error");
  }

  // ------------------------------------------------------------------ text

  @Test
  void text_isCompilerStyle_withSnippetCaretHintAndSummary() throws IOException {
    String f = write("e.txt", ERROR_AND_WARNING);
    CliRunner.Run r = CliRunner.run("lint", f);
    assertThat(r.out()).contains(
        f + ":3:12: warning[" + UNREADABLE_ID + "]: not understood: garbage here\n"
            + "    unreadable garbage here\n"
            + "               ^^^^^^^^^^^^\n"
            + "  hint: write it as a rule\n"
            + f + ":4:9: error[" + INVALID_ID + "]: Windows refuses: protocol=any localport=135\n"
            + "    invalid protocol=any localport=135\n"
            + "            ^^^^^^^^^^^^^^^^^^^^^^^^^^\n"
            + "  hint: fix the value\n");
    assertThat(r.out()).contains(f + ": read as fixture, 1 rule, 1 unreadable\n")
        .endsWith("lint: 1 error, 1 warning, 0 notes\n");
    assertThat(r.err()).isEmpty();
  }

  // ------------------------------------------------------------------ JSON

  @Test
  void json_isOneDocument_withExactlyTheKeys() throws IOException {
    String f = write("e.txt", ERROR_AND_WARNING);
    CliRunner.Run r = CliRunner.run("lint", f, "--format", "json");
    assertThat(r.exit()).isEqualTo(1);
    JsonNode doc = JSON.readTree(r.out());
    assertThat(names(doc)).containsExactly("files", "findings");
    JsonNode file = doc.get("files").get(0);
    assertThat(names(file)).containsExactly("file", "format", "rules", "unreadable");
    assertThat(file.get("file").asText()).isEqualTo(f);
    assertThat(file.get("format").asText()).isEqualTo("fixture");
    assertThat(file.get("rules").asInt()).isEqualTo(1);
    assertThat(file.get("unreadable").asInt()).isEqualTo(1);
    assertThat(doc.get("findings")).hasSize(2);
    JsonNode first = doc.get("findings").get(0);
    assertThat(names(first)).containsExactly(
        "id", "category", "severity", "file", "line", "column", "message", "evidence", "hint");
    assertThat(first.get("id").asText()).isEqualTo(UNREADABLE_ID);
    assertThat(first.get("category").asText()).isEqualTo("unreadable");
    assertThat(first.get("severity").asText()).isEqualTo("warning");
    assertThat(first.get("file").asText()).isEqualTo(f);
    assertThat(first.get("line").asInt()).isEqualTo(3);
    assertThat(first.get("column").asInt()).isEqualTo(12);
    assertThat(first.get("message").asText()).isEqualTo("not understood: garbage here");
    assertThat(first.get("evidence").isArray()).isTrue();
    assertThat(first.get("hint").asText()).isEqualTo("write it as a rule");
    JsonNode second = doc.get("findings").get(1);
    assertThat(second.get("category").asText()).isEqualTo("invalid-rule");
    assertThat(second.get("severity").asText()).isEqualTo("error");
    // Nothing else on stdout: the summary goes to stderr.
    assertThat(r.out().strip()).startsWith("{").endsWith("}");
    assertThat(r.err()).contains("lint: 1 error, 1 warning, 0 notes");
  }

  private static List<String> names(JsonNode node) {
    List<String> out = new ArrayList<>();
    node.fieldNames().forEachRemaining(out::add);
    return out;
  }

  // ------------------------------------------------------------------ SARIF

  @Test
  void sarif_fromTheCommand_isValidAgainstTheSchema_andLocatesEachFinding() throws IOException {
    String f = write("e.txt", ERROR_AND_WARNING);
    CliRunner.Run r = CliRunner.run("lint", f, "--format", "sarif");
    assertThat(r.exit()).isEqualTo(1);
    JsonNode doc = JSON.readTree(r.out());
    assertThat(JsonSchemaValidator.sarif().validate(doc)).isEmpty();
    JsonNode run = doc.get("runs").get(0);
    assertThat(run.at("/tool/driver/name").asText()).isEqualTo("rpcwall");
    JsonNode rules = run.at("/tool/driver/rules");
    assertThat(rules).hasSize(2);
    JsonNode rule = null;
    for (JsonNode r0 : rules) {
      if (r0.get("id").asText().equals(UNREADABLE_ID)) {
        rule = r0;
      }
    }
    assertThat(rule).as("a rule for %s", UNREADABLE_ID).isNotNull();
    assertThat(rule.at("/help/text").asText()).contains("docs/lint.md#" + UNREADABLE_ID.toLowerCase(java.util.Locale.ROOT));
    assertThat(rule.at("/defaultConfiguration/level").asText()).isEqualTo("warning");
    assertThat(rule.at("/properties/tags/0").asText()).isEqualTo("unreadable");
    JsonNode result = run.get("results").get(1);
    assertThat(result.get("ruleId").asText()).isEqualTo(INVALID_ID);
    assertThat(rules.get(result.get("ruleIndex").asInt()).get("id").asText()).isEqualTo(INVALID_ID);
    assertThat(result.get("level").asText()).isEqualTo("error");
    JsonNode loc = result.at("/locations/0/physicalLocation");
    assertThat(loc.at("/artifactLocation/uri").asText()).isEqualTo(LintReport.uri(f)).doesNotContain("\\");
    assertThat(loc.at("/region/startLine").asInt()).isEqualTo(4);
    assertThat(loc.at("/region/startColumn").asInt()).isEqualTo(9);
    assertThat(result.at("/partialFingerprints/rpcwall~1v1").asText()).matches("[0-9a-f]{32}");
  }

  // ------------------------------------------------------------------ -o

  @Test
  void output_writesTheReportToTheFile_andTheSummaryToStderr() throws IOException {
    String f = write("w.txt", WARNING);
    Path out = dir.resolve("report.sarif");
    CliRunner.Run r = CliRunner.run("lint", f, "--format", "sarif", "-o", out.toString());
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.out()).isEmpty();
    assertThat(r.err()).contains("lint: 0 errors, 1 warning, 0 notes");
    JsonNode doc = JSON.readTree(Files.readString(out));
    assertThat(doc.get("version").asText()).isEqualTo("2.1.0");
    assertThat(doc.at("/runs/0/results")).hasSize(1);
  }

  @Test
  void output_createsItsDirectory_butUnderAFile_exit2() throws IOException {
    String f = write("w.txt", WARNING);
    CliRunner.Run made = CliRunner.run("lint", f, "-o", dir.resolve("out/sub/r.txt").toString());
    assertThat(made.exit()).isEqualTo(1);
    assertThat(Files.readString(dir.resolve("out/sub/r.txt"))).contains("warning[" + UNREADABLE_ID + "]");
    CliRunner.Run r = CliRunner.run("lint", f, "-o", Path.of(f).resolve("r.txt").toString());
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("cannot write");
  }

  // ------------------------------------------------------------------ baseline

  @Test
  void baseline_acceptsKnownFindings_evenAfterLinesMove_butNotNewOnes() throws IOException {
    String f = write("e.txt", ERROR_AND_WARNING);
    String baseline = dir.resolve("baseline.json").toString();
    CliRunner.Run written = CliRunner.run("lint", f, "--write-baseline", baseline);
    assertThat(written.exit()).isEqualTo(1);
    assertThat(written.err()).contains("wrote 2 fingerprints to " + baseline);
    JsonNode b = JSON.readTree(Files.readString(Path.of(baseline)));
    assertThat(b.get("version").asInt()).isEqualTo(1);
    assertThat(b.get("fingerprints")).hasSize(2);

    // Saved again by an editor that writes a BOM: still a baseline.
    byte[] plain = Files.readAllBytes(Path.of(baseline));
    byte[] bom = new byte[plain.length + 3];
    bom[0] = (byte) 0xEF;
    bom[1] = (byte) 0xBB;
    bom[2] = (byte) 0xBF;
    System.arraycopy(plain, 0, bom, 3, plain.length);
    Files.write(Path.of(baseline), bom);
    CliRunner.Run accepted = CliRunner.run("lint", f, "--baseline", baseline);
    assertThat(accepted.exit()).isEqualTo(0);
    assertThat(accepted.out()).endsWith("lint: 0 errors, 0 warnings, 0 notes; 2 accepted by the baseline\n");

    // Lines added above: the same findings at other lines are still accepted.
    Files.writeString(Path.of(f), "#fixture\nallow Z 80\nallow Y 81\n" + ERROR_AND_WARNING.substring("#fixture\n".length()));
    CliRunner.Run moved = CliRunner.run("lint", f, "--baseline", baseline, "--format", "json");
    assertThat(moved.exit()).isEqualTo(0);
    assertThat(JSON.readTree(moved.out()).get("findings")).isEmpty();
    assertThat(moved.err()).contains("2 accepted by the baseline");

    // Rewriting the baseline while it is in force keeps what it accepts.
    String rewritten = dir.resolve("rewritten.json").toString();
    CliRunner.Run again = CliRunner.run("lint", f, "--baseline", baseline, "--write-baseline", rewritten);
    assertThat(again.err()).contains("wrote 2 fingerprints");
    assertThat(JSON.readTree(Files.readString(Path.of(rewritten))).get("fingerprints")).isEqualTo(b.get("fingerprints"));

    // A changed line is a new finding.
    Files.writeString(Path.of(f), ERROR_AND_WARNING.replace("garbage here", "other garbage"));
    CliRunner.Run changed = CliRunner.run("lint", f, "--baseline", baseline, "--format", "json");
    assertThat(changed.exit()).isEqualTo(1);
    JsonNode findings = JSON.readTree(changed.out()).get("findings");
    assertThat(findings).hasSize(1);
    assertThat(findings.get(0).get("message").asText()).isEqualTo("not understood: other garbage");
  }

  @Test
  void baseline_sarifFingerprintIsTheBaselineFingerprint() throws IOException {
    String f = write("w.txt", WARNING);
    String baseline = dir.resolve("b.json").toString();
    CliRunner.Run r = CliRunner.run("lint", f, "--format", "sarif", "--write-baseline", baseline);
    String inSarif = JSON.readTree(r.out()).at("/runs/0/results/0/partialFingerprints/rpcwall~1v1").asText();
    String inBaseline = JSON.readTree(Files.readString(Path.of(baseline))).at("/fingerprints/0/fingerprint").asText();
    assertThat(inSarif).isEqualTo(inBaseline).matches("[0-9a-f]{32}");
  }

  @Test
  void baseline_thatIsNotOne_isAUsageError_atItsLine() throws IOException {
    String f = write("w.txt", WARNING);
    String bad = write("bad.json", "{\n  \"version\": 1,\n  \"fingerprints\": [ nope ]\n}\n");
    CliRunner.Run r = CliRunner.run("lint", f, "--baseline", bad);
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains(bad + ":3:").contains("error[RW0903]: the baseline is not JSON");
    String wrong = write("wrong.json", "{\"version\": 2, \"fingerprints\": []}");
    CliRunner.Run r2 = CliRunner.run("lint", f, "--baseline", wrong);
    assertThat(r2.exit()).isEqualTo(2);
    assertThat(r2.err()).contains("error[RW0903]").contains("\"version\": 1");
    CliRunner.Run r3 = CliRunner.run("lint", f, "--baseline", dir.resolve("none.json").toString());
    assertThat(r3.exit()).isEqualTo(2);
    assertThat(r3.err()).contains("error[RW0902]").contains("baseline file");
  }

  // ------------------------------------------------------------------ roles

  @Test
  void roles_valid_yaml_andPolicyLanguage_areAccepted() throws IOException {
    String f = write("c.txt", CLEAN);
    String yaml = write("roles.yaml", "workstations: [10.2.0.0/16, 10.3.0.0/16]\nadmins: 10.1.1.0/24\n");
    assertThat(CliRunner.run("lint", f, "--roles", yaml).exit()).isEqualTo(0);
    String dsl = write("roles.rpcwall", "network workstations = 10.2.0.0/16\nnetwork servers = 10.9.0.0/24\n");
    assertThat(CliRunner.run("lint", f, "--roles", dsl).exit()).isEqualTo(0);
  }

  @Test
  void roles_withErrors_areUsageErrors_withFileLineCol() throws IOException {
    String f = write("c.txt", CLEAN);
    String yaml = write("roles.yaml", "# roles\nworkstation: [10.2.0.0/16]\n");
    CliRunner.Run r = CliRunner.run("lint", f, "--roles", yaml);
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains(yaml + ":2:1: error[RW0904]: unknown role 'workstation'")
        .contains("did you mean 'workstations'?");
    String dsl = write("roles.rpcwall", "network workstations = 10.2.0.0/16, 10.300.0.0/16\n");
    CliRunner.Run r2 = CliRunner.run("lint", f, "--roles", dsl);
    assertThat(r2.exit()).isEqualTo(2);
    assertThat(r2.err()).contains(dsl + ":1:37: error[RW0904]: '10.300.0.0/16' is not an address");
    CliRunner.Run r3 = CliRunner.run("lint", f, "--roles", dir.resolve("none.yaml").toString());
    assertThat(r3.exit()).isEqualTo(2);
    assertThat(r3.err()).contains("cannot read roles file");
  }

  // ------------------------------------------------------------------ --show-effective

  @Test
  void showEffective_text_printsTheHostBeforeTheFindings() throws IOException {
    String f = write("w.txt", WARNING);
    CliRunner.Run r = CliRunner.run("lint", f, "--show-effective");
    assertThat(r.out()).startsWith("Effective inbound policy:");
    assertThat(r.out()).contains("(1 firewall rule,").contains("\"A\"");
    assertThat(r.out().indexOf("Effective inbound policy:")).isLessThan(r.out().indexOf("warning[" + UNREADABLE_ID + "]"));
  }

  @Test
  void showEffective_json_keepsStdoutOneDocument() throws IOException {
    String f = write("w.txt", WARNING);
    CliRunner.Run r = CliRunner.run("lint", f, "--show-effective", "--format", "json");
    assertThat(JSON.readTree(r.out()).get("findings")).hasSize(1);
    assertThat(r.err()).contains("Effective inbound policy:").contains("\"A\"");
  }

  // ------------------------------------------------------------------ hostile input

  @Test
  void aTenMegabyteLine_isReportedWithACutSnippet() throws IOException {
    String f = write("long.txt", "#fixture\nunreadable " + "x".repeat(10 * 1024 * 1024) + "\n");
    CliRunner.Run r = CliRunner.run("lint", f);
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.out()).contains(f + ":2:12: warning[" + UNREADABLE_ID + "]");
    assertThat(r.out().length()).isLessThan(30_000_000);
    CliRunner.Run sarif = CliRunner.run("lint", f, "--format", "sarif");
    assertThat(JsonSchemaValidator.sarif().validate(JSON.readTree(sarif.out()))).isEmpty();
  }

  @Test
  void randomBytes_withTheStandardReaders_neverAnInternalError_andEveryFormatIsValid() throws IOException {
    LintCommand.inputs = saved;
    long seed = 7_2026_1205L;
    java.util.Random random = new java.util.Random(seed);
    for (int i = 0; i < 6; i++) {
      byte[] bytes = new byte[random.nextInt(4096)];
      random.nextBytes(bytes);
      if (i % 2 == 1) {
        // Text-looking garbage: netsh and PowerShell words among random printable characters.
        StringBuilder b = new StringBuilder();
        String[] words = {"netsh ", "advfirewall ", "firewall ", "add ", "rule ", "name=", "\"", "=", "^\r\n",
            "New-NetFirewallRule ", "-LocalPort ", "`\n", "v2.10|", "LPort=", "|", "%VAR%", "\n", "Rule Name:"};
        for (int w = 0; w < 300; w++) {
          b.append(words[random.nextInt(words.length)]).append((char) (32 + random.nextInt(95)));
        }
        bytes = b.toString().getBytes(StandardCharsets.UTF_8);
      }
      Path p = dir.resolve("random-" + i + ".bin");
      Files.write(p, bytes);
      for (String format : List.of("text", "json", "sarif")) {
        CliRunner.Run r = CliRunner.run("lint", p.toString(), "--format", format);
        assertThat(r.exit()).as("seed %d, file %d, %s: %s", seed, i, format, r.err()).isIn(0, 1, 2);
        if (!format.equals("text")) {
          JsonNode doc = JSON.readTree(r.out());
          if (format.equals("sarif")) {
            assertThat(JsonSchemaValidator.sarif().validate(doc)).as("seed %d, file %d", seed, i).isEmpty();
          } else {
            assertThat(names(doc)).containsExactly("files", "findings");
          }
        }
      }
    }
  }

  @Test
  void help_listsEveryOption() {
    CliRunner.Run r = CliRunner.run("lint", "--help");
    assertThat(r.exit()).isEqualTo(0);
    assertThat(r.out()).contains("--format", "--fail-on", "--baseline", "--write-baseline", "--roles",
        "--show-effective", "--output");
  }
}
