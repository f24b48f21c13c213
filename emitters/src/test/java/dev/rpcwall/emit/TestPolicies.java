package dev.rpcwall.emit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rpcwall.compiler.Analysis;
import dev.rpcwall.compiler.Compiler;
import dev.rpcwall.compiler.semantics.DecisionMap;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Policies the emitters' tests compile: the KB example as text, any policy text, the examples. */
public final class TestPolicies {
  /** The KB example (RPC dynamic ports 5001-5021 for the admin network only) as policy text. */
  public static final String KB =
      """
      policy "KB RPC 5001-5021"
      network admins = 10.1.1.0/24
      rpc {
        dynamic ports 5001-5021
      }
      allow admins to endpoint-mapper, rpc-dynamic
      block any to endpoint-mapper, rpc-dynamic
      default block
      """;

  private TestPolicies() {}

  /** {@code text} analysed as the file {@code p.rpcwall}, which must have no error. */
  public static DecisionMap map(String text) {
    Analysis a = Compiler.analyze(p -> Optional.of(text.getBytes(StandardCharsets.UTF_8)), "p.rpcwall");
    assertThat(a.hasErrors()).as(a.diagnostics().toString()).isFalse();
    return a.decisionMap().orElseThrow();
  }

  /** An example as the CLI resolves it from the repository root, which must have no error. */
  public static Analysis example(String file) {
    Path root = Path.of(System.getProperty("rpcwall.examples", "../examples")).toAbsolutePath().getParent();
    Analysis a =
        Compiler.analyze(
            p -> {
              try {
                return Optional.of(Files.readAllBytes(root.resolve(p)));
              } catch (IOException e) {
                return Optional.empty();
              }
            },
            "examples/" + file);
    if (a.hasErrors()) {
      throw new AssertionError(a.diagnostics().toString());
    }
    return a;
  }
}
