package dev.rpcwall.compiler.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.generators.SourceDSL.longs;

import dev.rpcwall.compiler.ast.PolicyFile;
import dev.rpcwall.compiler.diag.Diagnostics;
import dev.rpcwall.compiler.diag.Result;
import dev.rpcwall.compiler.source.SourceDecoder;
import dev.rpcwall.compiler.source.SourceFile;
import dev.rpcwall.compiler.source.SourceSpan;
import dev.rpcwall.compiler.testing.Seeded;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * {@link PolicyReader#read} parses with {@link FastPolicyParser} and falls back to the ANTLR parse
 * of the whole file when it gives up; both must give the same AST (spans and comments included)
 * and the same diagnostics for every input.
 */
class FastPolicyParserTest {
  private static final String[] NAMES = {
    "admins", "a", "rpc-hosts", "x_1", "B2", "wmi", "port", "dynamic", "fixed", "ports", "any",
    "endpoint-mapper", "fe80", "dead-beef", "Allow-x", "domain", "Private", "nowhere", "policyx",
    "Tcp-x", "to_", "a-", "on1", "DEFAULTS", "abc", "PUBLIC", "replaces", "REPLACES", "replaces-x"
  };
  private static final String[] ADDRESSES = {
    "10.1.1.0/24", "10.2.0.0/255.255.0.0", "192.168.6.1-192.168.6.50", "192.168.5.10", "::1",
    "fe80::1", "2001:db8:20::/48", "fe80::1 - fe80::ff", "::", "10.1.1.256", "::ffff:10.0.0.1",
    "10.1", "1.2.3.4/99", "a:b", ":", "1:2/3.4", "DEAD:BEEF::/64", "10.1.2.3/8.8", "1.2.3.4.5.6",
    "0:0", "::ffff:1.2.3.4/96", "abc:", "10.1.2.3/", "10.1./8", "1.2-3.4", "Fe80::A-fe80::b",
    "10.0.0.0/.", "123abc:1"
  };
  private static final String[] NOISE = {
    "@", "\"open", ",", "=", "{", "}", "-", "to", "except", "allow", "99999999999999999999", "on",
    "\u00e9", "_x", ".", "/", "\u000b", "\"a\\", "12ab", "10.", "\\", "replaces", "\"r\","
  };

  @Test
  void read_validAndBrokenRandomFiles_sameAstAndDiagnosticsAsWholeFileParse() {
    int[] fast = {0};
    int examples = 1000;
    Seeded.check(
        qt ->
            qt.withExamples(examples)
                .forAll(longs().all())
                .checkAssert(
                    seed -> {
                      String text = randomText(new Random(seed));
                      if (assertSame(new SourceFile("r.rpcwall", text))) {
                        fast[0]++;
                      }
                    }));
    // Most random files must exercise the fast parser, not only the fallback.
    assertThat(fast[0]).isGreaterThan(examples / 5);
  }

  @Test
  void read_everyExampleAndTestPolicy_sameAsWholeFileParse() throws IOException {
    for (String dir : new String[] {System.getProperty("rpcwall.examples"), "src/test/resources"}) {
      if (dir == null || !Files.isDirectory(Path.of(dir))) {
        continue;
      }
      List<Path> files;
      try (Stream<Path> s = Files.walk(Path.of(dir))) {
        files = s.filter(p -> p.toString().endsWith(".rpcwall")).sorted().toList();
      }
      for (Path p : files) {
        assertSame(SourceDecoder.decode(p.toString(), Files.readAllBytes(p), new Diagnostics()));
      }
    }
  }

  @Test
  void read_syntaxErrorAfterManyStatements_reportsItLikeTheWholeFileParse() {
    StringBuilder b = new StringBuilder("policy \"p\"\n# c\n");
    for (int i = 0; i < 1000; i++) {
      b.append("allow 10.0.").append(i / 256).append('.').append(i % 256).append(" to tcp 135\n");
    }
    b.append("allow to tcp 135 @\n");
    SourceFile file = new SourceFile("e.rpcwall", b.toString());
    Result<PolicyFile> read = PolicyReader.read(file);
    assertThat(read.hasErrors()).isTrue();
    assertThat(read.diagnostics()).isNotEmpty();
    assertThat(read.diagnostics().get(0).span().line()).isEqualTo(1003);
    assertSame(file);
  }

  @Test
  void read_importPathsWithBackslashes_rawTextInBothParsers() {
    // As written: import "common\networks.rpcwall", "a\\b", "x\"y" and a backslash-u escape -- all raw.
    SourceFile file = new SourceFile("i.rpcwall",
        "policy \"p\\n\"\nimport \"common\\networks.rpcwall\"\nimport \"a\\\\b\"\n"
            + "import \"x\\\"y\"\nimport \"\\u{41}\\t\"\n");
    Result<PolicyFile> read = PolicyReader.read(file);
    assertThat(read.diagnostics()).isEmpty();
    assertThat(read.value().orElseThrow().statements())
        .filteredOn(s -> s instanceof dev.rpcwall.compiler.ast.ImportDecl)
        .extracting(s -> ((dev.rpcwall.compiler.ast.ImportDecl) s).path().value())
        .containsExactly("common\\networks.rpcwall", "a\\\\b", "x\\\"y", "\\u{41}\\t");
    // Every other string keeps its escapes.
    assertThat(((dev.rpcwall.compiler.ast.PolicyDecl) read.value().orElseThrow().statements().get(0))
            .name().value())
        .isEqualTo("p\n");
    assertThat(assertSame(file)).as("read by the fast parser").isTrue();
  }

  /** Asserts both paths agree; true when the fast parser read the file itself. */
  private static boolean assertSame(SourceFile file) {
    Result<PolicyFile> read = PolicyReader.read(file);
    Result<PolicyFile> whole = PolicyReader.readWhole(file);
    assertThat(read.value()).as(file.text()).isEqualTo(whole.value());
    assertThat(read.diagnostics()).as(file.text()).isEqualTo(whole.diagnostics());
    return FastPolicyParser.parse(
            file,
            (line, col, length) -> new SourceSpan(file.name(), line, col + 1, length),
            new Diagnostics())
        .isPresent();
  }

  private static String randomText(Random r) {
    StringBuilder b = new StringBuilder();
    int statements = r.nextInt(15);
    for (int i = 0; i < statements; i++) {
      statement(r, b);
      gap(r, b);
    }
    if (r.nextInt(4) == 0 && b.length() > 0) {
      // A stray token somewhere: most such files have a syntax error.
      int at = r.nextInt(b.length() + 1);
      b.insert(at, " " + pick(r, NOISE) + " ");
    }
    return b.toString();
  }

  private static void statement(Random r, StringBuilder b) {
    switch (r.nextInt(10)) {
      case 0 -> b.append(kw(r, "policy")).append(' ').append(string(r));
      case 7 -> {
        b.append(kw(r, "replaces"));
        gap(r, b);
        b.append(string(r));
        for (int i = r.nextInt(3); i > 0; i--) {
          b.append(',');
          gap(r, b);
          b.append(string(r));
        }
      }
      case 1 -> b.append(kw(r, "description")).append(' ').append(string(r));
      case 2 -> b.append(kw(r, "import")).append(' ').append(string(r));
      case 3 -> {
        b.append(kw(r, "network")).append(' ').append(pick(r, NAMES));
        gap(r, b);
        b.append('=');
        gap(r, b);
        networks(r, b);
      }
      case 4 -> {
        b.append(kw(r, "service")).append(' ').append(pick(r, NAMES)).append(" = ");
        services(r, b);
      }
      case 5 -> {
        b.append(kw(r, "rpc")).append(" {");
        if (r.nextBoolean()) {
          gap(r, b);
          b.append(kw(r, "dynamic")).append(' ').append(kw(r, "ports")).append(' ');
          ports(r, b);
        }
        if (r.nextBoolean()) {
          gap(r, b);
          b.append(kw(r, "wmi")).append(' ').append(kw(r, "fixed")).append(' ')
              .append(kw(r, "port")).append(' ').append(r.nextInt(70000));
        }
        gap(r, b);
        b.append('}');
      }
      case 6 -> b.append(kw(r, "default")).append(' ').append(kw(r, r.nextBoolean() ? "allow" : "block"));
      default -> {
        b.append(kw(r, r.nextBoolean() ? "allow" : "block")).append(' ');
        networks(r, b);
        gap(r, b);
        b.append(kw(r, "to")).append(' ');
        services(r, b);
        if (r.nextInt(3) == 0) {
          b.append(' ').append(kw(r, "on")).append(' ').append(pick(r, NAMES));
          for (int i = r.nextInt(3); i > 0; i--) {
            b.append(", ").append(pick(r, NAMES));
          }
        }
      }
    }
  }

  private static void networks(Random r, StringBuilder b) {
    list(r, b);
    if (r.nextInt(4) == 0) {
      b.append(' ').append(kw(r, "except")).append(' ');
      list(r, b);
    }
  }

  private static void list(Random r, StringBuilder b) {
    int n = 1 + r.nextInt(4);
    for (int i = 0; i < n; i++) {
      if (i > 0) {
        b.append(',');
        gap(r, b);
      }
      b.append(r.nextBoolean() ? pick(r, ADDRESSES) : pick(r, NAMES));
    }
  }

  private static void services(Random r, StringBuilder b) {
    int n = 1 + r.nextInt(3);
    for (int i = 0; i < n; i++) {
      if (i > 0) {
        b.append(", ");
      }
      if (r.nextBoolean()) {
        b.append(kw(r, r.nextBoolean() ? "tcp" : "udp")).append(' ');
        ports(r, b);
      } else {
        b.append(pick(r, NAMES));
      }
    }
  }

  private static void ports(Random r, StringBuilder b) {
    int n = 1 + r.nextInt(3);
    for (int i = 0; i < n; i++) {
      if (i > 0) {
        b.append(", ");
      }
      b.append(r.nextInt(8) == 0 ? "0013" + r.nextInt(9) : String.valueOf(r.nextInt(70000)));
      if (r.nextBoolean()) {
        b.append(r.nextBoolean() ? "-" : " - ").append(r.nextInt(70000));
      }
    }
  }

  private static String string(Random r) {
    String[] bodies = {
      "p", "a b", "q\\\"x", "bad \\q escape", "u \\u{41}", "", "tab\\t", "\u00e9\u2603 x",
      "\\u{110000}", "# not a comment", "back\\\\slash", "cut \\\nhere", "cut \\\r\nhere"
    };
    return '"' + pick(r, bodies) + '"';
  }

  /** A keyword in random letter case (the language is case-insensitive). */
  private static String kw(Random r, String keyword) {
    return switch (r.nextInt(3)) {
      case 0 -> keyword;
      case 1 -> keyword.toUpperCase(java.util.Locale.ROOT);
      default -> Character.toUpperCase(keyword.charAt(0)) + keyword.substring(1);
    };
  }

  /** Whitespace, line breaks and comments between tokens. */
  private static void gap(Random r, StringBuilder b) {
    switch (r.nextInt(8)) {
      case 0 -> b.append(' ');
      case 1 -> b.append("\n");
      case 2 -> b.append("  # note ").append(r.nextInt(9)).append("\r\n");
      case 3 -> b.append("\t\n\n");
      case 4 -> b.append("\r");
      case 5 -> b.append(" \f# \u00e9\u2603 \"x\r\n");
      case 6 -> b.append("#");
      default -> b.append("\n# ").append(pick(r, NAMES)).append('\n');
    }
  }

  private static String pick(Random r, String[] from) {
    return from[r.nextInt(from.length)];
  }
}
