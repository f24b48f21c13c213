package dev.rpcwall.cli;

import static dev.rpcwall.cli.CliRunner.example;
import static dev.rpcwall.cli.CliRunner.run;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code compile --target sigma} (issue 10): one YAML file per rule with the emitter's golden
 * bytes, -o required, never part of {@code all}, exit 2 and nothing written when the policy gives
 * nothing to detect, and {@code check --target sigma} reporting it.
 */
class SigmaCliTest {
  static final String KB = example("kb-rpc-5001-5021.rpcwall");
  static final Path GOLDEN = Path.of("../emitters/src/test/resources/golden-sigma/kb-rpc-5001-5021");
  static final String OPEN = "# nobody blocked, everyone may manage WMI\n"
      + "policy \"Open RPC\"\n"
      + "rpc {\n  dynamic ports 5001-5100\n}\n"
      + "allow any to endpoint-mapper, rpc-dynamic\n";

  @TempDir Path dir;

  private static List<String> files(Path d) throws IOException {
    if (!Files.exists(d)) {
      return List.of();
    }
    try (Stream<Path> s = Files.walk(d)) {
      return s.filter(Files::isRegularFile).map(p -> d.relativize(p).toString()).sorted().toList();
    }
  }

  @Test
  void compile_sigma_writesOneFilePerRuleAsTheGoldenBytes() throws IOException {
    Path out = dir.resolve("sigma");
    CliRunner.Run r = run("compile", KB, "--target", "sigma", "-o", out.toString());
    assertThat(r.exit()).as(r.err()).isZero();
    List<String> golden = files(GOLDEN);
    assertThat(golden).hasSize(6);
    assertThat(files(out)).isEqualTo(golden);
    for (String f : golden) {
      assertThat(Files.readAllBytes(out.resolve(f))).as(f).isEqualTo(Files.readAllBytes(GOLDEN.resolve(f)));
      assertThat(r.err()).contains("wrote " + out.resolve(f));
    }
  }

  @Test
  void compile_sigmaWithoutOutputDirectory_exit2() {
    CliRunner.Run r = run("compile", KB, "--target", "sigma");
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("give an output directory with -o");
    assertThat(r.out()).isEmpty();
  }

  @Test
  void compile_sigmaWithConfirmWithin_exit2() {
    CliRunner.Run r = run("compile", KB, "--target", "sigma", "--confirm-within", "5", "-o",
        dir.resolve("x").toString());
    assertThat(r.exit()).isEqualTo(2);
    assertThat(dir.resolve("x")).doesNotExist();
  }

  @Test
  void compile_nothingToDetect_exit2WithRw2500AndNothingWritten() throws IOException {
    Path policy = dir.resolve("open.rpcwall");
    Files.writeString(policy, OPEN, StandardCharsets.UTF_8);
    Path out = dir.resolve("out");
    CliRunner.Run r = run("compile", policy.toString(), "--target", "sigma", "-o", out.toString());
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("error[RW2500]").contains("open.rpcwall:2:8");
    assertThat(files(out)).isEmpty();
    CliRunner.Run c = run("check", policy.toString(), "--target", "sigma");
    assertThat(c.exit()).isEqualTo(2);
    assertThat(c.out()).contains("error[RW2500]");
    assertThat(run("check", policy.toString()).exit()).as("sigma is not part of all").isZero();
  }

  @Test
  void targetAll_leavesTheSigmaRulesOut() throws IOException {
    Path out = dir.resolve("all");
    CliRunner.Run r = run("compile", KB, "--target", "all", "-o", out.toString());
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(files(out)).isNotEmpty().noneMatch(f -> f.endsWith(".yml"));
  }

  @Test
  void unknownTarget_listsSigma() {
    CliRunner.Run r = run("compile", KB, "--target", "sigmah", "-o", dir.toString());
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("sigma");
  }
}
