package dev.rpcwall.emit.sigma;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rpcwall.compiler.Analysis;
import dev.rpcwall.compiler.Compiler;
import dev.rpcwall.compiler.target.EmittedFile;
import dev.rpcwall.emit.Compilation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every example through the sigma target, self-checked, compiled twice to the same bytes, and
 * compared byte for byte with {@code src/test/resources/golden-sigma/<example>/} (no other file
 * there). {@code -Drpcwall.golden.update=true} rewrites them.
 */
class SigmaGoldenTest {
  private static final Path GOLDEN = Path.of("src/test/resources/golden-sigma");

  @TestFactory
  Stream<DynamicTest> everyExample_sigmaRules_matchGoldenFiles() throws IOException {
    boolean update = Boolean.getBoolean("rpcwall.golden.update");
    Path dir = Path.of(System.getProperty("rpcwall.examples", "../examples"));
    List<Path> examples;
    try (Stream<Path> s = Files.list(dir)) {
      examples = s.filter(p -> p.toString().matches(".*\\.(rpcwall|ya?ml)$")).sorted().toList();
    }
    assertThat(examples).isNotEmpty();
    return examples.stream().map(example -> DynamicTest.dynamicTest(example.getFileName().toString(), () -> {
      String name = "examples/" + example.getFileName();
      Path root = example.getParent().getParent();
      Analysis analysis = Compiler.analyze(p -> load(root.resolve(p)), name);
      assertThat(analysis.hasErrors()).isFalse();
      var map = analysis.decisionMap().orElseThrow();
      SigmaRules.Output out = SigmaRules.compile(map, analysis.mainBytes(), Compilation.TOOL_VERSION);
      assertThat(out.verificationProblems()).isEmpty();
      assertThat(out.diagnostics().hasErrors()).as(out.diagnostics().sorted().toString()).isFalse();
      assertThat(out.files()).isNotEmpty();
      SigmaRules.Output again = SigmaRules.compile(map, analysis.mainBytes(), Compilation.TOOL_VERSION);
      String stem = example.getFileName().toString().replaceAll("\\.[^.]+$", "");
      Path caseDir = GOLDEN.resolve(stem);
      List<String> names = new ArrayList<>();
      for (int i = 0; i < out.files().size(); i++) {
        EmittedFile f = out.files().get(i);
        assertThat(again.files().get(i).bytes()).as("deterministic " + f.name()).isEqualTo(f.bytes());
        Path expected = caseDir.resolve(f.name());
        names.add(f.name());
        if (update) {
          Files.createDirectories(caseDir);
          Files.write(expected, f.bytes());
        }
        assertThat(expected).as("golden file (run with -Drpcwall.golden.update=true)").exists();
        assertThat(Files.readAllBytes(expected)).as(expected.toString()).isEqualTo(f.bytes());
      }
      try (Stream<Path> present = Files.list(caseDir)) {
        assertThat(present.map(p -> p.getFileName().toString()).sorted())
            .containsExactlyElementsOf(names.stream().sorted().toList());
      }
    }));
  }

  private static Optional<byte[]> load(Path p) {
    try {
      return Optional.of(Files.readAllBytes(p));
    } catch (IOException e) {
      return Optional.empty();
    }
  }
}
