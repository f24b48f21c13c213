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
  void check_everyRpcwallFileOfTheExamples_includingTheLibrary_isValid() throws IOException {
    // As `rpcwall check examples/**/*.rpcwall` runs: the library common/networks.rpcwall too.
    List<String> args = new java.util.ArrayList<>(List.of("check"));
    try (Stream<Path> s = Files.walk(CliRunner.examples())) {
      s.filter(p -> p.toString().endsWith(".rpcwall")).sorted().forEach(p -> args.add(p.toString()));
    }
    CliRunner.Run r = run(args.toArray(String[]::new));
    assertThat(r.exit()).as(r.out() + r.err()).isZero();
    assertThat(r.out()).contains("networks.rpcwall: ok, library");
  }

  @Test
  void check_libraryWithABadDefinition_isStillInvalid() throws IOException {
    Path f = dir.resolve("lib.rpcwall");
    Files.writeString(f, "network a = 10.0.0.0/8\nnetwork b = a, nope\n");
    CliRunner.Run r = run("check", f.toString());
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.out()).contains("nope").doesNotContain("RW1001");
  }

  @Test
  void check_runsTheTargetChecks_soAGreenCheckMeansACompileSucceeds() throws IOException {
    // WMI fixed port 24159: every compile rejects it (RW2004); check must too.
    Path f = dir.resolve("wmi.rpcwall");
    Files.writeString(f, "policy \"p\"\nrpc {\n  wmi fixed port 24159\n}\n"
        + "allow 10.1.1.0/24 to wmi\nblock any to wmi\n");
    CliRunner.Run r = run("check", f.toString());
    assertThat(r.exit()).as(r.out()).isEqualTo(2);
    assertThat(r.out()).contains("RW2004");
    assertThat(run("compile", f.toString(), "--target", "netsh").exit()).isEqualTo(2);
    // A quote in the policy name: netsh cannot carry it, PowerShell can.
    Path q = dir.resolve("quote.rpcwall");
    Files.writeString(q, "policy \"say \\\"hi\\\"\"\nallow 10.1.1.0/24 to tcp 135\n");
    assertThat(run("check", "--target", "netsh", q.toString()).exit()).isEqualTo(2);
    CliRunner.Run ps = run("check", "--target", "powershell", q.toString());
    assertThat(ps.exit()).as(ps.out()).isZero();
    assertThat(run("check", "--target", "nope", q.toString()).exit()).isEqualTo(2);
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
