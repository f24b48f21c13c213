package dev.rpcwall.compiler.parse;

import static dev.rpcwall.compiler.parse.ParseAssertions.assertSameIgnoringSpans;
import static dev.rpcwall.compiler.parse.ParseAssertions.parseOk;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.rpcwall.compiler.ast.NetworkDecl;
import dev.rpcwall.compiler.ast.PolicyFile;
import dev.rpcwall.compiler.ast.ReplacesDecl;
import dev.rpcwall.compiler.ast.RuleDecl;
import dev.rpcwall.compiler.diag.Diagnostic;
import dev.rpcwall.compiler.diag.Result;
import dev.rpcwall.compiler.source.SourceFile;
import dev.rpcwall.compiler.source.SourceSpan;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

class YamlPolicyReaderTest {

  @Test
  void read_designExampleInYaml_givesTheSameAstAsTheDsl() throws IOException {
    PolicyFile yaml = parseOk("d.yaml", PolicyReaderTest.resource("design-example.yaml"));

    assertSameIgnoringSpans(yaml.statements(), PolicyReaderTest.designStatements());
  }

  @Test
  void read_spans_pointIntoTheYamlFile() {
    PolicyFile ast =
        parseOk(
            "p.yaml",
            "policy: x\nnetworks:\n  corp: 10.0.0.0/8 except admins\nrules:\n  - allow: corp\n    to: tcp 135\n");
    NetworkDecl corp = (NetworkDecl) ast.statements().get(1);
    RuleDecl rule = (RuleDecl) ast.statements().get(2);

    assertThat(corp.name().span()).isEqualTo(new SourceSpan("p.yaml", 3, 3, 4));
    assertThat(corp.value().exclude().get(0).span()).isEqualTo(new SourceSpan("p.yaml", 3, 27, 6));
    assertThat(rule.from().include().get(0).span()).isEqualTo(new SourceSpan("p.yaml", 5, 12, 4));
  }

  @Test
  void read_includeExceptMapping_isTheSameAsExceptInText() {
    PolicyFile a = parseOk("a.yaml", "networks:\n  c: {include: [10.0.0.0/8, b], except: admins}\n");
    PolicyFile b = parseOk("b.rpcwall", "network c = 10.0.0.0/8, b except admins");

    assertSameIgnoringSpans(a.statements(), b.statements());
  }

  @Test
  void read_replaces_stringOrListIsTheSameAsTheTextStatement() {
    PolicyFile one = parseOk("a.yaml", "policy: v2\nreplaces: Branch RPC\n");
    PolicyFile many =
        parseOk("b.yaml", "policy: v2\nreplaces:\n  - Branch RPC\n  - 'Old: \"x\"'\n  - \"\"\n");

    assertSameIgnoringSpans(
        one.statements(), parseOk("a.rpcwall", "policy \"v2\"\nreplaces \"Branch RPC\"").statements());
    assertSameIgnoringSpans(
        many.statements(),
        parseOk("b.rpcwall", "policy \"v2\" replaces \"Branch RPC\", \"Old: \\\"x\\\"\", \"\"")
            .statements());
    ReplacesDecl r = (ReplacesDecl) many.statements().get(1);
    // Like every YAML scalar here, the span is the text inside the quotes.
    SourceSpan at = r.names().get(1).span();
    assertThat(List.of(at.line(), at.column(), at.length())).isEqualTo(List.of(4, 6, 8));
  }

  @Test
  void read_replacesEmptyNullOrNotText_areErrors() {
    Result<PolicyFile> r = YamlPolicyReader.read(new SourceFile("r.yaml", "policy: v2\nreplaces: []\n"));
    assertThat(r.diagnostics()).extracting(Diagnostic::code, d -> d.span().line())
        .containsExactly(tuple("RW0009", 2));
    assertThat(r.diagnostics().get(0).message()).contains("'replaces' is an empty list");

    for (String bad : new String[] {"replaces:\n", "replaces: [2024]\n", "replaces: [[a]]\n",
        "replaces: {a: b}\n", "replaces: true\n"}) {
      Result<PolicyFile> b = YamlPolicyReader.read(new SourceFile("b.yaml", "policy: v2\n" + bad));
      assertThat(b.diagnostics()).as(bad).extracting(Diagnostic::code, d -> d.span().line())
          .containsExactly(tuple("RW0009", 2));
    }
  }

