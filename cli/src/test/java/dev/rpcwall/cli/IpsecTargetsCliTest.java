package dev.rpcwall.cli;

import static dev.rpcwall.cli.CliRunner.example;
import static dev.rpcwall.cli.CliRunner.run;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rpcwall.compiler.target.IpsecScriptInput;
import dev.rpcwall.compiler.target.TargetId;
import dev.rpcwall.emit.Targets;
import dev.rpcwall.emit.deploy.RpcArtifacts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --ipv4-only} and the legacy IPsec targets on the command line. The per-dialect tests are
 * generated for every legacy IPsec dialect registered in {@code Targets}: none until the dialects
 * land, then each runs without any change here.
 */
class IpsecTargetsCliTest {
  static final String KB = example("kb-rpc-5001-5021.rpcwall");
  @TempDir Path dir;

  private static List<String> files(Path d) throws IOException {
    if (!Files.exists(d)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(d)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  @Test
  void compile_ipv4Only_isAcceptedAndLeavesWindowsFirewallOutputAlone() throws IOException {
    Path a = dir.resolve("a");
    Path b = dir.resolve("b");
    CliRunner.Run plain = run("compile", KB, "--target", "all", "-o", a.toString());
    CliRunner.Run v4 = run("compile", KB, "--target", "all", "--ipv4-only", "-o", b.toString());
    assertThat(plain.exit()).as(plain.err()).isZero();
    assertThat(v4.exit()).as(v4.err()).isZero();
    for (String f : files(a)) {
      if (!f.contains("-ipsec") && !f.contains("-netsh-ipsec")) {
        assertThat(Files.readAllBytes(b.resolve(f))).as(f).isEqualTo(Files.readAllBytes(a.resolve(f)));
      }
    }
  }

  @Test
  void check_ipv4Only_isAccepted() {
    CliRunner.Run r = run("check", KB, "--ipv4-only");
    assertThat(r.exit()).as(r.out() + r.err()).isZero();
    assertThat(r.out()).contains(": ok");
  }

  @Test
  void unknownTarget_namesTheRegisteredOnes() {
    CliRunner.Run r = run("compile", KB, "--target", "ipsec");
    assertThat(r.exit()).isEqualTo(2);
    java.util.Set<TargetId> named = java.util.EnumSet.copyOf(Targets.builtIn().keySet());
    named.addAll(RpcArtifacts.TARGETS);
    named.add(TargetId.SIGMA);
    List<String> keywords = named.stream().map(TargetId::keyword).toList();
    assertThat(r.err()).contains("use " + String.join(", ", keywords) + " or all");
    // A dialect that is not registered is not offered.
    for (TargetId id : TargetId.values()) {
      if (!named.contains(id)) {
        assertThat(run("compile", KB, "--target", id.keyword()).err()).contains("unknown target");
      }
    }
  }

  /** Per registered legacy IPsec dialect (issue 6 point 3 and 4, the CLI contract). */
  @TestFactory
  Stream<DynamicTest> everyRegisteredIpsecDialect() {
    return Targets.ipsec().keySet().stream().sorted().flatMap(id -> Stream.of(
        DynamicTest.dynamicTest(id.keyword() + ": --ipv4-only writes exactly its two files and says IPv6 was left out",
            () -> {
              Path out = dir.resolve(id.keyword());
              CliRunner.Run r = run("compile", KB, "--target", id.keyword(), "--ipv4-only", "-o", out.toString());
              assertThat(r.exit()).as(r.err()).isZero();
              assertThat(files(out)).containsExactly(
                  "kb-rpc-5001-5021-" + id.keyword() + "-rollback.cmd", "kb-rpc-5001-5021-" + id.keyword() + ".cmd");
              assertThat(r.err()).contains(id.keyword() + ": " + IpsecScriptInput.IPV6_LEFT_OUT);
              assertThat(r.err().lines().filter(l -> l.contains("IPv6: left out"))).hasSize(1);
              byte[] apply = Files.readAllBytes(out.resolve("kb-rpc-5001-5021-" + id.keyword() + ".cmd"));
              assertThat(new String(apply, java.nio.charset.StandardCharsets.US_ASCII))
                  .contains(IpsecScriptInput.IPV6_LEFT_OUT);
            }),
        DynamicTest.dynamicTest(id.keyword() + ": without --ipv4-only RW2301 at the policy line, exit 2, no file",
            () -> {
              Path out = dir.resolve(id.keyword() + "-v6");
              CliRunner.Run r = run("compile", KB, "--target", id.keyword(), "-o", out.toString());
              assertThat(r.exit()).isEqualTo(2);
              assertThat(r.err()).containsPattern("kb-rpc-5001-5021\\.rpcwall:\\d+:\\d+").contains("RW2301");
              assertThat(files(out)).isEmpty();
              CliRunner.Run check = run("check", KB, "--target", id.keyword());
              assertThat(check.exit()).isEqualTo(2);
              assertThat(check.out()).contains("RW2301");
              assertThat(run("check", KB, "--target", id.keyword(), "--ipv4-only").exit()).isZero();
            }),
        DynamicTest.dynamicTest(id.keyword() + ": --target all skips it with a warning without --ipv4-only",
            () -> {
              Path out = dir.resolve(id.keyword() + "-all");
              CliRunner.Run r = run("compile", KB, "--target", "all", "-o", out.toString());
              assertThat(r.exit()).as(r.err()).isZero();
              assertThat(r.err()).contains("RW2304").contains(id.keyword()).contains("RW2301");
              assertThat(files(out)).noneMatch(f -> f.contains("-" + id.keyword()));
              Path v4 = dir.resolve(id.keyword() + "-all-v4");
              CliRunner.Run r4 = run("compile", KB, "--target", "all", "--ipv4-only", "-o", v4.toString());
              assertThat(r4.exit()).as(r4.err()).isZero();
              assertThat(files(v4)).contains("kb-rpc-5001-5021-" + id.keyword() + ".cmd",
                  "kb-rpc-5001-5021-" + id.keyword() + "-rollback.cmd", "kb-rpc-5001-5021.cmd");
            })));
  }
}
