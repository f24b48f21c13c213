package dev.rpcwall.cli;

import static dev.rpcwall.cli.CliRunner.run;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckCommandTest {
  @TempDir Path dir;

  static List<Path> examplePolicies() throws IOException {
    try (Stream<Path> s = Files.walk(CliRunner.examples())) {
      return s.filter(p -> p.toString().matches(".*\\.(rpcwall|ya?ml)$"))
          .filter(p -> !p.getParent().getFileName().toString().equals("common"))
          .sorted()
          .toList();
    }
  }

  @Test
  void check_everyExample_isValid() throws IOException {
    List<Path> examples = examplePolicies();
    assertThat(examples).hasSizeGreaterThanOrEqualTo(5);
    for (Path p : examples) {
      CliRunner.Run r = run("check", p.toString());
      assertThat(r.exit()).as(p + "\n" + r.out() + r.err()).isZero();
      assertThat(r.out()).contains(p + ": ok");
    }
  }

  @Test
  void check_unknownName_printsDiagnosticWithCaretAndExits2() throws IOException {
    Path f = dir.resolve("bad.rpcwall");
    Files.writeString(f, "policy \"p\"\nnetwork admins = 10.1.1.0/24\nallow adminz to endpoint-mapper\n");
    CliRunner.Run r = run("check", f.toString());
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.out()).contains(f + ":3:7: error[").contains("adminz").contains("^^^^^^")
        .contains("hint: did you mean 'admins'?");
  }

  @Test
  void check_json_listsDiagnosticsWithPositions() throws IOException {
    Path f = dir.resolve("bad.rpcwall");
    Files.writeString(f, "policy \"p\"\nallow 10.1.1.256 to tcp 135\n");
    CliRunner.Run r = run("check", "--format", "json", f.toString());
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.out()).contains("\"valid\" : false").contains("\"line\" : 2").contains("\"column\" : 7")
        .contains("\"severity\" : \"error\"");
  }

  @Test
  void check_missingFile_isADiagnosticNotAStackTrace() {
    CliRunner.Run r = run("check", dir.resolve("nope.rpcwall").toString());
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.out() + r.err()).contains("nope.rpcwall").doesNotContain("Exception");
  }

  @Test
  void check_binaryGarbage_isInvalidWithoutStackTrace() throws IOException {
    Path f = dir.resolve("garbage.rpcwall");
    byte[] bytes = new byte[4096];
    new java.util.Random(7).nextBytes(bytes);
    Files.write(f, bytes);
    CliRunner.Run r = run("check", f.toString());
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.out() + r.err()).doesNotContain("Exception").doesNotContain("\tat ");
  }

  @Test
  void noArguments_printsUsageAndExits2() {
    CliRunner.Run r = run();
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("Usage: rpcwall");
  }

  @Test
  void help_listsExitCodes() {
    CliRunner.Run r = run("--help");
    assertThat(r.exit()).isZero();
    assertThat(r.out()).contains("Exit codes:").contains("internal error");
  }

  @Test
  void version_printsVersion() {
    CliRunner.Run r = run("--version");
    assertThat(r.exit()).isZero();
    assertThat(r.out()).startsWith("rpcwall ");
  }

  @Test
  void unknownOption_isUsageError() {
    CliRunner.Run r = run("check", "--frobnicate", "x");
    assertThat(r.exit()).isEqualTo(2);
  }
}
