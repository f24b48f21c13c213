package dev.rpcwall.compiler.parse;

import static dev.rpcwall.compiler.parse.ParseAssertions.assertSameIgnoringSpans;
import static dev.rpcwall.compiler.parse.ParseAssertions.parseOk;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rpcwall.compiler.ast.NetworkDecl;
import dev.rpcwall.compiler.ast.PolicyFile;
import dev.rpcwall.compiler.ast.RuleDecl;
import dev.rpcwall.compiler.diag.Diagnostic;
import dev.rpcwall.compiler.diag.Result;
import dev.rpcwall.compiler.source.SourceFile;
import dev.rpcwall.compiler.source.SourceSpan;
import java.io.IOException;
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
}
