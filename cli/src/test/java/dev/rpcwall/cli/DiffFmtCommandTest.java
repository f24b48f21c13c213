package dev.rpcwall.cli;

import static dev.rpcwall.cli.CliRunner.example;
import static dev.rpcwall.cli.CliRunner.run;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DiffFmtCommandTest {
  static final String KB = example("kb-rpc-5001-5021.rpcwall");
  @TempDir Path dir;

  @Test
  void diff_policyAndItself_noDifferenceExit0() {
    CliRunner.Run r = run("diff", KB, KB);
    assertThat(r.exit()).isZero();
    assertThat(r.out()).contains("no difference");
  }

  @Test
  void diff_widenedAdminSubnet_reportsTheRegionExit1() throws IOException {
    String text = Files.readString(Path.of(KB)).replace("10.1.1.0/255.255.255.0", "10.1.0.0/255.255.254.0");
    Path changed = dir.resolve("changed.rpcwall");
    Files.writeString(changed, text);
    CliRunner.Run r = run("diff", KB, changed.toString());
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.out()).contains("tcp 135,5001-5021 from 10.1.0.0/24 on all profiles: block -> allow")
        .contains("1 changed region");
  }

  @Test
  void fmt_check_formattedExampleExit0_unformattedExit1() throws IOException {
    Path messy = dir.resolve("messy.rpcwall");
    Files.writeString(messy, "policy   \"m\"\n\n\n\nallow    10.0.0.1   to tcp 135 # keep me\n");
    CliRunner.Run before = run("fmt", "--check", messy.toString());
    assertThat(before.exit()).isEqualTo(1);
    assertThat(before.out()).contains("not formatted");
    CliRunner.Run write = run("fmt", messy.toString());
    assertThat(write.exit()).isZero();
    assertThat(Files.readString(messy)).contains("# keep me");
    CliRunner.Run after = run("fmt", "--check", messy.toString());
    assertThat(after.exit()).isZero();
    assertThat(run("diff", messy.toString(), messy.toString()).exit()).isZero();
  }

  @Test
  void fmt_crlfFile_isFormattedWhenOnlyTheLineEndsDiffer_andKeepsCrlfBomAndUtf16() throws IOException {
    String kb = Files.readString(CliRunner.examples().resolve("kb-rpc-5001-5021.rpcwall"));
    Path crlf = dir.resolve("kb.rpcwall");
    Files.writeString(crlf, kb.replace("\n", "\r\n"));
    assertThat(run("fmt", "--check", crlf.toString()).exit()).as("CRLF checkout").isZero();

    Path messy = dir.resolve("messy.rpcwall");
    byte[] body = "policy   \"m\"\r\n\r\n\r\nallow  10.0.0.1 to tcp 135\r\n".getBytes(StandardCharsets.UTF_8);
    byte[] withBom = new byte[body.length + 3];
    withBom[0] = (byte) 0xEF;
    withBom[1] = (byte) 0xBB;
    withBom[2] = (byte) 0xBF;
    System.arraycopy(body, 0, withBom, 3, body.length);
    Files.write(messy, withBom);
    assertThat(run("fmt", messy.toString()).exit()).isZero();
    byte[] after = Files.readAllBytes(messy);
    assertThat(after[0] & 0xFF).isEqualTo(0xEF);
    String text = new String(after, 3, after.length - 3, StandardCharsets.UTF_8);
    assertThat(text.replace("\r\n", "")).doesNotContain("\n").doesNotContain("\r");
    assertThat(text).startsWith("policy \"m\"\r\n");
    assertThat(run("fmt", "--check", messy.toString()).exit()).isZero();

    Path utf16 = dir.resolve("u16.rpcwall");
    byte[] u = "policy   \"m\"\r\nallow 10.0.0.1 to tcp 135\r\n".getBytes(StandardCharsets.UTF_16LE);
    byte[] u16 = new byte[u.length + 2];
    u16[0] = (byte) 0xFF;
    u16[1] = (byte) 0xFE;
    System.arraycopy(u, 0, u16, 2, u.length);
    Files.write(utf16, u16);
    assertThat(run("fmt", utf16.toString()).exit()).isZero();
    byte[] back = Files.readAllBytes(utf16);
    assertThat(back[0] & 0xFF).isEqualTo(0xFF);
    assertThat(new String(back, 2, back.length - 2, StandardCharsets.UTF_16LE)).startsWith("policy \"m\"\r\n");
  }

  @Test
  void importWithWindowsBackslashes_checksCompilesAndFmtKeepsItByteForByte() throws IOException {
    Files.createDirectories(dir.resolve("common"));
    Files.writeString(dir.resolve("common").resolve("networks.rpcwall"),
        "network admins = 10.1.1.0/24\n");
    // As written in the file: import "common\networks.rpcwall" and import "common\\networks.rpcwall"
    String text = "policy \"w\"\nimport \"common\\networks.rpcwall\"\n"
        + "import \"common\\\\networks.rpcwall\"\n\nallow admins to tcp 135\n";
    Path main = dir.resolve("main.rpcwall");
    Files.writeString(main, text);

    CliRunner.Run check = run("check", main.toString());
    assertThat(check.exit()).as(check.out() + check.err()).isZero();
    Path out = dir.resolve("out");
    CliRunner.Run compile = run("compile", main.toString(), "--target", "netsh", "-o", out.toString());
    assertThat(compile.exit()).as(compile.out() + compile.err()).isZero();

    CliRunner.Run fmt = run("fmt", "--stdout", main.toString());
    assertThat(fmt.exit()).as(fmt.err()).isZero();
    assertThat(fmt.out()).contains("import \"common\\networks.rpcwall\"\n")
        .contains("import \"common\\\\networks.rpcwall\"\n");
    assertThat(run("fmt", main.toString()).exit()).isZero();
    String once = Files.readString(main);
    assertThat(once).contains("import \"common\\networks.rpcwall\"\n");
    assertThat(run("fmt", "--check", main.toString()).exit()).as("idempotent").isZero();
    assertThat(run("fmt", main.toString()).exit()).isZero();
    assertThat(Files.readString(main)).isEqualTo(once);
  }

  @Test
  void check_importLeavingTheRootWithBackslashes_isRw1007Exit2() throws IOException {
    Path pol = Files.createDirectories(dir.resolve("pol"));
    Files.writeString(dir.resolve("outside.rpcwall"), "network admins = 10.1.1.0/24\n");
    Path main = pol.resolve("main.rpcwall");
    for (String path : new String[] {"..\\outside.rpcwall", "C:\\x.rpcwall", "\\\\srv\\share\\x.rpcwall"}) {
      Files.writeString(main, "policy \"w\"\nimport \"" + path + "\"\nallow admins to tcp 135\n");
      CliRunner.Run r = run("check", main.toString());
      assertThat(r.exit()).as(path).isEqualTo(2);
      assertThat(r.out() + r.err()).as(path).contains("RW1007");
    }
  }

  @Test
  void fmt_invalidFile_exit2AndUnchanged() throws IOException {
    Path bad = dir.resolve("bad.rpcwall");
    Files.writeString(bad, "policy \"x\"\nallow to\n");
    CliRunner.Run r = run("fmt", bad.toString());
    assertThat(r.exit()).isEqualTo(2);
    assertThat(Files.readString(bad)).isEqualTo("policy \"x\"\nallow to\n");
  }

  @Test
  void diff_everyExampleAndItsFmtOutput_noDifference() throws IOException {
    for (Path p : CheckCommandTest.examplePolicies()) {
      CliRunner.Run fmt = run("fmt", "--stdout", p.toString());
      assertThat(fmt.exit()).as(p + fmt.err()).isZero();
      // Formatted text lives next to the original so relative imports still resolve.
      Path formatted = p.resolveSibling(".fmt-" + p.getFileName() + ".rpcwall");
      try {
        Files.writeString(formatted, fmt.out());
        CliRunner.Run d = run("diff", p.toString(), formatted.toString());
        assertThat(d.exit()).as(p + "\n" + d.out() + d.err()).isZero();
        assertThat(run("fmt", "--check", formatted.toString()).exit()).as("idempotent " + p).isZero();
      } finally {
        Files.deleteIfExists(formatted);
      }
    }
  }

  @Test
  void fmt_fileNameNearTheLengthLimit_isRewritten() throws IOException {
    // 250 characters: legal on every common file system, but a temporary name built from it
    // would be longer than 255 and could not be created.
    Path file = dir.resolve("p".repeat(242) + ".rpcwall");
    Files.writeString(file, "policy  \"x\"\nallow 10.0.0.0/8   to tcp 80\n");

    CliRunner.Run r = run("fmt", file.toString());

    assertThat(r.exit()).as(r.err()).isEqualTo(0);
    assertThat(Files.readString(file)).isEqualTo("policy \"x\"\nallow 10.0.0.0/8 to tcp 80\n");
  }

  @Test
  void diff_onlyTheWmiPortChanges_reportsTheSettingExit1() throws IOException {
    Path a = dir.resolve("a.rpcwall");
    Path b = dir.resolve("b.rpcwall");
    Files.writeString(a, "policy \"w\"\nrpc {\n  dynamic ports 5000-5099\n}\nallow 10.0.0.0/8 to tcp 135\n");
    Files.writeString(b, "policy \"w\"\nrpc {\n  dynamic ports 5000-5199\n}\nallow 10.0.0.0/8 to tcp 135\n");
    CliRunner.Run r = run("diff", a.toString(), b.toString());
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.out()).contains("rpc dynamic ports: 5000-5099 -> 5000-5199").contains("0 changed regions, 1 changed setting");
    CliRunner.Run j = run("diff", a.toString(), b.toString(), "--format", "json");
    assertThat(j.out()).contains("\"same\" : false").contains("\"setting\" : \"rpc dynamic ports\"");
  }
}
