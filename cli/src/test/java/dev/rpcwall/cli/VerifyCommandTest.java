package dev.rpcwall.cli;

import static dev.rpcwall.cli.CliRunner.run;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rpcwall.emit.host.HostInputs;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VerifyCommandTest {
  private static final String KB = CliRunner.example("kb-rpc-5001-5021.rpcwall");

  @TempDir Path dir;

  private Path compile(String target) throws Exception {
    Path out = dir.resolve(target);
    CliRunner.Run r = target.contains("ipsec")
        ? run("compile", KB, "--target", target, "--ipv4-only", "-o", out.toString())
        : run("compile", KB, "--target", target, "-o", out.toString());
    assertThat(r.exit()).as(r.err()).isEqualTo(0);
    try (var files = Files.list(out)) {
      return files.filter(p -> !p.getFileName().toString().contains("rollback"))
          .filter(p -> p.toString().endsWith(".cmd") || p.toString().endsWith(".ps1"))
          .findFirst().orElseThrow();
    }
  }

  @Test
  void verify_policyAgainstItsOwnScripts_isEqualForEveryTarget() throws Exception {
    for (String target : new String[] {"netsh", "powershell", "ipseccmd", "netsh-ipsec"}) {
      Path script = compile(target);
      CliRunner.Run r = run("verify", KB, "--against", script.toString());
      assertThat(r.exit()).as("%s\n%s\n%s", target, r.out(), r.err()).isEqualTo(0);
      assertThat(r.out()).contains("equal: the host decides as the policy");
    }
  }

  @Test
  void verify_editedScript_printsTheCounterexampleAndExitsOne() throws Exception {
    Path script = compile("netsh");
    String text = Files.readString(script, StandardCharsets.UTF_8);
    // The admins' rule loses port 5021 (both where it is added and where it is echoed).
    String edited = text.replace("action=allow protocol=tcp localport=135,5001-5021",
        "action=allow protocol=tcp localport=135,5001-5020");
    assertThat(edited).isNotEqualTo(text);
    Path host = dir.resolve("edited.cmd");
    Files.writeString(host, edited, StandardCharsets.UTF_8);

    CliRunner.Run r = run("verify", KB, "--against", host.toString());
    assertThat(r.exit()).as(r.out() + r.err()).isEqualTo(1);
    // The emitted Block rule leaves the admins out: the default inbound Block decides.
    assertThat(r.out()).contains("10.1.1.0-10.1.1.255 tcp/5021 domain,private,public: policy allow,"
        + " host block — blocked by default inbound block (assumed)");
    assertThat(r.out()).contains("; policy rule " + KB + ":15:1");

    CliRunner.Run json = run("verify", KB, "--against", host.toString(), "--format", "json");
    assertThat(json.exit()).isEqualTo(1);
    JsonNode root = new ObjectMapper().readTree(json.out());
    assertThat(root.get("equal").asBoolean()).isFalse();
    assertThat(root.get("notEnoughInformation")).isEmpty();
    JsonNode d = root.get("differences").get(0);
    assertThat(d.get("addresses").get(0).asText()).isEqualTo("10.1.1.0-10.1.1.255");
    assertThat(d.get("protocol").asText()).isEqualTo("tcp");
    assertThat(d.get("ports").asText()).isEqualTo("5021");
    assertThat(d.get("profiles").toString()).isEqualTo("[\"domain\",\"private\",\"public\"]");
    assertThat(d.get("policy").get("decision").asText()).isEqualTo("allow");
    assertThat(d.get("policy").get("rule").asText()).isEqualTo(KB + ":15:1");
    assertThat(d.get("host").get("decision").asText()).isEqualTo("block");
    assertThat(d.get("host").get("rules").get(0).get("name").asText())
        .isEqualTo("default inbound block");
    assertThat(d.get("host").get("rules").get(0).get("at").isNull()).isTrue();
  }

  @Test
  void verify_noReadableInput_exitsTwo() throws Exception {
    Path junk = dir.resolve("junk.txt");
    Files.writeString(junk, "hello\n");
    CliRunner.Run r = run("verify", KB, "--against", junk.toString());
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("none of the inputs could be read");
    assertThat(run("verify", KB, "--against", dir.resolve("missing.cmd").toString()).exit())
        .isEqualTo(2);
  }

  @Test
  void verify_invalidPolicy_exitsTwo() throws Exception {
    Path bad = dir.resolve("bad.rpcwall");
    Files.writeString(bad, "policy \"x\"\nallow nowhere to tcp 135\n");
    Path script = compile("netsh");
    CliRunner.Run r = run("verify", bad.toString(), "--against", script.toString());
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("RW");
  }

  @Test
  void verify_bothAssumptions_areRefusedTogether() throws Exception {
    Path script = compile("netsh");
    assertThat(run("verify", KB, "--against", script.toString(), "--assume-host-conditions-match",
        "--assume-host-conditions-differ").exit()).isEqualTo(2);
  }

  /**
   * The classic mistake, hand-written: allow the admin subnet, then block everyone. Needs the
   * reader of hand-written netsh scripts (HostInputs.standard()); skipped where it is not there.
   */
  @Test
  void verify_classicMistakeScript_isTheAdminLockout() throws Exception {
    Assumptions.assumeTrue(
        HostInputs.standard().readers().stream().anyMatch(r -> r.format().equals("netsh")),
        "no reader of hand-written netsh scripts registered in HostInputs.standard()");
    Path fixture = Path.of("src/test/resources/verify/classic-mistake.cmd");
    CliRunner.Run r = run("verify", KB, "--against", fixture.toString());
    assertThat(r.exit()).as(r.out() + r.err()).isEqualTo(1);
    assertThat(r.out()).contains("10.1.1.0-10.1.1.255 tcp/135,5001-5021 domain,private,public:"
        + " policy allow, host block — blocked by \"Block RPC\" " + fixture + ":4; policy rule "
        + KB + ":15:1");
  }

  /** The JSON element of a not-enough-information region: both answers and the condition. */
  @Test
  void json_notEnoughInformation_hasBothAnswersAndTheCondition() throws Exception {
    String text = "policy \"p\"\nblock any to tcp 135\n";
    var map = dev.rpcwall.compiler.Compiler.analyze(
        p -> java.util.Optional.of(text.getBytes(StandardCharsets.UTF_8)), "p.rpcwall")
        .decisionMap().orElseThrow();
    var host = new dev.rpcwall.compiler.host.HostState();
    host.addRule(new dev.rpcwall.compiler.host.HostRule(new dev.rpcwall.compiler.model.WfasRule(
        "svc", "Svc", java.util.Optional.empty(), java.util.Optional.empty(),
        dev.rpcwall.compiler.model.Direction.IN, dev.rpcwall.compiler.model.RuleAction.ALLOW, 6,
        dev.rpcwall.compiler.model.PortCondition.of(dev.rpcwall.compiler.semantics.PortSet.of(135)),
        dev.rpcwall.compiler.model.PortCondition.ANY, dev.rpcwall.compiler.model.AddressCondition.ANY,
        dev.rpcwall.compiler.model.AddressCondition.ANY, java.util.Set.of(), true,
        java.util.Optional.of("C:\\svc.exe"), java.util.Optional.empty(),
        dev.rpcwall.compiler.source.SourceSpan.at("h.cmd", 4, 1, 1)),
        dev.rpcwall.compiler.host.HostStore.LOCAL));
    var report = dev.rpcwall.compiler.verify.HostVerification.verify(map,
        new dev.rpcwall.compiler.host.EffectiveHost(host),
        dev.rpcwall.compiler.verify.HostVerification.Model.WFAS, java.util.Optional.empty(), false);
    assertThat(report.notEnoughInformation()).hasSize(1);
    JsonNode u = new ObjectMapper().readTree(
        Json.write(VerifyCommand.json(report.notEnoughInformation().get(0))));
    assertThat(u.get("ports").asText()).isEqualTo("135");
    assertThat(u.get("policy").get("decision").asText()).isEqualTo("block");
    assertThat(u.get("policy").get("rule").asText()).isEqualTo("p.rpcwall:2:1");
    assertThat(u.get("ifConditionsMatch").get("decision").asText()).isEqualTo("allow");
    JsonNode rule = u.get("ifConditionsMatch").get("rules").get(0);
    assertThat(rule.get("name").asText()).isEqualTo("Svc");
    assertThat(rule.get("at").asText()).isEqualTo("h.cmd:4");
    assertThat(rule.get("condition").asText()).isEqualTo("program condition");
    assertThat(u.get("ifConditionsDiffer").get("decision").asText()).isEqualTo("block");
    assertThat(u.get("ifConditionsDiffer").get("rules").get(0).get("default").asBoolean()).isTrue();
  }

  @Test
  void verify_modelAndSectionOptions_changeWhatIsJudgedAndPrinted() throws Exception {
    Path script = compile("netsh");
    CliRunner.Run both = run("verify", KB, "--against", script.toString(), "--both",
        "--also-unmanaged");
    assertThat(both.exit()).as(both.out() + both.err()).isEqualTo(0);
    assertThat(both.out()).contains("if the host's conditions match: equal")
        .contains("if they do not match: equal")
        .contains("outside the policy's managed space, the host allows (0):");

    // Judged as legacy IPsec, the firewall rules are not looked at: nothing is filtered, so
    // everything the policy blocks passes.
    CliRunner.Run ipsec = run("verify", KB, "--against", script.toString(), "--target-model",
        "ipsec");
    assertThat(ipsec.exit()).isEqualTo(1);
    assertThat(ipsec.out()).contains("2 Windows Firewall rule(s) not judged")
        .contains("IPv6 not compared")
        .contains("0.0.0.0-10.1.0.255,10.1.2.0-126.255.255.255,128.0.0.0-255.255.255.255"
            + " tcp/135,5001-5021 domain,private,public: policy block, host allow — passed: no"
            + " filter matches; policy rule " + KB + ":16:1");
  }
}
