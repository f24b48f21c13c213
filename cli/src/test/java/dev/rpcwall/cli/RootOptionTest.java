package dev.rpcwall.cli;

import static dev.rpcwall.cli.CliRunner.run;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rpcwall.compiler.diag.Printable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A policy file cannot make rpcwall read or print the machine: imports stay inside the policy
 * root, links out of it are refused, files that are not policies are never quoted, and nothing
 * printed carries a terminal control character.
 */
class RootOptionTest {
  private static final String SECRET = "FAKE_SECRET_7f3a9c2e1b";

  @TempDir Path tmp;
  Path repo;
  Path site;
  Path outside;

  @BeforeEach
  void layout() throws IOException {
    repo = Files.createDirectories(tmp.resolve("repo"));
    site = Files.createDirectories(repo.resolve("site"));
    Files.createDirectories(repo.resolve("common"));
    Files.writeString(repo.resolve("common/nets.rpcwall"), "network lan = 10.0.0.0/8\n");
    outside = Files.createDirectories(tmp.resolve("outside"));
    Files.writeString(outside.resolve("secret.rpcwall"), "TOKEN=" + SECRET + "\n");
    Files.writeString(outside.resolve("nets.rpcwall"), "network lan = 10.0.0.0/8\n");
  }

  private Path policy(String imports) throws IOException {
    Path p = site.resolve("p.rpcwall");
    Files.writeString(p, "policy \"p\"\n" + imports + "allow lan to tcp 135\n");
    return p;
  }

  private static String all(CliRunner.Run r) {
    return r.out() + r.err();
  }

  private static boolean symlinks(Path dir) {
    try {
      Path probe = Files.createSymbolicLink(dir.resolve(".link-probe"), dir);
      Files.delete(probe);
      return true;
    } catch (IOException | UnsupportedOperationException | SecurityException e) {
      return false;
    }
  }

