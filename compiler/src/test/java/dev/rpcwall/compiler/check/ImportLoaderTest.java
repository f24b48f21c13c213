package dev.rpcwall.compiler.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.rpcwall.compiler.Analysis;
import dev.rpcwall.compiler.Compiler;
import dev.rpcwall.compiler.diag.Diagnostic;
import dev.rpcwall.compiler.diag.DiagnosticRenderer;
import dev.rpcwall.compiler.source.LoadResult;
import dev.rpcwall.compiler.source.SourceLoader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ImportLoaderTest {
  private static final String SECRET = "FAKE_SECRET_d41d8cd98f00b204";

  /** A loader over a map that records every path it is asked for. */
  private static final class MapLoader implements SourceLoader {
    final Map<String, String> files = new HashMap<>();
    final List<String> asked = new ArrayList<>();

    MapLoader with(String path, String text) {
      files.put(path, text);
      return this;
    }

    @Override
    public Optional<byte[]> load(String path) {
      asked.add(path);
      return Optional.ofNullable(files.get(path)).map(t -> t.getBytes(StandardCharsets.UTF_8));
    }
  }

  private static String rendered(Analysis a) {
    DiagnosticRenderer r = new DiagnosticRenderer(a.sources());
    return a.diagnostics().stream().map(r::render).collect(Collectors.joining());
  }

  @Test
  void load_pathsOutsideTheRoot_areRefusedWithoutAskingTheLoader() {
    MapLoader loader = new MapLoader()
        .with("pol/main.rpcwall", "policy \"p\"\nimport \"/proc/self/environ\"\n"
            + "import \"../etc/shadow\"\nimport \"\\\\\\\\attacker\\\\share\\\\x\"\n"
            + "import \"C:/Windows/win.ini\"\nallow any to tcp 1\n")
        .with("/proc/self/environ", "A=" + SECRET)
        .with("etc/shadow", "root:" + SECRET);

    Analysis a = Compiler.analyze(loader, "pol/main.rpcwall");

    assertThat(a.diagnostics())
        .extracting(Diagnostic::code, d -> d.span().line())
        .containsExactly(
            tuple("RW1007", 2), tuple("RW1007", 3), tuple("RW1007", 4), tuple("RW1007", 5));
    assertThat(loader.asked).containsExactly("pol/main.rpcwall");
    assertThat(rendered(a)).doesNotContain(SECRET);
  }

  @Test
  void load_dotDotInsideTheRootAndBackslashes_areFollowed() {
    MapLoader loader = new MapLoader()
        .with("pol/main.rpcwall",
            "policy \"p\"\nimport \"a\\\\..\\\\common\\\\nets.rpcwall\"\nallow lan to tcp 1\n")
        .with("pol/common/nets.rpcwall", "network lan = 10.0.0.0/8\n");

    Analysis a = Compiler.analyze(loader, "pol/main.rpcwall");

    assertThat(a.diagnostics()).isEmpty();
    assertThat(loader.asked).containsExactly("pol/main.rpcwall", "pol/common/nets.rpcwall");
  }

  @Test
  void load_singleBackslashesAsInWindowsPaths_areSeparatorsNotEscapes() {
    // The .rpcwall text is: import "common\networks.rpcwall" (one backslash, as Windows writes it).
    MapLoader loader = new MapLoader()
        .with("pol/main.rpcwall",
            "policy \"p\"\nimport \"common\\networks.rpcwall\"\nallow lan to tcp 1\n")
        .with("pol/common/networks.rpcwall", "network lan = 10.0.0.0/8\n");

    Analysis a = Compiler.analyze(loader, "pol/main.rpcwall");

    assertThat(a.diagnostics()).isEmpty();
    assertThat(loader.asked).containsExactly("pol/main.rpcwall", "pol/common/networks.rpcwall");
  }

  @Test
  void load_doubledBackslashesAsWrittenBefore_meanTheSameFile() {
    // The .rpcwall text is: import "common\\networks.rpcwall" (the old escaped spelling).
    MapLoader loader = new MapLoader()
        .with("pol/main.rpcwall",
            "policy \"p\"\nimport \"common\\\\networks.rpcwall\"\nimport \"common//networks.rpcwall\"\n"
                + "allow lan to tcp 1\n")
        .with("pol/common/networks.rpcwall", "network lan = 10.0.0.0/8\n");

    Analysis a = Compiler.analyze(loader, "pol/main.rpcwall");

    assertThat(a.diagnostics()).isEmpty();
    assertThat(loader.asked).containsExactly("pol/main.rpcwall", "pol/common/networks.rpcwall");
  }

  @Test
  void load_rawBackslashPathsLeavingTheRoot_areRefusedWithoutReading() {
    // As written: "..\outside.rpcwall", "..\..\secret", "C:\x.rpcwall", "\\srv\share\x.rpcwall",
    // "\\?\C:\x", "\x.rpcwall", "a\..\..\x.rpcwall"
    MapLoader loader = new MapLoader()
        .with("pol/main.rpcwall", "policy \"p\"\n"
            + "import \"..\\outside.rpcwall\"\n"
            + "import \"..\\..\\secret\"\n"
            + "import \"C:\\x.rpcwall\"\n"
            + "import \"\\\\srv\\share\\x.rpcwall\"\n"
            + "import \"\\\\?\\C:\\x\"\n"
            + "import \"\\x.rpcwall\"\n"
            + "import \"a\\..\\..\\x.rpcwall\"\n"
            + "allow any to tcp 1\n")
        .with("outside.rpcwall", "network a = 10.0.0.1 # " + SECRET)
        .with("secret", SECRET)
        .with("../secret", SECRET)
        .with("x.rpcwall", SECRET);

    Analysis a = Compiler.analyze(loader, "pol/main.rpcwall");

    assertThat(a.diagnostics())
        .extracting(Diagnostic::code, d -> d.span().line())
        .containsExactly(
            tuple("RW1007", 2), tuple("RW1007", 3), tuple("RW1007", 4), tuple("RW1007", 5),
            tuple("RW1007", 6), tuple("RW1007", 7), tuple("RW1007", 8));
    assertThat(a.diagnostics().get(3).message()).contains("UNC");
    assertThat(a.diagnostics().get(2).message()).contains("drive letter");
    assertThat(loader.asked).containsExactly("pol/main.rpcwall");
    assertThat(rendered(a)).doesNotContain(SECRET);
  }

  @Test
  void load_quoteLeftInARawPath_isAnInvalidPathCharacter() {
    // As written: import "a\"b.rpcwall" -- the lexer takes \" as part of the string.
    MapLoader loader = new MapLoader()
        .with("main.rpcwall", "policy \"p\"\nimport \"a\\\"b.rpcwall\"\n")
        .with("a\"b.rpcwall", "network x = 10.0.0.1\n");

    Analysis a = Compiler.analyze(loader, "main.rpcwall");

    assertThat(a.diagnostics())
        .singleElement()
        .satisfies(d -> {
          assertThat(d.code()).isEqualTo("RW1007");
          assertThat(d.message()).contains("not a valid path character");
        });
    assertThat(loader.asked).containsExactly("main.rpcwall");
  }

  @Test
  void load_yamlImportWithBackslashes_isTheSameFile() {
    MapLoader loader = new MapLoader()
        .with("pol/main.yaml",
            "policy: p\nimports: ['common\\nets.rpcwall']\nrules:\n  - allow: lan\n    to: tcp 1\n")
        .with("pol/common/nets.rpcwall", "network lan = 10.0.0.0/8\n");

    assertThat(Compiler.analyze(loader, "pol/main.yaml").diagnostics()).isEmpty();
  }

  @Test
  void load_withAWiderRoot_followsDotDotUpToIt() {
    MapLoader loader = new MapLoader()
        .with("repo/site/main.rpcwall",
            "policy \"p\"\nimport \"../common/nets.rpcwall\"\nimport \"../../x.rpcwall\"\n"
                + "allow lan to tcp 1\n")
        .with("repo/common/nets.rpcwall", "network lan = 10.0.0.0/8\n")
        .with("x.rpcwall", "network x = 10.0.0.1\n");

    Analysis narrow = Compiler.analyze(loader, "repo/site/main.rpcwall");
    Analysis wide = Compiler.analyze(loader, "repo/site/main.rpcwall", "repo");

    assertThat(narrow.diagnostics()).extracting(Diagnostic::code, d -> d.span().line())
        .contains(tuple("RW1007", 2), tuple("RW1007", 3));
    assertThat(wide.diagnostics()).extracting(Diagnostic::code, d -> d.span().line())
        .containsExactly(tuple("RW1007", 3));
    assertThat(wide.diagnostics().get(0).message()).contains("'repo'");
  }

  @Test
  void load_loaderRefusal_isAnErrorAtTheImport() {
    SourceLoader loader =
        new SourceLoader() {
          @Override
          public Optional<byte[]> load(String path) {
            throw new AssertionError("read() must be used");
          }

          @Override
          public LoadResult read(String path) {
            return path.equals("main.rpcwall")
                ? new LoadResult.Found(
                    "policy \"p\"\nimport \"link.rpcwall\"\nallow any to tcp 1\n"
                        .getBytes(StandardCharsets.UTF_8))
                : new LoadResult.Refused("it is a link to a file outside the policy root");
          }
        };

    Analysis a = Compiler.analyze(loader, "main.rpcwall");

    assertThat(a.diagnostics()).singleElement().satisfies(d -> {
      assertThat(d.code()).isEqualTo("RW1007");
      assertThat(d.span().line()).isEqualTo(2);
      assertThat(d.message()).isEqualTo(
          "import 'link.rpcwall' refused: it is a link to a file outside the policy root");
    });
  }

  @Test
  void load_importedFileThatIsNoPolicy_isNeverQuoted() {
    for (String secretFile :
        List.of(
            "PATH=/usr/bin\u0000TOKEN=" + SECRET + "\u0000",
            "root:$6$" + SECRET + ":19000:0:99999:7:::\n",
            "[http]\n\textraheader = AUTHORIZATION: basic " + SECRET + "\n",
            "# comment\n\nnetwork\u0007" + SECRET + "\n",
            "default login ci password " + SECRET + "\n",
            "\u007fELF\u0002\u0001" + SECRET)) {
      MapLoader loader = new MapLoader()
          .with("main.rpcwall", "policy \"p\"\nimport \"data.rpcwall\"\nallow any to tcp 1\n")
          .with("data.rpcwall", secretFile);

      Analysis a = Compiler.analyze(loader, "main.rpcwall");

      assertThat(a.diagnostics()).as(secretFile).singleElement().satisfies(d -> {
        assertThat(d.code()).isEqualTo("RW1008");
        assertThat(d.span().source()).isEqualTo("main.rpcwall");
      });
      assertThat(rendered(a)).as(secretFile).doesNotContain(SECRET).doesNotContain("extraheader");
      assertThat(a.sources()).doesNotContainKey("data.rpcwall");
    }
  }

  @Test
  void load_mainFileThatIsNoPolicy_isReportedAtItsFirstProblemWithoutSnippet() {
    MapLoader loader = new MapLoader().with("env.yaml", "apiVersion: v1\ntoken: " + SECRET + "\n");

    Analysis a = Compiler.analyze(loader, "env.yaml");

    assertThat(a.diagnostics()).singleElement().satisfies(d -> {
      assertThat(d.code()).isEqualTo("RW1008");
      assertThat(d.span().location()).isEqualTo("env.yaml:1:1");
    });
    assertThat(rendered(a)).doesNotContain(SECRET).doesNotContain("apiVersion");
  }

  @Test
  void load_policyWithErrorsAfterItsFirstStatement_isQuotedAsBefore() {
    MapLoader loader = new MapLoader()
        .with("main.rpcwall", "policy \"p\"\nimport \"nets.rpcwall\"\nallow lan to tcp 1\n")
        .with("nets.rpcwall", "network lan = 10.0.0.0/8\nnetwork wan = = 10.0.0.1\n");

    Analysis a = Compiler.analyze(loader, "main.rpcwall");

    assertThat(rendered(a)).contains("nets.rpcwall:2:15: error[RW0001]")
        .contains("    network wan = = 10.0.0.1\n");
  }

  @Test
  void problem_eachWindowsPathForm_isNamed() {
    assertThat(ImportPaths.problem("a/b.rpcwall")).isEmpty();
    assertThat(ImportPaths.problem("../a.rpcwall")).isEmpty();
    assertThat(ImportPaths.problem(".hidden/a.rpcwall")).isEmpty();
    assertThat(ImportPaths.problem("")).contains("is empty");
    assertThat(ImportPaths.problem("/a")).contains("is absolute");
    assertThat(ImportPaths.problem("\\a")).contains("is absolute");
    assertThat(ImportPaths.problem("c:\\a")).contains("starts with a drive letter");
    assertThat(ImportPaths.problem("Z:a")).contains("starts with a drive letter");
    assertThat(ImportPaths.problem("\\\\h\\s")).get().asString().startsWith("is a UNC path");
    assertThat(ImportPaths.problem("//h/s")).get().asString().startsWith("is a UNC path");
    assertThat(ImportPaths.problem("\\\\?\\UNC\\h\\s")).get().asString().startsWith("is a Windows device");
    assertThat(ImportPaths.problem("//./COM1")).get().asString().startsWith("is a Windows device");
    assertThat(ImportPaths.problem("a/CON")).get().asString().startsWith("names the Windows device");
    assertThat(ImportPaths.problem("a/com\u00b9.txt")).get().asString().startsWith("names the Windows");
    assertThat(ImportPaths.problem("a/Lpt9.yaml")).get().asString().startsWith("names the Windows");
    assertThat(ImportPaths.problem("a/console.rpcwall")).isEmpty();
    assertThat(ImportPaths.problem("a/x.rpcwall::$DATA")).get().asString().startsWith("contains ':'");
    assertThat(ImportPaths.problem(".. /a")).get().asString().startsWith("has a name ending");
    assertThat(ImportPaths.problem("...")).get().asString().startsWith("has a name ending");
    assertThat(ImportPaths.problem("a\u001b[2J")).contains("contains a control character");
  }

  @Test
  void within_comparesWholeSegments() {
    assertThat(ImportPaths.within("", "a/b")).isTrue();
    assertThat(ImportPaths.within("", "../a")).isFalse();
    assertThat(ImportPaths.within("pol", "pol/a")).isTrue();
    assertThat(ImportPaths.within("pol", "policy/a")).isFalse();
    assertThat(ImportPaths.within("pol", "pol")).isFalse();
    assertThat(ImportPaths.within("..", "../a")).isTrue();
    assertThat(ImportPaths.within("..", "../../a")).isFalse();
    assertThat(ImportPaths.within("/r", "/r/a")).isTrue();
    assertThat(ImportPaths.within("/r", "/../r/a")).isFalse();
    assertThat(ImportPaths.within("", "/a")).isFalse();
    assertThat(ImportPaths.within("C:/r", "C:/r/a")).isTrue();
  }
}
