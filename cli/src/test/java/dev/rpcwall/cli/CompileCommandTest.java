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

class CompileCommandTest {
  static final String KB = example("kb-rpc-5001-5021.rpcwall");
  @TempDir Path dir;

  private static long count(Path d) throws IOException {
    if (!Files.exists(d)) {
      return 0;
    }
    try (Stream<Path> s = Files.list(d)) {
      return s.count();
    }
  }

  @Test
  void compile_netshToStdout_printsTheApplyScript() {
    CliRunner.Run r = run("compile", KB, "--target", "netsh");
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out()).startsWith("@echo off\r\n").contains("netsh advfirewall firewall add rule")
        .contains("action=block").contains("remoteip=10.1.1.0/24");
    assertThat(r.err()).contains("warning[RW1041]");
  }

  @Test
  void compile_allToDirectory_writesApplyAndRollbackForBothTargets() throws IOException {
    Path out = dir.resolve("out");
    CliRunner.Run r = run("compile", KB, "--target", "all", "-o", out.toString());
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(out.resolve("kb-rpc-5001-5021.cmd")).exists();
    assertThat(out.resolve("kb-rpc-5001-5021-rollback.cmd")).exists();
    assertThat(out.resolve("kb-rpc-5001-5021.ps1")).exists();
    assertThat(out.resolve("kb-rpc-5001-5021-rollback.ps1")).exists();
    assertThat(count(out)).isEqualTo(4);
    byte[] ps1 = Files.readAllBytes(out.resolve("kb-rpc-5001-5021.ps1"));
    assertThat(ps1[0]).isEqualTo((byte) 0xEF);
  }

  @Test
  void compile_allWithoutOutputDirectory_isUsageError() {
    assertThat(run("compile", KB, "--target", "all").exit()).isEqualTo(2);
  }

  @Test
  void compile_unknownTarget_isUsageError() {
    CliRunner.Run r = run("compile", KB, "--target", "iptables");
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("unknown target 'iptables'");
  }

  @Test
  void compile_invalidPolicy_writesNothing() throws IOException {
    Path bad = dir.resolve("bad.rpcwall");
    Files.writeString(bad, "policy \"p\"\nallow nobody to tcp 135\n");
    Path out = dir.resolve("out");
    CliRunner.Run r = run("compile", bad.toString(), "--target", "all", "-o", out.toString());
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("error[RW0102]");
    assertThat(count(out)).isZero();
  }

  @Test
  void compile_nameTheTargetCannotCarry_isErrorAtTheSourceAndWritesNothing() throws IOException {
    Path bad = dir.resolve("quote.rpcwall");
    Files.writeString(bad, "policy \"say \\\"hi\\\"\"\nallow 10.0.0.1 to tcp 135\n");
    Path out = dir.resolve("out");
    CliRunner.Run r = run("compile", bad.toString(), "--target", "all", "-o", out.toString());
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains(bad + ":1:8: error[RW2100]");
    assertThat(count(out)).isZero();
  }

  @Test
  void compile_pipeInName_isSharedTargetError() throws IOException {
    Path bad = dir.resolve("pipe.rpcwall");
    Files.writeString(bad, "policy \"a|b\"\nallow 10.0.0.1 to tcp 135\n");
    CliRunner.Run r = run("compile", bad.toString(), "--target", "powershell");
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("error[RW2001]");
    assertThat(r.out()).isEmpty();
  }

  @Test
  void compile_twice_sameBytes() throws IOException {
    Path a = dir.resolve("a");
    Path b = dir.resolve("b");
    assertThat(run("compile", KB, "-t", "all", "-o", a.toString()).exit()).isZero();
    assertThat(run("compile", KB, "-t", "all", "-o", b.toString()).exit()).isZero();
    for (String f : new String[] {"kb-rpc-5001-5021.cmd", "kb-rpc-5001-5021-rollback.cmd",
        "kb-rpc-5001-5021.ps1", "kb-rpc-5001-5021-rollback.ps1"}) {
      assertThat(Files.readAllBytes(a.resolve(f))).isEqualTo(Files.readAllBytes(b.resolve(f)));
    }
  }

  @Test
  void compile_maxAddresses_splitsRulesIntoParts() throws IOException {
    Path p = dir.resolve("many.rpcwall");
    Files.writeString(p, "policy \"many\"\nallow 10.0.0.1, 10.0.0.3, 10.0.0.5, 10.0.0.7 to tcp 135\n");
    CliRunner.Run r = run("compile", p.toString(), "-t", "netsh", "--max-addresses", "2");
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out().lines().filter(l -> l.startsWith("netsh advfirewall firewall add rule") && l.contains("action=allow")))
        .hasSize(2);
  }

  @Test
  void compile_outputDirectoryIsAFile_isUsageErrorAndWritesNothing() throws IOException {
    Path notADir = Files.writeString(dir.resolve("taken"), "x");
    CliRunner.Run r = run("compile", KB, "--target", "all", "-o", notADir.toString());
    assertThat(r.exit()).isEqualTo(ExitCodes.INVALID);
    assertThat(r.err()).contains("cannot write").contains(notADir.toString())
        .doesNotContain("internal error").doesNotContain("Exception");
    try (Stream<Path> s = Files.list(dir)) {
      assertThat(s).containsExactly(notADir);
    }
  }

  @Test
  void compile_noVerify_warnsAndMarksEveryScript() throws IOException {
    Path out = dir.resolve("out");
    CliRunner.Run r = run("compile", KB, "--target", "all", "-o", out.toString(), "--no-verify");
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.err()).contains("warning: --no-verify");
    try (Stream<Path> s = Files.list(out)) {
      List<Path> scripts = s.toList();
      assertThat(scripts).hasSize(4);
      for (Path p : scripts) {
        assertThat(Files.readString(p, StandardCharsets.UTF_8)).as(p.toString())
            .contains("NOT VERIFIED: written with --no-verify");
      }
    }
    Path checked = dir.resolve("checked");
    CliRunner.Run v = run("compile", KB, "--target", "all", "-o", checked.toString());
    assertThat(v.exit()).as(v.err()).isZero();
    assertThat(v.err()).doesNotContain("--no-verify");
    try (Stream<Path> s = Files.list(checked)) {
      for (Path p : s.toList()) {
        assertThat(Files.readString(p, StandardCharsets.UTF_8)).as(p.toString()).doesNotContain("NOT VERIFIED");
      }
    }
  }

  @Test
  void compile_secondFileCannotBePlaced_firstIsPutBackAndTheMessageSaysSo() throws IOException {
    Path out = Files.createDirectories(dir.resolve("out"));
    Path apply = Files.writeString(out.resolve("kb-rpc-5001-5021.cmd"), "old apply");
    Path rollback = Files.createDirectories(out.resolve("kb-rpc-5001-5021-rollback.cmd"));
    Files.writeString(rollback.resolve("inside"), "x");

    CliRunner.Run r = run("compile", KB, "--target", "all", "-o", out.toString());

    assertThat(r.exit()).isEqualTo(ExitCodes.INVALID);
    assertThat(Files.readString(apply)).isEqualTo("old apply");
    assertThat(r.err())
        .contains("cannot write the scripts to " + out)
        .contains("is a directory")
        .contains("kb-rpc-5001-5021-rollback.cmd")
        .contains("nothing was written (files already there are as they were)")
        .doesNotContain("wrote ");
    try (Stream<Path> s = Files.list(out)) {
      assertThat(s.map(p -> p.getFileName().toString()))
          .containsExactlyInAnyOrder("kb-rpc-5001-5021.cmd", "kb-rpc-5001-5021-rollback.cmd");
    }
  }
}
