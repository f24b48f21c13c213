package dev.rpcwall.emit.netshipsec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rpcwall.compiler.Analysis;
import dev.rpcwall.compiler.diag.Diagnostic;
import dev.rpcwall.compiler.diag.Result;
import dev.rpcwall.compiler.ir.Policy;
import dev.rpcwall.compiler.lower.IpsecLowering;
import dev.rpcwall.compiler.model.ipsec.IpsecStore;
import dev.rpcwall.compiler.target.EmittedFile;
import dev.rpcwall.compiler.target.IpsecScriptInput;
import dev.rpcwall.compiler.target.Slug;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every example the legacy IPsec agent can express (with the IPv4-only option), compiled for
 * netsh ipsec static, checked (read back, evaluated against the policy) and compared byte for byte
 * with {@code src/test/resources/golden-netsh-ipsec/<example>/}. Examples whose decisions differ
 * by profile cannot be expressed (RW2300) and are listed. Regenerate with {@code
 * -Drpcwall.golden.update=true} and review the diff.
 */
class NetshIpsecGoldenTest {
  private static final Path GOLDEN = Path.of("src/test/resources/golden-netsh-ipsec");

  private static List<Path> examples() throws IOException {
    try (Stream<Path> s = Files.list(NipsecFixtures.examples())) {
      return s.filter(p -> p.toString().matches(".*\\.(rpcwall|ya?ml)$")).sorted().toList();
    }
  }

  private static String stem(Path p) {
    String n = p.getFileName().toString();
    return n.substring(0, n.lastIndexOf('.'));
  }

  /** Per example: the codes of the lowering's errors (none when it can be expressed). */
  private static Map<String, List<String>> lowering() throws IOException {
    Map<String, List<String>> out = new TreeMap<>();
    for (Path e : examples()) {
      Analysis a = NipsecFixtures.example(e.getFileName().toString());
      Result<IpsecLowering.Lowered> r =
          IpsecLowering.lower(a.decisionMap().orElseThrow(), NipsecFixtures.V4);
      out.put(stem(e), r.hasErrors()
          ? r.diagnostics().stream().map(Diagnostic::code).distinct().toList()
          : List.of());
    }
    return out;
  }

  @Test
  void examples_theKbExampleCanBeExpressed_profileDependentOnesAreRefusedWithRw2300() throws IOException {
    Map<String, List<String>> l = lowering();
    assertThat(l.get("kb-rpc-5001-5021")).isEmpty();
    l.values().forEach(codes -> assertThat(codes).isSubsetOf("RW2300"));
  }

  @TestFactory
  Stream<DynamicTest> golden_everyExpressibleExample_checkedAndMatchesBytes() throws IOException {
    boolean update = Boolean.getBoolean("rpcwall.golden.update");
    Map<String, List<String>> l = lowering();
    return examples().stream()
        .filter(e -> l.get(stem(e)).isEmpty())
        .map(e -> DynamicTest.dynamicTest(e.getFileName().toString(), () -> {
          Analysis a = NipsecFixtures.example(e.getFileName().toString());
          Policy policy = a.policy().orElseThrow();
          IpsecScriptInput in = NipsecFixtures.input(policy, true);
          // The header carries the real source digest, as compile writes it.
          in = new IpsecScriptInput(in.policy(), in.filters(), in.rpc(), Slug.of(policy.name()),
              sha256(a.mainBytes()), in.toolVersion(), true,
              in.ipv6LeftOut());
          List<EmittedFile> files = NipsecFixtures.emit(in);
          IpsecStore back = NipsecFixtures.readOk(files.get(0));
          assertThat(IpsecProof.mismatch(policy, back.effectiveFilters())).isEmpty();
          Path dir = GOLDEN.resolve(stem(e));
          for (EmittedFile f : files) {
            Path expected = dir.resolve(f.name());
            if (update) {
              write(expected, f.bytes());
            }
            assertThat(expected).as(expected + " (run with -Drpcwall.golden.update=true)").exists();
            assertThat(Files.readAllBytes(expected)).as(expected.toString()).isEqualTo(f.bytes());
          }
        }));
  }

  private static String sha256(byte[] bytes) throws java.security.NoSuchAlgorithmException {
    return java.util.HexFormat.of()
        .formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
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