  @Test
  void check_absoluteImportOfAFileWithASecret_isRefusedAndNothingIsEchoed() throws IOException {
    Path p = policy("import \"" + outside.resolve("secret.rpcwall").toString().replace("\\", "/")
        + "\"\nnetwork lan = 10.0.0.0/8\n");

    CliRunner.Run r = run("check", p.toString());

    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.out()).contains(p + ":2:8: error[RW1007]: import path '").contains("is absolute");
    assertThat(all(r)).doesNotContain(SECRET);
  }

  @Test
  void check_procSelfEnviron_isNeverRead() throws IOException {
    Assumptions.assumeTrue(Files.isReadable(Path.of("/proc/self/environ")));
    String path = System.getenv("PATH");
    Path p = policy("import \"/proc/self/environ\"\nimport \"../../../../../../../../proc/self/environ\"\n"
        + "network lan = 10.0.0.0/8\n");

    CliRunner.Run r = run("check", p.toString());

    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.out()).contains(":2:8: error[RW1007]").contains(":3:8: error[RW1007]");
    assertThat(all(r)).doesNotContain(path).doesNotContain("PATH=");
  }

  @Test
  void check_dotDotOutOfTheFilesDirectory_needsARootThatHoldsIt() throws IOException {
    Path p = policy("import \"../common/nets.rpcwall\"\n");

    CliRunner.Run narrow = run("check", p.toString());
    CliRunner.Run wide = run("check", "--root", repo.toString(), p.toString());
    CliRunner.Run tooFar = run("check", "--root", site.toString(), p.toString());

    assertThat(narrow.exit()).isEqualTo(2);
    assertThat(narrow.out()).contains("error[RW1007]: import '../common/nets.rpcwall' leads outside"
        + " the policy root");
    assertThat(wide.exit()).as(all(wide)).isZero();
    assertThat(wide.out()).contains(p + ": ok");
    assertThat(tooFar.exit()).isEqualTo(2);
  }

  @Test
  void check_relativePathsAndARelativeRoot_agree() throws IOException {
    policy("import \"../common/nets.rpcwall\"\n");
    // Paths as a CI job writes them: relative to a working directory, here the temp dir's
    // parent reached through the repo's own relative spelling.
    Path cwd = Path.of("").toAbsolutePath();
    String file = cwd.relativize(site.resolve("p.rpcwall")).toString();
    String root = cwd.relativize(repo).toString();

    CliRunner.Run r = run("check", "--root", root, file);

    assertThat(r.exit()).as(all(r)).isZero();
  }

  @Test
  void check_linkInsideTheRootToAFileOutside_isRefused() throws IOException {
    Assumptions.assumeTrue(symlinks(tmp));
    Files.createSymbolicLink(site.resolve("nets.rpcwall"), outside.resolve("nets.rpcwall"));
    Files.createSymbolicLink(site.resolve("env.rpcwall"), outside.resolve("secret.rpcwall"));
    Files.createSymbolicLink(site.resolve("up"), outside);
    Path p = policy("import \"nets.rpcwall\"\nimport \"env.rpcwall\"\nimport \"up/secret.rpcwall\"\n");

    CliRunner.Run r = run("check", "--root", repo.toString(), p.toString());

    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.out())
        .contains(":2:8: error[RW1007]: import 'nets.rpcwall' refused: it leads to '")
        .contains(":3:8: error[RW1007]").contains(":4:8: error[RW1007]")
        .contains("outside the policy root '" + repo.toRealPath() + "'");
    assertThat(all(r)).doesNotContain(SECRET);
  }

  @Test
  void everyCommand_mainFileThatIsALinkOutOfItsDirectory_isRefused() throws IOException {
    Assumptions.assumeTrue(symlinks(tmp));
    Path link = site.resolve("evil.rpcwall");
    Files.createSymbolicLink(link, outside.resolve("secret.rpcwall"));
    String f = link.toString();

    for (CliRunner.Run r :
        new CliRunner.Run[] {
          run("check", f), run("fmt", "--check", f), run("diff", f, f),
          run("explain", f, "--from", "10.0.0.1", "--port", "135"),
          run("compile", "-t", "netsh", f)
        }) {
      assertThat(r.exit()).as(all(r)).isEqualTo(2);
      assertThat(all(r)).contains("outside the policy root").doesNotContain(SECRET);
    }
  }

  @Test
  void explain_probesFileThatIsALinkOutOfItsDirectory_isRefused() throws IOException {
    Assumptions.assumeTrue(symlinks(tmp));
    Path p = policy("network lan = 10.0.0.0/8\n");
    Path probes = site.resolve("probes.csv");
    Files.createSymbolicLink(probes, outside.resolve("secret.rpcwall"));

    CliRunner.Run r = run("explain", p.toString(), "--probes", probes.toString());

    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("cannot read probes file").contains("outside the policy root");
    assertThat(all(r)).doesNotContain(SECRET);
  }

  @Test
  void check_importedFileInsideTheRootThatIsNoPolicy_isReportedWithoutItsContent()
      throws IOException {
    Files.writeString(site.resolve(".env"), "# CI\nDEPLOY_TOKEN=" + SECRET + "\n");
    Files.write(site.resolve("blob.rpcwall"), new byte[] {0x7f, 'E', 'L', 'F', 2, 1, 1, (byte) 0xff,
        'S', 'E', 'C', 'R', 'E', 'T', '=', 'x', '\n'});
    Path p = policy("import \".env\"\nimport \"blob.rpcwall\"\nnetwork lan = 10.0.0.0/8\n");

    CliRunner.Run text = run("check", p.toString());
    CliRunner.Run json = run("check", "--format", "json", p.toString());

    assertThat(text.exit()).isEqualTo(2);
    assertThat(text.out())
        .contains(":2:8: error[RW1008]: imported file '").contains(".env' is not a policy file")
        .contains(":3:8: error[RW1008]");
    assertThat(all(text)).doesNotContain(SECRET).doesNotContain("DEPLOY_TOKEN")
        .doesNotContain("SECRET=");
    assertThat(all(json)).doesNotContain(SECRET).doesNotContain("DEPLOY_TOKEN");
  }

  @Test
  void fmt_fileThatIsNoPolicy_isReportedWithoutItsContent() throws IOException {
    Path f = site.resolve("notes.rpcwall");
    Files.writeString(f, "password: " + SECRET + "\n");

    CliRunner.Run r = run("fmt", "--stdout", f.toString());

    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("error[RW1008]").doesNotContain(SECRET);
    assertThat(r.out()).doesNotContain(SECRET);
  }

  @Test
  void everyCommand_acceptsRoot_andRefusesAMissingOne() throws IOException {
    Path p = policy("import \"../common/nets.rpcwall\"\n");
    String root = repo.toString();
    String f = p.toString();

    assertThat(run("check", "--root", root, f).exit()).isZero();
    assertThat(run("fmt", "--check", "--root", root, f).exit()).isZero();
    assertThat(run("diff", "--root", root, f, f).exit()).isZero();
    assertThat(run("explain", "--root", root, f, "--from", "10.0.0.1", "--port", "135").exit())
        .isZero();
    assertThat(run("compile", "--root", root, "-t", "netsh", f).exit()).isZero();
    CliRunner.Run missing = run("check", "--root", tmp.resolve("nope").toString(), f);
    assertThat(missing.exit()).isEqualTo(2);
    assertThat(missing.err()).contains("--root").contains("no such directory");
    assertThat(run("fmt", "--root", site.toString(), outside.resolve("nets.rpcwall").toString())
        .err()).contains("outside the policy root");
  }

  @Test
  void check_controlCharactersInFileNamesAndMessages_areEscaped() throws IOException {
    String nasty = "\u001b]0;owned\u0007\u202e";
    Path f;
    try {
      f = site.resolve("x" + nasty + ".yaml");
      Files.writeString(f, "policy: p\n\"k\\e[2J\\u2066\": 1\n");
    } catch (java.nio.file.InvalidPathException | IOException e) {
      Assumptions.abort("file system does not take control characters in names");
      return;
    }

    CliRunner.Run text = run("check", f.toString());
    CliRunner.Run json = run("check", "--format", "json", f.toString());

    assertThat(text.exit()).isEqualTo(2);
    for (String out : new String[] {text.out(), text.err(), json.out(), json.err()}) {
      out.chars().forEach(c -> assertThat(c == '\n' || !Printable.isUnsafe(c))
          .as("U+%04X in %s", c, out).isTrue());
    }
    assertThat(text.out()).contains("x\\u{1b}]0;owned\\u{7}\\u{202e}.yaml:2:2: error[RW0009]")
        .contains("unknown key 'k\\u{1b}[2J\\u{2066}'");
    JsonNode parsed = new ObjectMapper().readTree(json.out());
    JsonNode d = parsed.get("files").get(0).get("diagnostics").get(0);
    assertThat(d.get("file").asText()).isEqualTo(f.toString());
    assertThat(d.get("message").asText()).isEqualTo("unknown key 'k\u001b[2J\u2066'");
  }
}
