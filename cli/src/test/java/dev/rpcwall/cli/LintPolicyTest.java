package dev.rpcwall.cli;

import static dev.rpcwall.cli.CliRunner.run;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code lint --policy}: the lint catalog and verify together; emitted scripts lint clean. */
class LintPolicyTest {
  private static final String KB = CliRunner.example("kb-rpc-5001-5021.rpcwall");
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void policy_classicMistake_isAPolicyMismatchAtTheBlockRule() throws Exception {
    Path fixture = Path.of("src/test/resources/verify/classic-mistake.cmd");
    CliRunner.Run r = run("lint", fixture.toString(), "--policy", KB, "--format", "json");
    assertThat(r.exit()).as(r.out() + r.err()).isEqualTo(1);
    JsonNode mismatch = null;
    for (JsonNode f : JSON.readTree(r.out()).get("findings")) {
      if (f.get("category").asText().equals("policy-mismatch")
          && f.get("message").asText().startsWith("10.1.1.0-10.1.1.255 tcp/135,5001-5021")) {
        mismatch = f;
      }
    }
    assertThat(mismatch).as(r.out()).isNotNull();
    assertThat(mismatch.get("id").asText()).isEqualTo("RWL0401");
    assertThat(mismatch.get("severity").asText()).isEqualTo("error");
    assertThat(mismatch.get("message").asText())
        .contains("domain,private,public: policy allow, host block")
        .contains("\"Block RPC\"");
    assertThat(mismatch.get("file").asText()).isEqualTo(fixture.toString());
    assertThat(mismatch.get("line").asInt()).isEqualTo(4);
  }

  @ParameterizedTest
  @ValueSource(strings = {"netsh", "powershell"})
  void policy_emittedScript_hasNoMismatchAndNoError(String target, @TempDir Path out)
      throws Exception {
    assertThat(run("compile", KB, "--target", target, "-o", out.toString()).exit()).isZero();
    for (Path script : scripts(out)) {
      CliRunner.Run r =
          run("lint", script.toString(), "--policy", KB, "--format", "json", "--fail-on", "error");
      assertThat(r.exit()).as(script + "\n" + r.out() + r.err()).isZero();
      for (JsonNode f : JSON.readTree(r.out()).get("findings")) {
        assertThat(f.get("category").asText()).as(f.toString())
            .isNotIn("policy-mismatch", "policy-unknown", "unreadable");
        assertThat(f.get("severity").asText()).as(f.toString()).isNotEqualTo("error");
      }
    }
  }

  /** Issue 7 point 5: every emitter's output lints with no finding of severity error. */
  @ParameterizedTest
  @ValueSource(strings = {"ipsecpol", "ipseccmd", "netsh-ipsec"})
  void emittedLegacyScripts_lintWithoutErrors(String target, @TempDir Path out) throws Exception {
    assertThat(run("compile", KB, "--target", target, "--ipv4-only", "-o", out.toString()).exit())
        .isZero();
    for (Path script : scripts(out)) {
      CliRunner.Run r = run("lint", script.toString(), "--format", "json", "--fail-on", "error");
      assertThat(r.exit()).as(script + "\n" + r.out() + r.err()).isZero();
      JsonNode doc = JSON.readTree(r.out());
      assertThat(doc.at("/files/0/format").asText()).isEqualTo(target);
      for (JsonNode f : doc.get("findings")) {
        assertThat(f.get("severity").asText()).as(f.toString()).isNotEqualTo("error");
      }
    }
  }

  @Test
  void policy_invalidPolicy_isUsage(@TempDir Path dir) throws Exception {
    Path bad = dir.resolve("bad.rpcwall");
    Files.writeString(bad, "policy \"p\"\nallow nowhere to endpoint-mapper\n");
    Path fixture = Path.of("src/test/resources/verify/classic-mistake.cmd");
    CliRunner.Run r = run("lint", fixture.toString(), "--policy", bad.toString());
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("RW0102");
  }

  private static List<Path> scripts(Path dir) throws Exception {
    try (Stream<Path> s = Files.list(dir)) {
      List<Path> out = new ArrayList<>(s.filter(p -> !p.toString().endsWith("-rollback.cmd")
          && !p.toString().endsWith("-rollback.ps1")).sorted().toList());
      assertThat(out).isNotEmpty();
      return out;
    }
  }
}
