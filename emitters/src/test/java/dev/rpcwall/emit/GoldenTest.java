package dev.rpcwall.emit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rpcwall.compiler.Analysis;
import dev.rpcwall.compiler.Compiler;
import dev.rpcwall.compiler.target.EmittedFile;
import dev.rpcwall.compiler.target.TargetId;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every example compiled for every target, compared byte for byte (CRLF and BOM included) with the
 * files under {@code src/test/resources/golden/<example>/}. Run with {@code
 * -Drpcwall.golden.update=true} to rewrite them, then review the diff.
 */
class GoldenTest {
  private static final Path GOLDEN = Path.of("src/test/resources/golden");

  static List<Path> examples() throws IOException {
    Path dir = Path.of(System.getProperty("rpcwall.examples", "../examples"));
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(p -> p.toString().matches(".*\\.(rpcwall|ya?ml)$")).sorted().toList();
    }
  }

  static Optional<byte[]> load(String path) {
    try {
      return Optional.of(Files.readAllBytes(Path.of(path)));
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  @TestFactory
  Stream<DynamicTest> golden_everyExampleEveryTarget_matchesBytes() throws IOException {
    boolean update = Boolean.getBoolean("rpcwall.golden.update");
    return examples().stream()
        .map(
            example ->
                DynamicTest.dynamicTest(
                    example.getFileName().toString(),
                    () -> {
                      // The example name as the CLI would see it from the repository root.
                      String name = "examples/" + example.getFileName();
                      Path root = example.getParent().getParent();
                      Analysis analysis = Compiler.analyze(p -> load(root.resolve(p).toString()), name);
                      assertThat(analysis.hasErrors()).as(analysis.diagnostics().toString()).isFalse();
                      Compilation.Output out =
                          Compilation.compile(
                              analysis.decisionMap().orElseThrow(),
                              analysis.mainBytes(),
                              EnumSet.copyOf(Targets.builtIn().keySet()),
                              Compilation.Options.defaults());
                      assertThat(out.verificationProblems()).isEmpty();
                      assertThat(out.hasErrors()).as(out.diagnostics().toString()).isFalse();
                      assertThat(out.files()).hasSize(2 * Targets.builtIn().size());
                      Compilation.Output again =
                          Compilation.compile(
                              analysis.decisionMap().orElseThrow(),
                              analysis.mainBytes(),
                              EnumSet.copyOf(Targets.builtIn().keySet()),
                              Compilation.Options.defaults());
                      Path caseDir = GOLDEN.resolve(stem(example));
                      for (int i = 0; i < out.files().size(); i++) {
                        EmittedFile f = out.files().get(i);
                        assertThat(again.files().get(i).bytes()).as("deterministic " + f.name()).isEqualTo(f.bytes());
                        Path expected = caseDir.resolve(f.name());
                        if (update) {
                          write(expected, f.bytes());
                        }
                        assertThat(expected).as("golden file " + expected + " (run with -Drpcwall.golden.update=true)").exists();
                        assertThat(Files.readAllBytes(expected)).as(expected.toString()).isEqualTo(f.bytes());
                      }
                      // No golden file that no compile writes any more (a renamed output).
                      try (Stream<Path> present = Files.list(caseDir)) {
                        assertThat(present.map(p -> p.getFileName().toString()).sorted())
                            .as("files in " + caseDir)
                            .containsExactlyElementsOf(out.files().stream().map(EmittedFile::name).sorted().toList());
                      }
                    }));
  }

  private static String stem(Path p) {
    String n = p.getFileName().toString();
    return n.substring(0, n.lastIndexOf('.'));
  }

  private static void write(Path p, byte[] bytes) {
    try {
      Files.createDirectories(p.getParent());
      Files.write(p, bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
