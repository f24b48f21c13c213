package dev.rpcwall.cli;

import static dev.rpcwall.cli.CliRunner.example;
import static dev.rpcwall.cli.CliRunner.run;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The deployment targets on the command line (issue 9 points 1-4): the file names of the
 * contract, the bytes of the emitter's golden files, exit 2 with nothing written when the policy
 * has no RPC range or no output directory is given, and {@code check --target} reporting what
 * {@code compile} would refuse.
 */
class DeployTargetsCliTest {
  static final String KB = example("kb-rpc-5001-5021.rpcwall");
  static final String NO_RANGE = example("block-wmi-between-workstations.rpcwall");
  static final Path GOLDEN = Path.of("../emitters/src/test/resources/golden-deploy/kb-rpc-5001-5021");
  static final Map<String, List<String>> FILES = Map.of(
      "reg", List.of("kb-rpc-5001-5021-rpc-undo.reg", "kb-rpc-5001-5021-rpc.reg"),
      "admx", List.of("en-US/kb-rpc-5001-5021.adml", "kb-rpc-5001-5021.admx"),
      "sceregvl", List.of("kb-rpc-5001-5021-sceregvl.inf"));

  @TempDir Path dir;

  private static List<String> files(Path d) throws IOException {
    if (!Files.exists(d)) {
      return List.of();
    }
    try (Stream<Path> s = Files.walk(d)) {
      return s.filter(Files::isRegularFile).map(p -> d.relativize(p).toString().replace('\\', '/'))
          .sorted().toList();
    }
  }

  @Test
  void compile_eachDeployTarget_writesExactlyItsFilesAsTheGoldenBytes() throws IOException {
    for (Map.Entry<String, List<String>> e : FILES.entrySet()) {
      Path out = dir.resolve(e.getKey());
      CliRunner.Run r = run("compile", KB, "--target", e.getKey(), "-o", out.toString());
      assertThat(r.exit()).as(r.err()).isZero();
      assertThat(files(out)).as(e.getKey()).isEqualTo(e.getValue());
      for (String f : e.getValue()) {
        assertThat(Files.readAllBytes(out.resolve(f))).as(f)
            .isEqualTo(Files.readAllBytes(GOLDEN.resolve(f)));
        assertThat(r.err()).contains("wrote " + out.resolve(f));
      }
    }
  }

  @Test
  void compile_policyWithoutRpcRange_exit2AndNothingWritten() throws IOException {
    for (String t : FILES.keySet()) {
      Path out = dir.resolve("none-" + t);
      CliRunner.Run r = run("compile", NO_RANGE, "--target", t, "-o", out.toString());
      assertThat(r.exit()).as(t).isEqualTo(2);
      assertThat(r.err()).contains("error[RW2400]").contains("block-wmi-between-workstations.rpcwall:5:8");
      assertThat(files(out)).as(t).isEmpty();
    }
  }

  @Test
  void compile_withoutOutputDirectory_exit2() {
    for (String t : FILES.keySet()) {
      CliRunner.Run r = run("compile", KB, "--target", t);
      assertThat(r.exit()).as(t).isEqualTo(2);
      assertThat(r.err()).contains("give an output directory with -o");
      assertThat(r.out()).isEmpty();
    }
  }

  @Test
  void compile_noVerify_doesNotApplyToTheSelfCheckedDeployFiles() throws IOException {
    Path out = dir.resolve("nv");
    CliRunner.Run r = run("compile", KB, "--target", "reg", "--no-verify", "-o", out.toString());
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.err()).doesNotContain("NOT VERIFIED");
    assertThat(Files.readAllBytes(out.resolve("kb-rpc-5001-5021-rpc.reg")))
        .isEqualTo(Files.readAllBytes(GOLDEN.resolve("kb-rpc-5001-5021-rpc.reg")));
  }

  @Test
  void check_deployTarget_reportsWhatCompileRefuses() {
    CliRunner.Run bad = run("check", NO_RANGE, "--target", "admx");
    assertThat(bad.exit()).isEqualTo(2);
    assertThat(bad.out()).contains("error[RW2400]").contains("warning[RW2401]").contains(": invalid");
    CliRunner.Run good = run("check", KB, "--target", "reg");
    assertThat(good.exit()).as(good.out()).isZero();
  }

  @Test
  void targetAll_leavesTheDeployFilesOut() throws IOException {
    Path out = dir.resolve("all");
    CliRunner.Run r = run("compile", KB, "--target", "all", "-o", out.toString());
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(files(out)).noneMatch(f -> f.endsWith(".reg") || f.endsWith(".admx") || f.endsWith(".inf"));
  }
}
