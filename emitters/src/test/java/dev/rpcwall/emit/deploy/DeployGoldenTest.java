package dev.rpcwall.emit.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rpcwall.compiler.Analysis;
import dev.rpcwall.compiler.Compiler;
import dev.rpcwall.compiler.diag.Codes;
import dev.rpcwall.compiler.diag.Diagnostic;
import dev.rpcwall.compiler.target.EmittedFile;
import dev.rpcwall.compiler.target.TargetId;
import dev.rpcwall.emit.Compilation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every example through the three deployment targets, compared byte for byte with
 * {@code src/test/resources/golden-deploy/<example>/}; an example without an RPC range gets the
 * RW2400 error from each target and no files. {@code -Drpcwall.golden.update=true} rewrites them.
 */
class DeployGoldenTest {
  private static final Path GOLDEN = Path.of("src/test/resources/golden-deploy");

  @TestFactory
  Stream<DynamicTest> everyExampleEveryDeployTarget() throws IOException {
    boolean update = Boolean.getBoolean("rpcwall.golden.update");
    Path dir = Path.of(System.getProperty("rpcwall.examples", "../examples"));
    List<Path> examples;
    try (Stream<Path> s = Files.list(dir)) {
      examples = s.filter(p -> p.toString().matches(".*\\.(rpcwall|ya?ml)$")).sorted().toList();
    }
    return examples.stream().map(example -> DynamicTest.dynamicTest(example.getFileName().toString(), () -> {
      String name = "examples/" + example.getFileName();
      Path root = example.getParent().getParent();
      Analysis analysis = Compiler.analyze(p -> load(root.resolve(p)), name);
      assertThat(analysis.hasErrors()).isFalse();
      var policy = analysis.decisionMap().orElseThrow().policy();
      List<String> names = new ArrayList<>();
      String stem = example.getFileName().toString().replaceAll("\\.[^.]+$", "");
      for (TargetId t : List.of(TargetId.REG, TargetId.ADMX, TargetId.SCEREGVL)) {
        RpcArtifacts.Output out = RpcArtifacts.compile(t, policy, analysis.mainBytes(), Compilation.TOOL_VERSION);
        if (!RpcArtifacts.applies(policy)) {
          assertThat(out.diagnostics().sorted()).extracting(Diagnostic::code).contains(Codes.DEPLOY_NO_RPC);
          assertThat(out.files()).isEmpty();
          continue;
        }
        assertThat(out.verificationProblems()).isEmpty();
        assertThat(out.diagnostics().hasErrors()).isFalse();
        for (EmittedFile f : out.files()) {
          Path expected = GOLDEN.resolve(stem).resolve(f.name());
          names.add(f.name());
          if (update) {
            Files.createDirectories(expected.getParent());
            Files.write(expected, f.bytes());
          }
          assertThat(expected).as("golden file (run with -Drpcwall.golden.update=true)").exists();
          assertThat(Files.readAllBytes(expected)).as(expected.toString()).isEqualTo(f.bytes());
        }
      }
      Path caseDir = GOLDEN.resolve(stem);
      if (names.isEmpty()) {
        assertThat(caseDir).doesNotExist();
      } else {
        try (Stream<Path> present = Files.walk(caseDir)) {
          assertThat(present.filter(Files::isRegularFile).map(p -> caseDir.relativize(p).toString().replace('\\', '/')).sorted())
              .containsExactlyElementsOf(names.stream().sorted().toList());
        }
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
