package dev.rpcwall.emit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rpcwall.compiler.Analysis;
import dev.rpcwall.compiler.Compiler;
import dev.rpcwall.compiler.diag.Codes;
import dev.rpcwall.compiler.target.EmittedFile;
import dev.rpcwall.compiler.target.TargetId;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every example compiled for every registered target, as {@code --target all --ipv4-only} does,
 * compared byte for byte (CRLF and BOM included) with the files under {@code
 * src/test/resources/golden/<example>/}: the legacy IPsec dialects get golden files for every
 * example they can express, and {@value #SKIPPED} holds the RW2304 warning for the others. Run with {@code
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
                      Compilation.Output out = compileAll(analysis);
                      assertThat(out.verificationProblems()).isEmpty();
                      assertThat(out.hasErrors()).as(out.diagnostics().toString()).isFalse();
                      List<String> skipped = skipWarnings(out);
                      // Every WFAS dialect always; an IPsec dialect unless the warning names it.
                      long expected = Targets.builtIn().keySet().stream()
                          .filter(id -> !Targets.ipsec().containsKey(id)
                              || skipped.stream().noneMatch(w -> w.contains(" " + id.keyword() + " ")
                                  || w.contains(" " + id.keyword() + ",")))
                          .count();
                      assertThat(out.files()).hasSize(2 * (int) expected);
                      Compilation.Output again = compileAll(analysis);
                      Path caseDir = GOLDEN.resolve(stem(example));
                      List<String> names = new ArrayList<>();
                      for (int i = 0; i < out.files().size(); i++) {
                        EmittedFile f = out.files().get(i);
                        assertThat(again.files().get(i).bytes()).as("deterministic " + f.name()).isEqualTo(f.bytes());
                        check(caseDir.resolve(f.name()), f.bytes(), update);
                        names.add(f.name());
                      }
                      if (!skipped.isEmpty()) {
                        // The reason the legacy targets were left out is part of the expected output.
                        check(caseDir.resolve(SKIPPED), (String.join("\n", skipped) + "\n")
                            .getBytes(java.nio.charset.StandardCharsets.UTF_8), update);
                        names.add(SKIPPED);
                      }
                      // No golden file that no compile writes any more (a renamed output).
                      try (Stream<Path> present = Files.list(caseDir)) {
                        assertThat(present.map(p -> p.getFileName().toString()).sorted())
                            .as("files in " + caseDir)
                            .containsExactlyElementsOf(names.stream().sorted().toList());
                      }
                    }));
  }

  /** The golden file of the RW2304 warnings of an example the legacy targets cannot express. */
  static final String SKIPPED = "skipped-targets.txt";

  /**
   * As {@code compile --target all --ipv4-only}: every registered dialect, the legacy IPsec ones
   * only where they can express the policy (else an RW2304 warning). The WFAS outputs do not
   * depend on the IPv4-only option.
   */
  static Compilation.Output compileAll(Analysis analysis) {
    return Compilation.compile(
        analysis.decisionMap().orElseThrow(),
        analysis.mainBytes(),
        EnumSet.copyOf(Targets.builtIn().keySet()),
        Compilation.Options.defaults().withIpv4Only(true).withSkipInexpressible(true));
  }

  static List<String> skipWarnings(Compilation.Output out) {
    return out.diagnostics().stream()
        .filter(d -> d.code().equals(Codes.IPSEC_SKIPPED))
        .map(d -> d.span().location() + ": " + d.message())
        .toList();
  }

  private static void check(Path expected, byte[] actual, boolean update) throws IOException {
    if (update) {
      write(expected, actual);
    }
    assertThat(expected).as("golden file " + expected + " (run with -Drpcwall.golden.update=true)").exists();
    assertThat(Files.readAllBytes(expected)).as(expected.toString()).isEqualTo(actual);
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
