package dev.rpcwall.cli;

import static dev.rpcwall.cli.CliRunner.run;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code rpcwall init} (issue 10 point 3): the list, the exit codes, never overwriting, and every
 * template passing {@code check} and compiling to every target (the legacy IPsec ones with
 * --ipv4-only when the template decides IPv6 traffic, as 'any' does).
 */
class InitCommandTest {
  static final List<String> NAMES =
      List.of("block-wmi-between-workstations", "kb-rpc-lockdown", "wmi-monitoring-range");

  @TempDir Path dir;

  @Test
  void noArgumentOrList_listsEveryTemplate() {
    for (String[] args : List.of(new String[] {"init"}, new String[] {"init", "--list"})) {
      CliRunner.Run r = run(args);
      assertThat(r.exit()).isZero();
      assertThat(r.out()).contains(NAMES);
    }
    assertThat(InitCommand.TEMPLATES.keySet()).containsExactlyElementsOf(NAMES);
  }

  @Test
  void unknownTemplate_exit2NamingTheTemplates() {
    CliRunner.Run r = run("init", "--template", "block-wmi");
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("unknown template 'block-wmi'").contains(NAMES);
    assertThat(r.out()).isEmpty();
  }

  @Test
  void existingFile_isNeverOverwritten() throws IOException {
    Path f = dir.resolve("policy.rpcwall");
    Files.writeString(f, "mine\n");
    CliRunner.Run r = run("init", "--template", "kb-rpc-lockdown", "-o", f.toString());
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("exists");
    assertThat(Files.readString(f)).isEqualTo("mine\n");
  }

  @Test
  void outputFile_holdsWhatStdoutPrints() throws IOException {
    Path f = dir.resolve("new.rpcwall");
    CliRunner.Run r = run("init", "--template", "wmi-monitoring-range", "-o", f.toString());
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(Files.readString(f, StandardCharsets.UTF_8))
        .isEqualTo(run("init", "--template", "wmi-monitoring-range").out());
    CliRunner.Run missingParent = run("init", "--template", "kb-rpc-lockdown", "-o",
        dir.resolve("no/such/dir/p.rpcwall").toString());
    assertThat(missingParent.exit()).isEqualTo(2);
  }

  @Test
  void everyTemplate_namesItsScenario_passesCheck_andCompilesToEveryTarget() throws IOException {
    for (String name : NAMES) {
      Path f = dir.resolve(name + ".rpcwall");
      assertThat(run("init", "--template", name, "-o", f.toString()).exit()).isZero();
      String text = Files.readString(f);
      assertThat(text).as(name).contains("# Scenario:").contains("policy \"");
      CliRunner.Run check = run("check", f.toString());
      assertThat(check.exit()).as(name + ": " + check.out()).isZero();
      // The only warning: the policy decides IPv6 ('any' holds both families), so the legacy
      // IPsec targets need --ipv4-only.
      assertThat(check.out().replace("warning[RW2304]", "")).as(name).doesNotContain("warning[");
      boolean ipv6 = check.out().contains("warning[RW2304]");
      CliRunner.Run v4 = run("check", f.toString(), "--ipv4-only");
      assertThat(v4.exit()).isZero();
      assertThat(v4.out()).as(name).doesNotContain("warning[");
      List<String[]> compiles = new ArrayList<>();
      for (String t : List.of("netsh", "powershell", "sigma", "reg", "admx", "sceregvl")) {
        compiles.add(new String[] {t});
      }
      for (String t : List.of("ipsecpol", "ipseccmd", "netsh-ipsec")) {
        compiles.add(ipv6 ? new String[] {t, "--ipv4-only"} : new String[] {t});
      }
      for (String[] c : compiles) {
        Path out = dir.resolve(name + "-" + c[0]);
        List<String> args = new ArrayList<>(List.of("compile", f.toString(), "--target", c[0], "-o", out.toString()));
        args.addAll(List.of(c).subList(1, c.length));
        CliRunner.Run r = run(args.toArray(new String[0]));
        assertThat(r.exit()).as(name + " --target " + c[0] + ": " + r.err()).isZero();
        try (Stream<Path> s = Files.walk(out)) {
          assertThat(s.filter(Files::isRegularFile).count()).as(name + " " + c[0]).isPositive();
        }
      }
    }
  }
}
