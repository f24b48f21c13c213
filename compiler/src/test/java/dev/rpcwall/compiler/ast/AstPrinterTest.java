package dev.rpcwall.compiler.ast;

import static dev.rpcwall.compiler.parse.ParseAssertions.assertRoundTrip;
import static dev.rpcwall.compiler.parse.ParseAssertions.parseOk;
import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import dev.rpcwall.compiler.ir.Action;
import dev.rpcwall.compiler.semantics.Profile;
import dev.rpcwall.compiler.semantics.Protocol;
import dev.rpcwall.compiler.source.SourceSpan;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class AstPrinterTest {
  private static final SourceSpan U = SourceSpan.UNKNOWN;
  private static final String[] NAMES = {
    "admins", "a", "rpc-hosts", "x_1", "B2", "wmi", "port", "dynamic", "fixed", "ports", "any",
    "endpoint-mapper", "fe80", "dead-beef", "replaces", "Replaces"
  };
  private static final String[] ADDRESSES = {
    "10.1.1.0/24", "10.2.0.0/255.255.0.0", "192.168.6.1-192.168.6.50", "192.168.5.10", "::1",
    "fe80::1", "2001:db8:20::/48", "fe80::1-fe80::ff", "::", "10.1.1.256", "::ffff:10.0.0.1"
  };

  @Test
  void print_commentsAndBlankLines_keptInPlaceAndIdempotent() {
    String source =
        """
        # header

        policy   "p"   # trailing
        network a =
          10.0.0.1,   # first
          10.0.0.2
        rpc { dynamic ports 5001-5200 # range
        # inside
          wmi fixed port 24158 }


        allow a,b except c to tcp 135,445 on domain # rule
        # end
        """;
    String printed = AstPrinter.print(parseOk("c.rpcwall", source));

    assertThat(printed)
        .isEqualTo(
            """
            # header

            policy "p"  # trailing
            network a = 10.0.0.1, 10.0.0.2  # first
            rpc {
              dynamic ports 5001-5200  # range
              # inside
              wmi fixed port 24158
            }

            allow a, b except c to tcp 135, 445 on domain  # rule
            # end
            """);
    assertThat(AstPrinter.print(parseOk("c2.rpcwall", printed))).isEqualTo(printed);
  }

  @Test
  void print_replaces_oneLineWithItsNamesAndCommentsKept() {
    String source =
        """
        policy "Branch RPC v2"
        REPLACES "Branch RPC",   # old name
           "Branch \\\\ \\"RPC\\" 1"
        replaces "x"
        network replaces = 10.0.0.1
        allow replaces to tcp 135
        """;
    String printed = AstPrinter.print(parseOk("r.rpcwall", source));

    assertThat(printed)
        .isEqualTo(
            """
            policy "Branch RPC v2"
            replaces "Branch RPC", "Branch \\\\ \\"RPC\\" 1"  # old name
            replaces "x"
            network replaces = 10.0.0.1
            allow replaces to tcp 135
            """);
    assertThat(AstPrinter.print(parseOk("r2.rpcwall", printed))).isEqualTo(printed);
  }

  @Test
  void quote_escapesEverythingThatCouldBreakTheString() {
    assertThat(AstPrinter.quote("a\"b\\c\nd\te\u0001\u2028"))
        .isEqualTo("\"a\\\"b\\\\c\\nd\\te\\u{1}\\u{2028}\"");
  }

  @Test
  void printThenParse_randomAsts_giveTheSameAst() {
    qt().withExamples(300)
        .forAll(longs().all())
        .checkAssert(
            seed -> {
              PolicyFile ast = randomFile(new Random(seed));
              try {
                assertRoundTrip(ast);
              } catch (AssertionError e) {
                throw new AssertionError("seed " + seed + "\n" + AstPrinter.print(ast), e);
              }
            });
  }

  @Test
  void printThenParse_everyExample_givesTheSameAst() throws IOException {
    String dir = System.getProperty("rpcwall.examples");
    if (dir == null || !Files.isDirectory(Path.of(dir))) {
      return;
    }
    List<Path> files;
    try (Stream<Path> s = Files.walk(Path.of(dir))) {
      files = s.filter(p -> p.toString().endsWith(".rpcwall")).sorted().toList();
    }
    for (Path p : files) {
      PolicyFile ast = parseOk(p.toString(), Files.readString(p, StandardCharsets.UTF_8));
      assertRoundTrip(ast);
    }
  }

  static PolicyFile randomFile(Random r) {
    List<Statement> statements = new ArrayList<>();
    int n = r.nextInt(12);
    for (int i = 0; i < n; i++) {
      statements.add(randomStatement(r));
    }
    return new PolicyFile(U, statements, List.of());
  }

  private static Statement randomStatement(Random r) {
    switch (r.nextInt(9)) {
      case 7:
        List<StringLit> replaced = new ArrayList<>();
        for (int i = 1 + r.nextInt(3); i > 0; i--) {
          replaced.add(new StringLit(U, randomString(r)));
        }
        return new ReplacesDecl(U, replaced);
      case 0:
        return new PolicyDecl(U, new StringLit(U, randomString(r)));
      case 1:
        return new DescriptionDecl(U, new StringLit(U, randomString(r)));
      case 2:
        return new ImportDecl(U, new StringLit(U, randomImportPath(r)));
      case 3:
        return new NetworkDecl(U, id(r), expr(r));
      case 4:
        return new ServiceDecl(U, id(r), services(r));
      case 5:
        List<RpcSetting> settings = new ArrayList<>();
        for (int i = r.nextInt(3); i > 0; i--) {
          settings.add(
              r.nextBoolean()
                  ? new RpcSetting.DynamicPorts(U, ranges(r))
                  : new RpcSetting.WmiFixedPort(U, range(r)));
        }
        return new RpcBlock(U, settings);
      case 6:
        List<ProfileRef> profiles = new ArrayList<>();
        for (int i = r.nextInt(4); i > 0; i--) {
          profiles.add(new ProfileRef(U, Profile.values()[r.nextInt(3)]));
        }
        return new RuleDecl(U, action(r), expr(r), services(r), profiles);
      default:
        return new DefaultDecl(U, action(r));
    }
  }

  private static Action action(Random r) {
    return r.nextBoolean() ? Action.ALLOW : Action.BLOCK;
  }

  private static Identifier id(Random r) {
    return new Identifier(U, NAMES[r.nextInt(NAMES.length)]);
  }

  private static NetworkExpr expr(Random r) {
    return new NetworkExpr(U, items(r), r.nextInt(3) == 0 ? items(r) : List.of());
  }

  private static List<NetworkItem> items(Random r) {
    List<NetworkItem> out = new ArrayList<>();
    for (int i = 1 + r.nextInt(4); i > 0; i--) {
      out.add(
          r.nextBoolean()
              ? new NetworkRef(U, id(r))
              : new AddressLit(U, ADDRESSES[r.nextInt(ADDRESSES.length)]));
    }
    return out;
  }

  private static List<ServiceItem> services(Random r) {
    List<ServiceItem> out = new ArrayList<>();
    for (int i = 1 + r.nextInt(4); i > 0; i--) {
      out.add(
          r.nextBoolean()
              ? new ServiceRef(U, id(r))
              : new PortLit(U, r.nextBoolean() ? Protocol.TCP : Protocol.UDP, ranges(r)));
    }
    return out;
  }

  private static List<PortRangeLit> ranges(Random r) {
    List<PortRangeLit> out = new ArrayList<>();
    for (int i = 1 + r.nextInt(3); i > 0; i--) {
      out.add(range(r));
    }
    return out;
  }

  private static PortRangeLit range(Random r) {
    long a = r.nextInt(5) == 0 ? r.nextInt(200_000) : r.nextInt(65_536);
    long b = r.nextBoolean() ? a : r.nextInt(65_536);
    return new PortRangeLit(U, a, b);
  }

  /**
   * An import path as a parse can produce it: import paths are raw text, so no '"', no line break,
   * and no odd run of backslashes at the end (it would take the closing quote).
   */
  private static String randomImportPath(Random r) {
    StringBuilder b = new StringBuilder();
    String alphabet = "ab Z09\\/.#{}\u00e9\u2603";
    for (int i = r.nextInt(10); i > 0; i--) {
      if (r.nextInt(10) == 0) {
        b.appendCodePoint(0x1F600 + r.nextInt(10));
      } else {
        b.append(alphabet.charAt(r.nextInt(alphabet.length())));
      }
    }
    if (b.length() > 0 && b.charAt(b.length() - 1) == '\\') {
      b.append('a');
    }
    return b.toString();
  }

  private static String randomString(Random r) {
    StringBuilder b = new StringBuilder();
    String alphabet = "ab Z09\"\\\n\t#{}\u00e9\u2603\u0001";
    for (int i = r.nextInt(10); i > 0; i--) {
      if (r.nextInt(10) == 0) {
        b.appendCodePoint(0x1F600 + r.nextInt(10));
      } else {
        b.append(alphabet.charAt(r.nextInt(alphabet.length())));
      }
    }
    return b.toString();
  }
}
