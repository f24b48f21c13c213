package dev.rpcwall.emit.sceregvl;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rpcwall.compiler.diag.Codes;
import dev.rpcwall.compiler.diag.Result;
import dev.rpcwall.compiler.semantics.PortSet;
import dev.rpcwall.compiler.source.SourceFile;
import dev.rpcwall.compiler.target.EmittedFile;
import dev.rpcwall.compiler.testing.Seeded;
import dev.rpcwall.emit.deploy.DeployFixtures;
import dev.rpcwall.emit.reg.RegEmitter;
import dev.rpcwall.emit.reg.RpcArtifactInput;
import dev.rpcwall.emit.reg.RpcRegistryValues;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.SourceDSL;

class SceregvlEmitterTest {
  private final SceregvlEmitter emitter = new SceregvlEmitter();

  @Test
  void linesAndHeaderStepsForTheKbRange() {
    RpcArtifactInput in = DeployFixtures.input("KB RPC 5001-5021", PortSet.of(5001, 5021));
    List<EmittedFile> files = emitter.emit(in);
    assertThat(files).extracting(EmittedFile::name).containsExactly("kb-rpc-5001-5021-sceregvl.inf");
    byte[] bytes = files.get(0).bytes();
    assertThat(bytes[0]).isEqualTo((byte) 0xFF);
    assertThat(bytes[1]).isEqualTo((byte) 0xFE);
    String text = RegEmitter.decode(bytes).orElseThrow();
    assertThat(text)
        .contains("\r\nMACHINE\\SOFTWARE\\Microsoft\\Rpc\\Internet\\Ports,7,\"RPC: dynamic port range (Ports)\",4\r\n")
        .contains("\r\nMACHINE\\SOFTWARE\\Microsoft\\Rpc\\Internet\\PortsInternetAvailable,1,")
        .contains("\r\nMACHINE\\SOFTWARE\\Microsoft\\Rpc\\Internet\\Ports=7,5001-5021\r\n")
        .contains("UseInternetPorts=1,\"Y\"\r\n")
        .contains("Back up").contains("ownership").contains("regsvr32 scecli.dll");
    assertThat(text.indexOf("Back up")).isLessThan(text.indexOf("ownership"));
    assertThat(text.indexOf("ownership")).isLessThan(text.indexOf("regsvr32 scecli.dll"));
    assertThat(SceregvlEmitter.verify(in, files)).isEmpty();
  }

  @Test
  void readerRoundTripsRandomRanges() {
    Gen<PortSet> sets = SourceDSL.longs().all().map(seed -> DeployFixtures.randomPorts(new Random(seed)));
    Seeded.check(qt -> qt.withExamples(200).forAll(sets).checkAssert(ports -> {
      RpcArtifactInput in = DeployFixtures.input("P", ports);
      List<EmittedFile> files = emitter.emit(in);
      assertThat(SceregvlEmitter.verify(in, files)).isEmpty();
      SceregvlContent c = new SceregvlReader().read(new SourceFile("s.inf", files.get(0).text())).orElseThrow();
      assertThat(c.values()).isEqualTo(RpcRegistryValues.expected(in.policy().rpc()));
      assertThat(c.registrations()).isEqualTo(SceregvlEmitter.REGISTRATIONS);
    }));
  }

  @Test
  void verifyCatchesAnotherRange() {
    RpcArtifactInput in = DeployFixtures.input("P", PortSet.of(5001, 5100));
    List<EmittedFile> other = emitter.emit(DeployFixtures.input("P", PortSet.of(5000, 5100)));
    assertThat(SceregvlEmitter.verify(in, other)).anySatisfy(p -> assertThat(p).contains("5000-5100"));
  }

  @Test
  void readerReportsUnknownLinesWithLineAndColumn() {
    String text = String.join("\r\n", "; c", "[Register Registry Values]",
        "MACHINE\\SOFTWARE\\Other\\X,4,\"x\",0",
        "[Registry Values]",
        "MACHINE\\SOFTWARE\\Microsoft\\Rpc\\Internet\\Ports=7,5001 - 5021",
        "MACHINE\\SOFTWARE\\Microsoft\\Rpc\\Internet\\UseInternetPorts=1,Y",
        "[Version]", "");
    Result<SceregvlContent> r = new SceregvlReader().read(new SourceFile("s.inf", text));
    assertThat(r.value()).isEmpty();
    assertThat(r.diagnostics()).extracting(d -> d.span().line() + ":" + d.span().column())
        .containsExactly("3:1", "5:49", "6:60", "7:1");
    assertThat(r.diagnostics()).allSatisfy(d -> assertThat(d.code()).isEqualTo(Codes.SCEREGVL_READ));
  }
}
