package dev.rpcwall.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rpcwall.compiler.diag.Diagnostic;
import dev.rpcwall.compiler.host.Roles;
import dev.rpcwall.compiler.model.Rules;
import dev.rpcwall.compiler.semantics.AddressSet;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** {@code lint --roles}: both forms give the same sets, to the address; errors are located. */
class RolesFileTest {
  private static RolesFile.Parsed parse(String name, String text) {
    return RolesFile.parse(name, text.getBytes(StandardCharsets.UTF_8));
  }

  private static boolean has(AddressSet set, String ip) {
    return set.containsAll(AddressSet.of(Rules.ip(ip)));
  }

  private static void assertWorkstations(Roles roles) {
    AddressSet w = roles.workstations().orElseThrow();
    // 10.2.0.0/16 except 10.2.9.0/24, plus 2001:db8:50::/48: each boundary and one beyond it.
    assertThat(has(w, "10.1.255.255")).isFalse();
    assertThat(has(w, "10.2.0.0")).isTrue();
    assertThat(has(w, "10.2.8.255")).isTrue();
    assertThat(has(w, "10.2.9.0")).isFalse();
    assertThat(has(w, "10.2.9.255")).isFalse();
    assertThat(has(w, "10.2.10.0")).isTrue();
    assertThat(has(w, "10.2.255.255")).isTrue();
    assertThat(has(w, "10.3.0.0")).isFalse();
    assertThat(has(w, "2001:db8:50::")).isTrue();
    assertThat(has(w, "2001:db8:50:ffff:ffff:ffff:ffff:ffff")).isTrue();
    assertThat(has(w, "2001:db8:51::")).isFalse();
    assertThat(roles.admins().orElseThrow().containsAll(AddressSet.of(Rules.ip("10.1.1.7")))).isTrue();
    assertThat(roles.servers()).isEmpty();
  }

  @Test
  void yaml_topLevelRoles() {
    RolesFile.Parsed p = parse("roles.yaml",
        "# roles of the branch\nworkstations: [\"10.2.0.0/16 except 10.2.9.0/24\", \"2001:db8:50::/48\"]\n"
            + "admins: 10.1.1.0/24\ninternet: any\n");
    assertThat(p.diagnostics()).isEmpty();
    assertWorkstations(p.roles());
    assertThat(p.roles().internet().orElseThrow().isAll()).isTrue();
  }

  @Test
  void yaml_aPolicysNetworksMapping_withHelpers() {
    RolesFile.Parsed p = parse("policy.yaml",
        "policy: x\nnetworks:\n  branch: 10.2.0.0/16\n  printers: 10.2.9.0/24\n"
            + "  workstations: branch, 2001:db8:50::/48 except printers\n  admins: [10.1.1.0/24]\nrules: []\n");
    assertThat(p.diagnostics()).isEmpty();
    assertWorkstations(p.roles());
  }

  @Test
  void policyLanguage_networkStatements() {
    RolesFile.Parsed p = parse("roles.rpcwall",
        "network branch = 10.2.0.0/16\nnetwork workstations = branch, 2001:db8:50::/48 except 10.2.9.0/24\n"
            + "network admins = 10.1.1.0/24\n");
    assertThat(p.diagnostics()).isEmpty();
    assertWorkstations(p.roles());
  }

  @Test
  void policyLanguage_aWholePolicyFile_givesItsNetworks() {
    RolesFile.Parsed p = parse("../examples/block-wmi-between-workstations.rpcwall",
        "policy \"p\"\nnetwork workstations = 10.50.0.0/16\nallow workstations to wmi\ndefault block\n");
    assertThat(p.diagnostics()).isEmpty();
    assertThat(has(p.roles().workstations().orElseThrow(), "10.50.3.4")).isTrue();
  }

  @Test
  void errors_haveFileLineColumn() {
    Diagnostic unknownName = parse("r.rpcwall", "network workstations = branchh\nnetwork branch = 10.2.0.0/16\n")
        .diagnostics().get(0);
    assertThat(unknownName.span().location()).isEqualTo("r.rpcwall:1:24");
    assertThat(unknownName.message()).isEqualTo("unknown network 'branchh'");
    assertThat(unknownName.hint()).contains("define it in this file; did you mean 'branch'?");

    Diagnostic badYaml = parse("r.yaml", "workstations: [10.2.0.0/16, 10.2.0.0/33]\n").diagnostics().get(0);
    assertThat(badYaml.span().location()).isEqualTo("r.yaml:1:29");
    assertThat(badYaml.code()).isEqualTo("RW0904");

    Diagnostic cycle = parse("c.rpcwall", "network workstations = a\nnetwork a = workstations\n").diagnostics().get(0);
    assertThat(cycle.message()).contains("refers to itself");

    Diagnostic none = parse("n.yaml", "policy: only\n").diagnostics().get(0);
    assertThat(none.message()).contains("names none of workstations, servers, admins, internet");

    Diagnostic notYaml = parse("b.yaml", "workstations: [10.2.0.0/16\n").diagnostics().get(0);
    assertThat(notYaml.message()).startsWith("not valid YAML");
    assertThat(notYaml.span().line()).isGreaterThan(0);

    Diagnostic imports = parse("i.rpcwall", "import \"common/networks.rpcwall\"\nnetwork admins = 10.0.0.0/8\n").diagnostics().get(0);
    assertThat(imports.message()).contains("imports are not followed");
  }

  @Test
  void anError_givesNoRoles() {
    assertThat(parse("r.yaml", "workstations: [10.2.0.0/16]\nservers: [nope]\n").roles()).isEqualTo(Roles.NONE);
  }
}
