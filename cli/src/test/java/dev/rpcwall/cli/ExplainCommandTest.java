package dev.rpcwall.cli;

import static dev.rpcwall.cli.CliRunner.example;
import static dev.rpcwall.cli.CliRunner.run;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExplainCommandTest {
  static final String KB = example("kb-rpc-5001-5021.rpcwall");
  @TempDir Path dir;

  @Test
  void explain_adminOnEndpointMapper_allowedByFirstRuleInEveryProfile() {
    CliRunner.Run r = run("explain", KB, "--from", "10.1.1.7", "--port", "135");
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out()).contains("10.1.1.7 tcp/135:");
    assertThat(r.out().lines().filter(l -> l.contains("allow ") && l.contains("allow admins to endpoint-mapper")))
        .hasSize(3);
    assertThat(r.out()).contains("kb-rpc-5001-5021.rpcwall:15:1");
  }

  @Test
  void explain_otherAddressInRange_blockedBySecondRule() {
    CliRunner.Run r = run("explain", KB, "--from", "10.1.2.7", "--port", "5021", "--profile", "public");
    assertThat(r.exit()).isZero();
    assertThat(r.out()).contains("public").contains("block").contains("block any to endpoint-mapper")
        .doesNotContain("domain");
  }

  @Test
  void explain_portNoRuleNames_isUnmanaged() {
    CliRunner.Run r = run("explain", KB, "--from", "10.1.1.7", "--port", "5022");
    assertThat(r.exit()).isZero();
    assertThat(r.out()).contains("unmanaged");
  }

  @Test
  void explain_udpOnEndpointMapperPort_isUnmanaged() {
    CliRunner.Run r = run("explain", KB, "--from", "10.1.1.7", "--port", "135", "--protocol", "udp");
    assertThat(r.out()).contains("udp/135").contains("unmanaged");
  }

  @Test
  void explain_json_hasTheDocumentedShape() throws IOException {
    CliRunner.Run r = run("explain", KB, "--from", "10.1.1.7", "--port", "135", "--format", "json");
    JsonNode n = new ObjectMapper().readTree(r.out());
    assertThat(n.get("address").asText()).isEqualTo("10.1.1.7");
    assertThat(n.get("protocol").asText()).isEqualTo("tcp");
    assertThat(n.get("port").asInt()).isEqualTo(135);
    assertThat(n.get("results")).hasSize(3);
    JsonNode first = n.get("results").get(0);
    assertThat(first.get("profile").asText()).isEqualTo("domain");
    assertThat(first.get("decision").asText()).isEqualTo("allow");
    assertThat(first.get("reason").asText()).isEqualTo("rule");
    assertThat(first.get("rule").get("line").asInt()).isEqualTo(15);
    assertThat(first.get("rule").get("column").asInt()).isEqualTo(1);
    assertThat(first.get("rule").get("text").asText()).isEqualTo("allow admins to endpoint-mapper, rpc-dynamic");
    assertThat(first.get("rule").get("file").asText()).endsWith("kb-rpc-5001-5021.rpcwall");
  }

  @Test
  void explain_jsonUnmanaged_hasNullRule() throws IOException {
    CliRunner.Run r = run("explain", KB, "--from", "::1", "--port", "80", "--format", "json");
    JsonNode first = new ObjectMapper().readTree(r.out()).get("results").get(0);
    assertThat(first.get("decision").asText()).isEqualTo("unmanaged");
    assertThat(first.get("rule").isNull()).isTrue();
    assertThat(first.get("reason").asText()).isEqualTo("unmanaged");
  }

  @Test
  void explain_defaultDecides_namesTheDefault() throws IOException {
    Path f = dir.resolve("d.rpcwall");
    Files.writeString(f, "policy \"d\"\nallow 10.0.0.0/8 to tcp 135 on domain\ndefault allow\n");
    CliRunner.Run r = run("explain", f.toString(), "--from", "192.0.2.1", "--port", "135", "--format", "json");
    JsonNode first = new ObjectMapper().readTree(r.out()).get("results").get(0);
    assertThat(first.get("decision").asText()).isEqualTo("allow");
    assertThat(first.get("reason").asText()).isEqualTo("default");
  }

  @Test
  void explain_badAddress_isUsageError() {
    CliRunner.Run r = run("explain", KB, "--from", "10.1.1.300", "--port", "135");
    assertThat(r.exit()).isEqualTo(2);
  }

  @Test
  void probes_expectationsHold_exit0() throws IOException {
    Path csv = dir.resolve("flows.csv");
    Files.writeString(csv, """
        address,protocol,port,profile,expect
        10.1.1.7,tcp,135,,allow
        10.1.1.7,tcp,5001,domain,allow
        10.9.9.9,tcp,135,,block
        2001:db8::1,tcp,5010,,block
        10.1.1.7,udp,135,,unmanaged
        """);
    CliRunner.Run r = run("explain", KB, "--probes", csv.toString());
    assertThat(r.exit()).as(r.out() + r.err()).isZero();
    assertThat(r.out()).contains("5 flows, 5 with expectations, 0 failures");
  }

  @Test
  void probes_exportCsvOfWindowsPowerShell_bomTypeLineAndQuotedCells_areRead() throws IOException {
    // Export-Csv in Windows PowerShell 5.1: UTF-8 BOM, a #TYPE line, every cell quoted, CRLF.
    Path csv = dir.resolve("flows.csv");
    String text = "#TYPE System.Management.Automation.PSCustomObject\r\n"
        + "\"address\",\"protocol\",\"port\",\"profile\",\"expect\"\r\n"
        + "\"10.1.1.7\",\"tcp\",\"135\",\"\",\"allow\"\r\n"
        + "\"10.9.9.9\",\"tcp\",\"135\",\"domain\",\"block\"\r\n";
    byte[] body = text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    byte[] bytes = new byte[body.length + 3];
    bytes[0] = (byte) 0xEF;
    bytes[1] = (byte) 0xBB;
    bytes[2] = (byte) 0xBF;
    System.arraycopy(body, 0, bytes, 3, body.length);
    Files.write(csv, bytes);
    CliRunner.Run r = run("explain", KB, "--probes", csv.toString());
    assertThat(r.exit()).as(r.out() + r.err()).isZero();
    assertThat(r.out()).contains("2 flows, 2 with expectations, 0 failures");
  }

  @Test
  void probes_quotedCellWithCommaAndBadValue_reportedAtItsColumn() throws IOException {
    Path csv = dir.resolve("flows.csv");
    Files.writeString(csv, "\"10.1.1.7\",\"tcp\",\"13,5\"\n\"10.1.1.7,tcp,135\n");
    CliRunner.Run r = run("explain", KB, "--probes", csv.toString());
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("flows.csv:1:18:").contains("port must be a number")
        .contains("flows.csv:2:1:").contains("a quoted cell is not closed");
  }

  @Test
  void probes_expectationFails_listsFlowAndExits1() throws IOException {
    Path csv = dir.resolve("flows.csv");
    Files.writeString(csv, "10.1.1.7,tcp,135,allow\n10.9.9.9,tcp,135,allow\n");
    CliRunner.Run r = run("explain", KB, "--probes", csv.toString());
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.out()).contains("flows.csv:2:1: expected allow").contains("10.9.9.9");
  }

  @Test
  void probes_json_oneObjectPerFlow() throws IOException {
    Path csv = dir.resolve("flows.csv");
    Files.writeString(csv, "10.1.1.7,tcp,135,allow\n10.9.9.9,tcp,135,domain,allow\n");
    CliRunner.Run r = run("explain", KB, "--probes", csv.toString(), "--format", "json");
    JsonNode n = new ObjectMapper().readTree(r.out());
    assertThat(n).hasSize(2);
    assertThat(n.get(0).get("ok").asBoolean()).isTrue();
    assertThat(n.get(1).get("ok").asBoolean()).isFalse();
    assertThat(n.get(1).get("results")).hasSize(1);
  }

  @Test
  void probes_badRow_isDiagnosticWithColumn() throws IOException {
    Path csv = dir.resolve("flows.csv");
    Files.writeString(csv, "10.1.1.7,tcp,99999\n");
    CliRunner.Run r = run("explain", KB, "--probes", csv.toString());
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("flows.csv:1:14: error[RW0901]").contains("hint: the third column is one local port");
  }
}
