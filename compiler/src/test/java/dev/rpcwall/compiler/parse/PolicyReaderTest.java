package dev.rpcwall.compiler.parse;

import static dev.rpcwall.compiler.parse.ParseAssertions.assertRoundTrip;
import static dev.rpcwall.compiler.parse.ParseAssertions.assertSameIgnoringSpans;
import static dev.rpcwall.compiler.parse.ParseAssertions.parseOk;
import static dev.rpcwall.compiler.parse.ParseAssertions.render;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rpcwall.compiler.ast.AddressLit;
import dev.rpcwall.compiler.ast.DefaultDecl;
import dev.rpcwall.compiler.ast.DescriptionDecl;
import dev.rpcwall.compiler.ast.Identifier;
import dev.rpcwall.compiler.ast.ImportDecl;
import dev.rpcwall.compiler.ast.NetworkDecl;
import dev.rpcwall.compiler.ast.NetworkExpr;
import dev.rpcwall.compiler.ast.NetworkItem;
import dev.rpcwall.compiler.ast.NetworkRef;
import dev.rpcwall.compiler.ast.PolicyDecl;
import dev.rpcwall.compiler.ast.PolicyFile;
import dev.rpcwall.compiler.ast.PortLit;
import dev.rpcwall.compiler.ast.PortRangeLit;
import dev.rpcwall.compiler.ast.ProfileRef;
import dev.rpcwall.compiler.ast.ReplacesDecl;
import dev.rpcwall.compiler.ast.RpcBlock;
import dev.rpcwall.compiler.ast.RpcSetting;
import dev.rpcwall.compiler.ast.RuleDecl;
import dev.rpcwall.compiler.ast.ServiceDecl;
import dev.rpcwall.compiler.ast.ServiceItem;
import dev.rpcwall.compiler.ast.ServiceRef;
import dev.rpcwall.compiler.ast.Statement;
import dev.rpcwall.compiler.ast.StringLit;
import dev.rpcwall.compiler.diag.Diagnostic;
import dev.rpcwall.compiler.diag.Result;
import dev.rpcwall.compiler.ir.Action;
import dev.rpcwall.compiler.semantics.Profile;
import dev.rpcwall.compiler.semantics.Protocol;
import dev.rpcwall.compiler.source.SourceFile;
import dev.rpcwall.compiler.source.SourceSpan;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PolicyReaderTest {
  static final SourceSpan U = SourceSpan.UNKNOWN;

  static String resource(String name) throws IOException {
    try (InputStream in = PolicyReaderTest.class.getResourceAsStream("/parse/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  static Identifier id(String n) {
    return new Identifier(U, n);
  }

  static NetworkRef net(String n) {
    return new NetworkRef(U, id(n));
  }

  static AddressLit addr(String a) {
    return new AddressLit(U, a);
  }

  static ServiceRef svc(String n) {
    return new ServiceRef(U, id(n));
  }

  static PortRangeLit ports(long a, long b) {
    return new PortRangeLit(U, a, b);
  }

  static PortLit tcp(PortRangeLit... r) {
    return new PortLit(U, Protocol.TCP, List.of(r));
  }

  static PortLit udp(PortRangeLit... r) {
    return new PortLit(U, Protocol.UDP, List.of(r));
  }

  static NetworkExpr expr(List<NetworkItem> include, List<NetworkItem> exclude) {
    return new NetworkExpr(U, include, exclude);
  }

  static StringLit str(String s) {
    return new StringLit(U, s);
  }

  static RuleDecl rule(Action a, NetworkExpr from, List<ServiceItem> to, Profile... on) {
    return new RuleDecl(
        U, a, from, to, Arrays.stream(on).map(p -> new ProfileRef(U, p)).toList());
  }

  /** The DESIGN.md section 3 example as an AST, written out by hand. */
  static List<Statement> designStatements() {
    return List.of(
        new PolicyDecl(U, str("Block RPC Ports")),
        new DescriptionDecl(U, str("RPC only from the admin subnet")),
        new ImportDecl(U, str("common/networks.rpcwall")),
        new NetworkDecl(U, id("admins"), expr(List.of(addr("10.1.1.0/24")), List.of())),
        new NetworkDecl(
            U,
            id("legacy"),
            expr(
                List.of(
                    addr("10.2.0.0/255.255.0.0"),
                    addr("192.168.6.1-192.168.6.50"),
                    addr("192.168.5.10")),
                List.of())),
        new NetworkDecl(U, id("v6mgmt"), expr(List.of(addr("2001:db8:20::/48")), List.of())),
        new NetworkDecl(U, id("mgmt"), expr(List.of(net("admins"), net("v6mgmt")), List.of())),
        new NetworkDecl(U, id("corp"), expr(List.of(addr("10.0.0.0/8")), List.of(net("admins")))),
        new ServiceDecl(U, id("smb"), List.of(tcp(ports(445, 445)))),
        new ServiceDecl(U, id("winrm"), List.of(tcp(ports(5985, 5986)))),
        new ServiceDecl(U, id("dns"), List.of(tcp(ports(53, 53)), udp(ports(53, 53)))),
        new RpcBlock(
            U,
            List.of(
                new RpcSetting.DynamicPorts(U, List.of(ports(5001, 5021))),
                new RpcSetting.WmiFixedPort(U, ports(24158, 24158)))),
        rule(
            Action.ALLOW,
            expr(List.of(net("admins")), List.of()),
            List.of(svc("endpoint-mapper"), svc("rpc-dynamic"))),
        rule(
            Action.ALLOW,
            expr(List.of(net("mgmt")), List.of()),
            List.of(svc("wmi"), svc("winrm")),
            Profile.DOMAIN,
            Profile.PRIVATE),
        rule(Action.BLOCK, expr(List.of(net("any")), List.of()), List.of(svc("smb"))),
        new DefaultDecl(U, Action.BLOCK));
  }

  @Test
  void read_designExample_givesTheExpectedAst() throws IOException {
    PolicyFile ast = parseOk("design.rpcwall", resource("design-example.rpcwall"));

    assertSameIgnoringSpans(ast.statements(), designStatements());
    assertThat(ast.comments()).hasSize(15);
    assertThat(ast.comments().get(0).text()).isEqualTo("# comment to end of line");
    assertRoundTrip(ast);
  }

  @Test
  void read_spans_areOneBasedLinesAndColumnsOfTheSource() {
    PolicyFile ast = parseOk("a.rpcwall", "policy \"x\"\n\nallow  admins to tcp 135\n");
    RuleDecl rule = (RuleDecl) ast.statements().get(1);

    assertThat(rule.span()).isEqualTo(new SourceSpan("a.rpcwall", 3, 1, 24));
    assertThat(rule.from().include().get(0).span())
        .isEqualTo(new SourceSpan("a.rpcwall", 3, 8, 6));
    assertThat(((PortLit) rule.to().get(0)).ranges().get(0).span())
        .isEqualTo(new SourceSpan("a.rpcwall", 3, 22, 3));
  }

  @Test
  void read_literalsWhereNamesAreExpected_parse() {
    PolicyFile ast =
        parseOk(
            "a.rpcwall",
            "policy \"x\" allow 10.1.1.0/24, fe80::1, ::1, fe80::1-fe80::ff to tcp 135, 445, udp 53");

    assertSameIgnoringSpans(
        ast.statements().get(1),
        rule(
            Action.ALLOW,
            expr(
                List.of(
                    addr("10.1.1.0/24"), addr("fe80::1"), addr("::1"), addr("fe80::1-fe80::ff")),
                List.of()),
            List.of(tcp(ports(135, 135), ports(445, 445)), udp(ports(53, 53)))));
  }

  @Test
  void read_namesWithDashesAndKeywordPrefixes_areNotSplit() {
    PolicyFile ast =
        parseOk(
            "a.rpcwall",
            "policy \"x\"\nnetwork rpc-hosts = dead-beef, fe80, any6\nservice port = wmi, rpc-dynamic");

    assertSameIgnoringSpans(
        ast.statements().subList(1, 3),
        List.of(
            new NetworkDecl(
                U,
                id("rpc-hosts"),
                expr(List.of(net("dead-beef"), net("fe80"), net("any6")), List.of())),
            new ServiceDecl(U, id("port"), List.of(svc("wmi"), svc("rpc-dynamic")))));
  }

  @Test
  void read_keywordsAreCaseInsensitive() {
    PolicyFile ast = parseOk("a.rpcwall", "POLICY \"x\"\nAllow Any TO TCP 135 ON Domain\nDEFAULT ALLOW");

    assertSameIgnoringSpans(
        ast.statements().subList(1, 3),
        List.of(
            rule(
                Action.ALLOW,
                expr(List.of(net("Any")), List.of()),
                List.of(tcp(ports(135, 135))),
                Profile.DOMAIN),
            new DefaultDecl(U, Action.ALLOW)));
  }

  @Test
  void read_replaces_oneOrMoreNamesPerStatementAndRepeatable() {
    PolicyFile ast =
        parseOk(
            "a.rpcwall",
            "policy \"v3\"\ndescription \"d\"\nreplaces \"Branch RPC\", \"Branch \\\"v2\\\"\"\n"
                + "REPLACES\n  \"x\"");

    assertSameIgnoringSpans(
        ast.statements().subList(2, 4),
        List.of(
            new ReplacesDecl(U, List.of(str("Branch RPC"), str("Branch \"v2\""))),
            new ReplacesDecl(U, List.of(str("x")))));
    ReplacesDecl first = (ReplacesDecl) ast.statements().get(2);
    assertThat(first.span()).isEqualTo(new SourceSpan("a.rpcwall", 3, 1, 38));
    assertThat(first.names().get(1).span()).isEqualTo(new SourceSpan("a.rpcwall", 3, 24, 15));
  }

  @Test
  void read_replacesAsAName_staysAValidNetworkAndServiceName() {
    // Names that were valid before the statement existed stay valid (DESIGN.md section 3 is a
    // contract): `replaces` is a keyword only where a statement starts.
    PolicyFile ast =
        parseOk(
            "a.rpcwall",
            "policy \"x\"\nnetwork replaces = 10.0.0.1\nservice Replaces = tcp 1\n"
                + "allow replaces, a except replaces to Replaces, tcp 2 on domain\nreplaces \"y\"");

    assertSameIgnoringSpans(
        ast.statements().subList(1, 5),
        List.of(
            new NetworkDecl(U, id("replaces"), expr(List.of(addr("10.0.0.1")), List.of())),
            new ServiceDecl(U, id("Replaces"), List.of(tcp(ports(1, 1)))),
            rule(
                Action.ALLOW,
                expr(List.of(net("replaces"), net("a")), List.of(net("replaces"))),
                List.of(svc("Replaces"), tcp(ports(2, 2))),
                Profile.DOMAIN),
            new ReplacesDecl(U, List.of(str("y")))));
  }

  @Test
  void read_stringEscapes_areDecoded() {
    PolicyFile ast =
        parseOk("a.rpcwall", "policy \"a \\\"q\\\" \\\\ \\n \\t \\u{1F600} \\u{e9}\"");

    assertThat(((PolicyDecl) ast.statements().get(0)).name().value())
        .isEqualTo("a \"q\" \\ \n \t \uD83D\uDE00 \u00e9");
  }

  @Test
  void read_statementsSpanningLines_parse() {
    PolicyFile ast =
        parseOk("a.rpcwall", "policy \"x\"\nnetwork a =\n  10.0.0.1,   # first\n  10.0.0.2\n");

    assertSameIgnoringSpans(
        ast.statements().get(1),
        new NetworkDecl(U, id("a"), expr(List.of(addr("10.0.0.1"), addr("10.0.0.2")), List.of())));
  }

  static Stream<Arguments> syntaxErrors() {
    return Stream.of(
        Arguments.of(
            "policy \"x\"\nnetwork = 10.0.0.0/8\n",
            """
            t.rpcwall:2:9: error[RW0001]: unexpected '='
                network = 10.0.0.0/8
                        ^
              hint: expected a name
            """),
        Arguments.of(
            "policy \"x\nallow any to tcp 1\n",
            """
            t.rpcwall:1:8: error[RW0002]: string is not closed before the end of the line
                policy "x
                       ^^
              hint: add the closing '"'
            """),
        Arguments.of(
            "policy \"x\"\nallow any to tcp 135 ; \n",
            """
            t.rpcwall:2:22: error[RW0003]: unexpected character ';' (U+003B)
                allow any to tcp 135 ;\s
                                     ^
              hint: names are letters, digits, '-' and '_'; text goes in double quotes
            """),
        Arguments.of(
            "policy \"a\\qb\"\n",
            """
            t.rpcwall:1:10: error[RW0004]: invalid escape sequence in string
                policy "a\\qb"
                         ^^
              hint: escapes are \\", \\\\, \\n, \\t and \\u{hex code point}
            """),
        Arguments.of(
            "policy \"x\"\nallow any to tcp 135 on domian\n",
            """
            t.rpcwall:2:25: error[RW0005]: unknown profile 'domian'
                allow any to tcp 135 on domian
                                        ^^^^^^
              hint: did you mean 'domain'?
            """),
        Arguments.of(
            "policy \"x\"\nallow any to\n",
            """
            t.rpcwall:3:1: error[RW0001]: unexpected end of file
               \s
                ^
              hint: expected 'tcp', 'udp', a name
            """));
  }

  @Test
  void read_misspeltKeyword_hintNamesTheKeyword() {
    SourceFile file = new SourceFile("t.rpcwall", "policy \"x\"\nalow any to tcp 135\n");
    Result<PolicyFile> r = PolicyReader.read(file);
    assertThat(r.diagnostics()).isNotEmpty();
    assertThat(r.diagnostics().get(0).span().line()).isEqualTo(2);
    assertThat(r.diagnostics().get(0).hint()).hasValueSatisfying(
        h -> assertThat(h).startsWith("did you mean 'allow'?"));
    // Where a name may stand, a word is never "corrected" to a keyword.
    SourceFile names = new SourceFile("t.rpcwall", "policy \"x\"\nallow alow to tcp 135 tcp\n");
    assertThat(PolicyReader.read(names).diagnostics())
        .allSatisfy(d -> assertThat(d.hint().orElse("")).doesNotContain("did you mean"));
  }

  @Test
  void read_replacesWithoutAString_isASyntaxErrorNamingWhatWasExpected() {
    SourceFile noName = new SourceFile("t.rpcwall", "policy \"x\"\nreplaces Branch\n");
    Result<PolicyFile> r = PolicyReader.read(noName);
    assertThat(r.value()).isEmpty();
    assertThat(render(noName, r))
        .isEqualTo(
            """
            t.rpcwall:2:10: error[RW0001]: unexpected 'Branch'
                replaces Branch
                         ^^^^^^
              hint: expected a string
            """);

    SourceFile trailingComma = new SourceFile("t.rpcwall", "policy \"x\"\nreplaces \"a\",\n");
    assertThat(PolicyReader.read(trailingComma).diagnostics())
        .extracting(Diagnostic::code, d -> d.span().line())
        .containsExactly(org.assertj.core.groups.Tuple.tuple("RW0001", 3));
  }

  @ParameterizedTest
  @MethodSource("syntaxErrors")
  void read_syntaxError_isRenderedDiagnostic(String input, String rendered) {
    SourceFile file = new SourceFile("t.rpcwall", input);
    Result<PolicyFile> r = PolicyReader.read(file);

    assertThat(r.value()).isEmpty();
    assertThat(render(file, r)).isEqualTo(rendered);
  }

  @Test
  void read_emptyFile_givesEmptyAst() {
    assertThat(parseOk("e.rpcwall", "").statements()).isEmpty();
    assertThat(parseOk("e.rpcwall", "# only a comment\n").comments()).hasSize(1);
  }

  @Test
  void read_binaryGarbage_givesBoundedDiagnosticsAndNoException() {
    byte[] bytes = new byte[1_000_000];
    new java.util.Random(42).nextBytes(bytes);
    SourceFile file = new SourceFile("g.rpcwall", new String(bytes, StandardCharsets.ISO_8859_1));

    Result<PolicyFile> r = PolicyReader.read(file);

    assertThat(r.value()).isEmpty();
    assertThat(r.diagnostics()).isNotEmpty().hasSizeLessThanOrEqualTo(SyntaxErrors.MAX_ERRORS + 2);
    assertThat(r.diagnostics()).allMatch(d -> d.code().startsWith("RW0"));
  }

  @Test
  void read_tenMegabyteLine_parses() {
    StringBuilder b = new StringBuilder("policy \"x\" network big = ");
    int i = 0;
    while (b.length() < 10_000_000) {
      b.append("10.").append((i >> 16) & 255).append('.').append((i >> 8) & 255).append('.')
          .append(i & 255).append(", ");
      i++;
    }
    b.append("10.255.255.255");

    PolicyFile ast = parseOk("big.rpcwall", b.toString());

    assertThat(((NetworkDecl) ast.statements().get(1)).value().include()).hasSize(i + 1);
  }

  @Test
  void read_tenMegabyteLineOfOneBadToken_givesDiagnostic() {
    SourceFile file = new SourceFile("big.rpcwall", "policy \"x\" " + "a".repeat(10_000_000));

    Result<PolicyFile> r = PolicyReader.read(file);

    assertThat(r.diagnostics()).extracting(Diagnostic::code).containsExactly("RW0001");
  }

  @Test
  void read_hundredThousandLines_readsEveryStatement() {
    StringBuilder b = new StringBuilder("policy \"big\"\n");
    for (int i = 0; i < 100_000; i++) {
      b.append("allow 10.").append(i >> 8 & 255).append('.').append(i & 255)
          .append(".0/24 to tcp ").append(i % 60000).append(", udp 53 on domain\n");
    }
    SourceFile file = new SourceFile("big.rpcwall", b.toString());

    // Speed is measured by the benchmarks (cli/src/test/.../bench), not asserted here.
    Result<PolicyFile> r = PolicyReader.read(file);

    assertThat(r.orElseThrow().statements()).hasSize(100_001);
  }
}
