package dev.rpcwall.cli;

import static dev.rpcwall.cli.CliRunner.run;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code compile --confirm-within MINUTES} (issue 9 point 5): exit codes and the files written. */
class ConfirmWithinCliTest {
  static final String KB = CompileCommandTest.KB;
  @TempDir Path dir;

  private static java.util.List<String> names(Path d) throws IOException {
    if (!Files.exists(d)) {
      return java.util.List.of();
    }
    try (Stream<Path> s = Files.list(d)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  @Test
  void netsh_writesApplyRollbackAndConfirm() throws IOException {
    Path out = dir.resolve("out");
    CliRunner.Run r = run("compile", KB, "--target", "netsh", "--confirm-within", "10", "-o", out.toString());
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(names(out)).containsExactly(
        "kb-rpc-5001-5021-confirm.cmd", "kb-rpc-5001-5021-rollback.cmd", "kb-rpc-5001-5021.cmd");
    String apply = Files.readString(out.resolve("kb-rpc-5001-5021.cmd"), StandardCharsets.US_ASCII);
    assertThat(apply).contains("/ru SYSTEM /sc minute /mo 10 /f");
    // The task comes before the first change of the host.
    assertThat(apply.indexOf("schtasks /create")).isLessThan(apply.indexOf("reg add"))
        .isLessThan(apply.indexOf("netsh advfirewall firewall add rule"));
    assertThat(Files.readString(out.resolve("kb-rpc-5001-5021-confirm.cmd"), StandardCharsets.US_ASCII))
        .contains("schtasks /delete /tn \"rpcwall\\kb-rpc-5001-5021-");
  }

  @Test
  void all_writesBothScriptTargetsWithTheirConfirmScripts() throws IOException {
    Path out = dir.resolve("out");
    CliRunner.Run r = run("compile", KB, "--target", "all", "--confirm-within", "1440", "-o", out.toString());
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(names(out)).containsExactly(
        "kb-rpc-5001-5021-confirm.cmd", "kb-rpc-5001-5021-confirm.ps1",
        "kb-rpc-5001-5021-rollback.cmd", "kb-rpc-5001-5021-rollback.ps1",
        "kb-rpc-5001-5021.cmd", "kb-rpc-5001-5021.ps1");
    assertThat(Files.readString(out.resolve("kb-rpc-5001-5021.cmd"), StandardCharsets.US_ASCII))
        .contains("/sc daily /f");
  }

  @Test
  void powershell_oneMinute_isAccepted() throws IOException {
    Path out = dir.resolve("out");
    CliRunner.Run r = run("compile", KB, "--target", "powershell", "--confirm-within", "1", "-o", out.toString());
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(names(out)).contains("kb-rpc-5001-5021-confirm.ps1");
    assertThat(Files.readString(out.resolve("kb-rpc-5001-5021.ps1"), StandardCharsets.UTF_8))
        .contains("-Minutes 1\r\n");
  }

  @Test
  void minutesOutOfRangeOrNotANumber_isUsageErrorAndWritesNothing() throws IOException {
    for (String bad : new String[] {"0", "1441", "-5", "abc", "", "10.5", "99999999999"}) {
      Path out = dir.resolve("out-" + Math.abs(bad.hashCode()));
      CliRunner.Run r = run("compile", KB, "--target", "netsh", "--confirm-within=" + bad, "-o", out.toString());
      assertThat(r.exit()).as("'" + bad + "': " + r.err()).isEqualTo(2);
      assertThat(r.err()).contains("--confirm-within takes a whole number of minutes from 1 to 1440");
      assertThat(names(out)).isEmpty();
    }
  }

  @Test
  void targetWithoutConfirmedApply_isUsageError() throws IOException {
    for (String t : new String[] {"reg", "ipsecpol", "netsh-ipsec"}) {
      Path out = dir.resolve("out-" + t);
      CliRunner.Run r = run("compile", KB, "--target", t, "--confirm-within", "5", "-o", out.toString());
      assertThat(r.exit()).as(t + ": " + r.err()).isEqualTo(2);
      assertThat(r.err()).contains("--confirm-within is for the script targets netsh and powershell");
      assertThat(names(out)).isEmpty();
    }
  }

  @Test
  void withoutOutputDirectory_isUsageError() {
    CliRunner.Run r = run("compile", KB, "--target", "netsh", "--confirm-within", "5");
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("give an output directory with -o");
    assertThat(r.out()).isEmpty();
  }
}
