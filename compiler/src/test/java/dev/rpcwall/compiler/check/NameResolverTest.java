package dev.rpcwall.compiler.check;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rpcwall.compiler.Compiler;
import dev.rpcwall.compiler.diag.Diagnostic;
import dev.rpcwall.compiler.diag.Result;
import dev.rpcwall.compiler.ir.Action;
import dev.rpcwall.compiler.ir.Policy;
import dev.rpcwall.compiler.ir.Rule;
import dev.rpcwall.compiler.semantics.AddressSet;
import dev.rpcwall.compiler.semantics.Ip;
import dev.rpcwall.compiler.semantics.IpFamily;
import dev.rpcwall.compiler.semantics.PortSet;
import dev.rpcwall.compiler.semantics.Profile;
import dev.rpcwall.compiler.source.SourceSpan;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class NameResolverTest {

  static Result<Policy> resolve(Map<String, String> files, String main) {
    Map<String, byte[]> bytes = new HashMap<>();
    files.forEach((k, v) -> bytes.put(k, v.getBytes(StandardCharsets.UTF_8)));
    return Compiler.resolve(p -> Optional.ofNullable(bytes.get(p)), main);
  }

  static Policy ok(String text) {
    Result<Policy> r = resolve(Map.of("p.rpcwall", text), "p.rpcwall");
    assertThat(r.diagnostics()).isEmpty();
    return r.orElseThrow();
  }

  static Ip ip(String s) {
    return Ip.parse(s).orElseThrow();
  }

  @Test
  void resolve_builtInServices_haveTheirDocumentedPorts() {
    Policy p =
        ok(
            """
            policy "p"
            rpc {
              dynamic ports 5001-5100
            }
            allow any to endpoint-mapper
            allow any to rpc-dynamic
            allow any to wmi
            """);

    assertThat(p.rules()).extracting(Rule::tcp)
        .containsExactly(
            PortSet.of(135), PortSet.of(5001, 5100), PortSet.of(135).union(PortSet.of(5001, 5100)));
    assertThat(p.rpc().dynamicPorts()).contains(PortSet.of(5001, 5100));
  }

  @Test
  void resolve_wmiWithFixedPort_isEndpointMapperPlusThatPort() {
    Policy p = ok("policy \"p\"\nrpc { wmi fixed port 24158 }\nallow any to wmi\n");

    assertThat(p.rules().get(0).tcp()).isEqualTo(PortSet.of(135).union(PortSet.of(24158)));
    assertThat(p.rpc().wmiFixedPort()).hasValue(24158);
  }

  @Test
  void resolve_rules_haveIndexTextProfilesAndDefault() {
    Policy p =
        ok(
            """
            policy "p"
            network admins = 10.1.1.0/24
            network corp = 10.0.0.0/8 except admins
            allow   admins to   tcp 135,445,
                udp 53   # dns
              on domain, private
            block corp, any6 to tcp 135
            default allow
            """);

    Rule first = p.rules().get(0);
    Rule second = p.rules().get(1);
    assertThat(first.index()).isZero();
    assertThat(first.text()).isEqualTo("allow admins to tcp 135,445, udp 53 on domain, private");
    assertThat(first.origin()).isEqualTo(new SourceSpan("p.rpcwall", 4, 1, first.origin().length()));
    assertThat(first.profiles()).isEqualTo(EnumSet.of(Profile.DOMAIN, Profile.PRIVATE));
    assertThat(first.tcp()).isEqualTo(PortSet.of(135).union(PortSet.of(445)));
    assertThat(first.udp()).isEqualTo(PortSet.of(53));
    assertThat(second.index()).isEqualTo(1);
    assertThat(second.profiles()).isEqualTo(EnumSet.allOf(Profile.class));
    assertThat(second.addresses().contains(ip("10.1.1.7"))).isFalse();
    assertThat(second.addresses().contains(ip("10.1.2.7"))).isTrue();
    assertThat(second.addresses().contains(ip("fe80::1"))).isTrue();
    assertThat(second.addresses().contains(ip("11.0.0.0"))).isFalse();
    assertThat(p.defaultAction()).isEqualTo(Action.ALLOW);
  }

  @Test
  void resolve_deepReferenceChain_doesNotOverflowTheStack() {
    StringBuilder b = new StringBuilder("policy \"deep\"\nnetwork n0 = 10.0.0.1\n");
    for (int i = 1; i <= 10_000; i++) {
      b.append("network n").append(i).append(" = n").append(i - 1).append('\n');
    }
    b.append("allow n10000 to tcp 135\n");

    Policy p = ok(b.toString());

    assertThat(p.rules().get(0).addresses())
        .isEqualTo(AddressSet.cidr(ip("10.0.0.1"), 32));
  }

  @Test
  void resolve_deepCycle_isOneDiagnostic() {
    StringBuilder b = new StringBuilder("policy \"deep\"\nnetwork n0 = n10000\n");
    for (int i = 1; i <= 10_000; i++) {
      b.append("service s").append(i).append(" = s").append(i - 1).append('\n');
      b.append("network n").append(i).append(" = n").append(i - 1).append('\n');
    }
    b.append("service s0 = tcp 1\n");

    Result<Policy> r = resolve(Map.of("p.rpcwall", b.toString()), "p.rpcwall");

    assertThat(r.diagnostics()).extracting(Diagnostic::code).containsExactly("RW0106");
  }

  @Test
  void resolve_diamondImports_loadEachFileOnceWithPathsRelativeToTheImporter() {
    Result<Policy> r =
        resolve(
            Map.of(
                "pol/main.rpcwall", "policy \"m\"\nimport \"a/x.rpcwall\"\nimport \"b.rpcwall\"\nallow shared, bee to tcp 1\n",
                "pol/a/x.rpcwall", "import \"../common/s.rpcwall\"\n",
                "pol/b.rpcwall", "import \"./common/s.rpcwall\"\nnetwork bee = 10.0.0.2\n",
                "pol/common/s.rpcwall", "network shared = 10.0.0.1\n"),
            "pol/main.rpcwall");

    assertThat(r.diagnostics()).isEmpty();
    assertThat(r.orElseThrow().rules().get(0).addresses().contains(ip("10.0.0.1"))).isTrue();
  }

  @Test
  void resolve_yamlAndDsl_giveTheSamePolicy() {
    Policy dsl =
        ok("policy \"p\"\nnetwork a = 10.1.1.0/24\nrpc {\n dynamic ports 5001-5200\n}\n"
            + "allow a to endpoint-mapper, rpc-dynamic on domain\nblock any to tcp 135\n");
    Result<Policy> yaml =
        resolve(
            Map.of(
                "p.yaml",
                "policy: p\nnetworks:\n  a: 10.1.1.0/24\nrpc:\n  dynamic ports: 5001-5200\n"
                    + "rules:\n  - allow: a\n    to: endpoint-mapper, rpc-dynamic\n    on: domain\n"
                    + "  - block: any\n    to: tcp 135\n"),
            "p.yaml");

    assertThat(yaml.orElseThrow())
        .usingRecursiveComparison()
        .ignoringFieldsOfTypes(SourceSpan.class)
        .ignoringFields("sourceName")
        .isEqualTo(dsl);
  }

  @Test
  void resolve_replaces_fillsPolicyReplacesInOrderWithOriginsAndExactNames() {
    Policy p =
        ok(
            """
            policy "Branch RPC v3"
            description "d"
            replaces "Branch RPC", "branch rpc"
            allow any to tcp 135
            replaces "Branch RPC v2"
            """);

    // Exact strings: "branch rpc" is another policy than "Branch RPC" (Slug hashes the exact name).
    assertThat(p.replaces())
        .containsExactly(
            new Policy.Replaced("Branch RPC", new SourceSpan("p.rpcwall", 3, 10, 12)),
            new Policy.Replaced("branch rpc", new SourceSpan("p.rpcwall", 3, 24, 12)),
            new Policy.Replaced("Branch RPC v2", new SourceSpan("p.rpcwall", 5, 10, 15)));
    assertThat(ok("policy \"p\"\nallow any to tcp 135\n").replaces()).isEmpty();
  }

  @Test
  void resolve_replacesTwiceTheSameName_warnsAndKeepsItOnce() {
    Result<Policy> r =
        resolve(
            Map.of("p.rpcwall", "policy \"v2\"\nreplaces \"old\"\nreplaces \"x\", \"old\"\n"),
            "p.rpcwall");

    assertThat(r.diagnostics())
        .extracting(Diagnostic::code, d -> d.span().line(), d -> d.span().column())
        .containsExactly(org.assertj.core.groups.Tuple.tuple("RW1051", 3, 15));
    assertThat(r.orElseThrow().replaces()).extracting(Policy.Replaced::name)
        .containsExactly("old", "x");
  }

  @Test
  void resolve_replacesItselfOrEmpty_areErrorsAndNoPolicy() {
    Result<Policy> self =
        resolve(Map.of("p.rpcwall", "policy \"v2\"\nreplaces \"V2\", \"v2\"\n"), "p.rpcwall");
    assertThat(self.value()).isEmpty();
    assertThat(self.diagnostics())
        .extracting(Diagnostic::code, d -> d.span().line(), d -> d.span().column())
        .containsExactly(org.assertj.core.groups.Tuple.tuple("RW1050", 2, 16));

    Result<Policy> empty =
        resolve(Map.of("p.yaml", "policy: v2\nreplaces: [a, \"\"]\n"), "p.yaml");
    assertThat(empty.value()).isEmpty();
    assertThat(empty.diagnostics()).extracting(Diagnostic::code).containsExactly("RW1052");
  }

  @Test
  void resolve_replacesInAnImportedFile_isAnError() {
    Result<Policy> r =
        resolve(
            Map.of(
                "p.rpcwall", "policy \"v2\"\nimport \"n.rpcwall\"\n",
                "n.rpcwall", "network a = 10.0.0.1\nreplaces \"v1\"\n"),
            "p.rpcwall");

    assertThat(r.value()).isEmpty();
    assertThat(r.diagnostics())
        .extracting(Diagnostic::code, d -> d.span().source(), d -> d.span().line())
        .containsExactly(org.assertj.core.groups.Tuple.tuple("RW1004", "n.rpcwall", 2));
  }

  @Test
  void resolve_replacesInYaml_isTheSameAsInText() {
    Policy dsl = ok("policy \"v2\"\nreplaces \"a b\", \"c\"\nallow any to tcp 135\n");
    Result<Policy> yaml =
        resolve(
            Map.of("p.yaml", "policy: v2\nreplaces: [a b, c]\nrules:\n  - allow: any\n    to: tcp 135\n"),
            "p.yaml");

    assertThat(yaml.orElseThrow())
        .usingRecursiveComparison()
        .ignoringFieldsOfTypes(SourceSpan.class)
        .ignoringFields("sourceName")
        .isEqualTo(dsl);
    assertThat(dsl.replaces()).extracting(Policy.Replaced::name).containsExactly("a b", "c");
  }

  @Test
  void resolve_hostileInputs_giveDiagnosticsNotExceptions() {
    byte[] garbage = new byte[200_000];
    new java.util.Random(7).nextBytes(garbage);
    Map<String, byte[]> files =
        Map.of(
            "garbage.rpcwall", garbage,
            "garbage.yaml", garbage,
            "empty.rpcwall", new byte[0],
            "bad-utf8.rpcwall", new byte[] {'p', (byte) 0xFF, '\n'});
    for (String name : files.keySet()) {
      Result<Policy> r = Compiler.resolve(p -> Optional.ofNullable(files.get(p)), name);
      assertThat(r.value()).as(name).isEmpty();
      assertThat(r.diagnostics()).as(name).isNotEmpty();
    }
    assertThat(Compiler.resolve(p -> Optional.empty(), "missing.rpcwall").diagnostics())
        .extracting(Diagnostic::code)
        .containsExactly("RW1005");
  }

  @Test
  void resolve_anyBuiltIns_coverTheirFamilies() {
    Policy p = ok("policy \"p\"\nallow any4 to tcp 1\nallow any6 to tcp 2\nallow any to tcp 3\n");

    assertThat(p.rules().get(0).addresses()).isEqualTo(AddressSet.all(IpFamily.IPV4));
    assertThat(p.rules().get(1).addresses()).isEqualTo(AddressSet.all(IpFamily.IPV6));
    assertThat(p.rules().get(2).addresses()).isEqualTo(AddressSet.all());
  }

  @Test
  void rpcRangeOverlap_portsNamedOnce_noDoubledText() {
    Result<Policy> r = resolve(Map.of("p.rpcwall",
        "policy \"p\"\nrpc {\n  dynamic ports 100-500\n}\nallow any to tcp 135\n"), "p.rpcwall");
    assertThat(r.diagnostics()).extracting(d -> d.message())
        .contains("the dynamic port range overlaps port 135 (the RPC endpoint mapper)",
            "the dynamic port range overlaps port 445 (SMB)")
        .noneMatch(m -> m.contains("mapper) (") || m.contains("(SMB) ("));
  }

  /**
   * Issue 12 point 4: a syntax error no longer hides the name errors of the statements that
   * parsed. One file, one syntax error, one unknown network: both are reported. A broken
   * statement defines nothing, but what it may define ('network servers' whose value is broken)
   * is not then called unknown elsewhere, and a file that imports reports no name errors.
   */
  @Test
  void resolve_syntaxErrorAndUnknownNetwork_bothReported_noFalsePositiveFromTheBrokenStatement() {
    String text = """
        policy "p"
        network servers = 10.0.0.0/8,
        network admins = 10.1.1.0/24
        allow admins to tcp 135
        allow servers to tcp 445
        allow workstatons to tcp 3389
        block allow to tcp 22
        """;
    Result<Policy> r = resolve(Map.of("p.rpcwall", text), "p.rpcwall");
    assertThat(r.hasErrors()).isTrue();
    List<Diagnostic> d = r.diagnostics();
    assertThat(d).extracting(Diagnostic::code).contains("RW0102");
    assertThat(d).filteredOn(x -> x.code().equals("RW0102"))
        .extracting(x -> x.span().line()).containsExactly(6);
    assertThat(d).filteredOn(x -> x.code().equals("RW0102"))
        .allSatisfy(x -> assertThat(x.message()).contains("workstatons"));
    assertThat(d).filteredOn(x -> x.code().startsWith("RW000")).isNotEmpty();

    // With the syntax error fixed, the same name error, and only it, remains.
    Result<Policy> fixed = resolve(Map.of("p.rpcwall", text.replace("10.0.0.0/8,", "10.0.0.0/8")
        .replace("block allow to tcp 22", "block any to tcp 22")), "p.rpcwall");
    assertThat(fixed.diagnostics()).extracting(Diagnostic::code).containsExactly("RW0102");

    // An import may define any name: nothing is called unknown.
    Result<Policy> imports = resolve(Map.of("p.rpcwall", "import \"n.rpcwall\"\n" + text,
        "n.rpcwall", "network workstatons = 10.2.0.0/16\n"), "p.rpcwall");
    assertThat(imports.diagnostics()).extracting(Diagnostic::code).doesNotContain("RW0102");
  }
}
