package dev.rpcwall.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launchers. {@code ./rpcwall} runs here for real, in a copy of the project's layout with a
 * stand-in {@code mvn} (slow, counts its runs, makes the jar) and {@code java} on the PATH.
 * {@code rpcwall.cmd} cannot run here (no Windows machine): its staleness command is checked
 * against cmd.exe's quoting rules instead.
 */
class LauncherTest {
  private static final Path ROOT = Path.of(System.getProperty("rpcwall.examples")).getParent();

  @Test
  void posixLauncher_twoRunsAfterASourceChange_buildOnceAndBothRun(@TempDir Path dir)
      throws Exception {
    assumeTrue(Files.isExecutable(Path.of("/bin/sh")), "needs a POSIX shell");
    Path tree = dir.resolve("tree");
    Files.createDirectories(tree.resolve("cli/src/main/java"));
    Files.createDirectories(tree.resolve("grammar"));
    Files.createDirectories(tree.resolve("compiler"));
    Files.createDirectories(tree.resolve("emitters"));
    Files.createDirectories(tree.resolve("examples"));
    Files.writeString(tree.resolve("pom.xml"), "<project/>");
    Files.writeString(tree.resolve("cli/src/main/java/A.java"), "class A {}");
    Files.copy(ROOT.resolve("rpcwall"), tree.resolve("rpcwall"));
    Path bin = dir.resolve("bin");
    Files.createDirectories(bin);
    Path count = dir.resolve("mvn-runs");
    script(bin.resolve("mvn"), "#!/bin/sh\n"
        + "echo run >>'" + count + "'\n"
        + "sleep 2\n"
        + "mkdir -p cli/target && echo jar >cli/target/rpcwall-cli-0.1.0-all.jar\n");
    script(bin.resolve("java"), "#!/bin/sh\n"
        + "for a in \"$@\"; do case \"$a\" in -XX:ArchiveClassesAtExit=*) exit 0;; esac; done\n"
        + "echo ran\n");
    tree.resolve("rpcwall").toFile().setExecutable(true);

    List<Process> runs = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      ProcessBuilder pb = new ProcessBuilder("/bin/sh", tree.resolve("rpcwall").toString(), "check");
      pb.environment().put("PATH", bin + ":" + System.getenv("PATH"));
      pb.redirectErrorStream(true);
      runs.add(pb.start());
    }
    for (Process p : runs) {
      assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(p.exitValue()).as(out).isZero();
      assertThat(out).as(out).contains("ran");
    }
    assertThat(Files.readAllLines(count)).as("Maven runs").hasSize(1);
    assertThat(tree.resolve("cli/target/.rpcwall-build.lock")).doesNotExist();
  }

  @Test
  void windowsLauncher_stalenessCommand_reachesPowerShellAsWritten() throws IOException {
    String cmd = Files.readString(ROOT.resolve("rpcwall.cmd"), StandardCharsets.US_ASCII);
    assertThat(cmd.replace("\r\n", "")).as("CRLF line ends only").doesNotContain("\n");
    String line = cmd.lines().filter(l -> l.contains("for /f") && l.contains("powershell"))
        .findFirst().orElseThrow();
    // cmd.exe passes everything between the double quotes to PowerShell unchanged: a caret there
    // is not an escape but a character PowerShell cannot parse, and cmd only keeps | < > & from
    // starting a pipe or redirection because of the quotes, so the command uses none of them.
    int open = line.indexOf("-Command \"") + "-Command \"".length();
    int close = line.indexOf('"', open);
    assertThat(close).isGreaterThan(open);
    String powershell = line.substring(open, close);
    assertThat(powershell).doesNotContain("^", "|", "<", ">", "&", "%");
    assertThat(line.substring(close + 1)).startsWith("') do set \"STALE=%%S\"");
    // The same sources as ./rpcwall decide staleness.
    assertThat(powershell).contains("'.java'", "'.g4'", "'pom.xml'", "\\\\src\\\\main\\\\resources\\\\",
        "\\\\target\\\\");
    assertThat(cmd).contains("mkdir \"%LOCK%\" && goto build");
  }

  private static void script(Path path, String text) throws IOException {
    Files.writeString(path, text);
    Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rwxr-xr-x"));
  }
}