  @Test
  void read_malformedYaml_isDiagnosticWithLineAndColumn() {
    Result<PolicyFile> r = YamlPolicyReader.read(new SourceFile("m.yaml", "policy: x\nrules: [a\n"));

    assertThat(r.value()).isEmpty();
    assertThat(r.diagnostics()).singleElement().satisfies(d -> {
      assertThat(d.code()).isEqualTo("RW0008");
      assertThat(d.span().line()).isEqualTo(2);
    });
  }

  @Test
  void read_unknownKeyAndBadFragment_areDiagnosticsAtTheirPositions() {
    Result<PolicyFile> r =
        YamlPolicyReader.read(
            new SourceFile("k.yaml", "policy: x\nrulez: []\nservices:\n  smb: tcp ;445\n"));

    assertThat(r.diagnostics())
        .extracting(Diagnostic::code, d -> d.span().line(), d -> d.span().column(), d -> d.hint())
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                "RW0009", 2, 1, java.util.Optional.of("did you mean 'rules'?")),
            org.assertj.core.groups.Tuple.tuple(
                "RW0003", 4, 12, java.util.Optional.of(
                    "names are letters, digits, '-' and '_'; text goes in double quotes")));
  }

  @Test
  void read_emptyAndNonMappingDocuments_doNotThrow() {
    assertThat(YamlPolicyReader.read(new SourceFile("e.yaml", "")).orElseThrow().statements())
        .isEmpty();
    assertThat(YamlPolicyReader.read(new SourceFile("s.yaml", "- a\n- b\n")).diagnostics())
        .extracting(Diagnostic::code)
        .containsExactly("RW0009");
    assertThat(YamlPolicyReader.read(new SourceFile("d.yaml", "a: ".repeat(0) + "[".repeat(5000)))
            .diagnostics())
        .extracting(Diagnostic::code)
        .containsOnly("RW0008");
  }

  private static List<Diagnostic> errors(String yaml) {
    Result<PolicyFile> r = YamlPolicyReader.read(new SourceFile("p.yaml", yaml));
    assertThat(r.value()).as("a file with errors has no AST").isEmpty();
    return r.diagnostics();
  }

  @Test
  void read_duplicateToInARule_isAnErrorAtTheSecondKeyNotAnOverwrite() {
    List<Diagnostic> d =
        errors("policy: x\nrules:\n  - allow: 10.1.1.0/24\n    to: tcp 135\n    to: tcp 445\n");

    assertThat(d).singleElement().satisfies(e -> {
      assertThat(e.code()).isEqualTo("RW0010");
      assertThat(e.span()).isEqualTo(new SourceSpan("p.yaml", 5, 5, 2));
      assertThat(e.message()).contains("duplicate key 'to'").contains("line 4, column 5");
    });
  }

  @Test
  void read_duplicateKeysAtEveryLevel_areEachReported() {
    List<Diagnostic> d =
        errors(
            "policy: x\npolicy: y\nrpc:\n  wmi fixed port: 24158\n  wmi fixed port: 24159\n"
                + "networks:\n  a: {include: 10.0.0.0/8, include: 11.0.0.0/8}\n");

    assertThat(d)
        .extracting(Diagnostic::code, e -> e.span().line(), e -> e.span().column())
        .containsExactly(
            tuple("RW0010", 2, 1), tuple("RW0010", 5, 3), tuple("RW0010", 7, 28));
  }

  @Test
  void read_quotedAndPlainSpellingsOfOneKey_areTheSameKey() {
    assertThat(errors("policy: x\n'policy': y\n"))
        .extracting(Diagnostic::code)
        .containsExactly("RW0010");
  }

  @Test
  void read_aliasIsRejected_notReadAsTheNetworkNamedLikeTheAnchor() {
    List<Diagnostic> d =
        errors(
            "policy: x\nnetworks:\n  workstations: 10.20.0.0/16\n"
                + "rules:\n  - block: *workstations\n    to: tcp 135\n");

    assertThat(d).singleElement().satisfies(e -> {
      assertThat(e.code()).isEqualTo("RW0011");
      assertThat(e.span()).isEqualTo(new SourceSpan("p.yaml", 5, 12, 13));
      assertThat(e.message()).contains("alias '*workstations'");
    });
  }

  @Test
  void read_anchorsAndTags_areRejected() {
    assertThat(errors("policy: &p x\n"))
        .extracting(Diagnostic::code, e -> e.span().column(), e -> e.span().length())
        .containsExactly(tuple("RW0011", 9, 2));
    assertThat(errors("policy: !!str x\n"))
        .extracting(Diagnostic::code, e -> e.span().column(), e -> e.span().length())
        .containsExactly(tuple("RW0011", 9, 5));
    assertThat(errors("networks: !!map\n  a: 10.0.0.0/8\n"))
        .extracting(Diagnostic::code)
        .containsExactly("RW0011");
  }

  @Test
  void read_secondDocument_isAnErrorAtItsMarker() {
    assertThat(errors("policy: x\n---\nrules: []\n"))
        .extracting(Diagnostic::code, e -> e.span().line(), e -> e.span().column())
        .containsExactly(tuple("RW0012", 2, 1));
    assertThat(errors("policy: x\n---\n"))
        .extracting(Diagnostic::code)
        .containsExactly("RW0012");
    // A bare document after '...' is YAML 1.2 but not YAML 1.1; either way it is an error.
    assertThat(errors("policy: x\n...\npolicy: y\n")).isNotEmpty();
    assertThat(parseOk("p.yaml", "---\npolicy: x\n...\n").statements()).hasSize(1);
    assertThat(errors("rules: []\n---\n"))
        .extracting(Diagnostic::code)
        .containsExactly("RW0009", "RW0012");
  }

  @Test
  void read_emptyLists_areErrorsNotNoRuleOrAllProfiles() {
    String rule = "policy: x\nrules:\n  - allow: 10.1.1.0/24\n    to: tcp 135\n";
    assertThat(errors(rule + "    on: []\n"))
        .extracting(Diagnostic::code, Diagnostic::message)
        .containsExactly(tuple("RW0009", "'on' is an empty list"));
    assertThat(errors("policy: x\nrules:\n  - block: []\n    to: tcp 135\n"))
        .extracting(Diagnostic::message)
        .containsExactly("'block' is an empty list");
    assertThat(errors("policy: x\nrules:\n  - block: any\n    to: []\n"))
        .extracting(Diagnostic::message)
        .containsExactly("'to' is an empty list");
    assertThat(errors("policy: x\nrules: []\n"))
        .extracting(Diagnostic::message)
        .containsExactly("'rules' is an empty list");
  }

  @Test
  void read_plainScalarsYamlTypes_mustBeQuotedWhereTextIsMeant() {
    assertThat(errors("policy: true\n")).extracting(Diagnostic::message)
        .containsExactly("YAML reads 'true' as a boolean, not as the text rpcwall reads");
    assertThat(errors("policy: x\nrpc:\n  wmi fixed port: 0o57136\n"))
        .extracting(Diagnostic::message)
        .containsExactly("YAML reads '0o57136' as a number (24158), not as the text rpcwall reads");
    assertThat(parseOk("p.yaml", "policy: 'true'\nrpc:\n  wmi fixed port: 24158\n").statements())
        .hasSize(2);
  }

  @Test
  void read_spansAfterCharactersOutsideTheBmp_countUtf16Chars() {
    Result<PolicyFile> r =
        YamlPolicyReader.read(new SourceFile("p.yaml", "policy: \"\uD83D\uDE00\"\ndefault: maybe\n"));

    assertThat(r.diagnostics()).singleElement()
        .satisfies(e -> assertThat(e.span()).isEqualTo(new SourceSpan("p.yaml", 2, 10, 5)));
    Result<PolicyFile> sameLine =
        YamlPolicyReader.read(new SourceFile("p.yaml", "{policy: \"\uD83D\uDE00\", default: maybe}\n"));
    assertThat(sameLine.diagnostics()).singleElement()
        .satisfies(e -> assertThat(e.span().column()).isEqualTo(25));
  }
}
