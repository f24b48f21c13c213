package dev.rpcwall.emit.ipsectool;

import dev.rpcwall.compiler.diag.Result;
import dev.rpcwall.compiler.ir.Policy;
import dev.rpcwall.compiler.lower.IpsecLowering;
import dev.rpcwall.compiler.model.ipsec.IpsecStore;
import dev.rpcwall.compiler.semantics.DecisionMap;
import dev.rpcwall.compiler.source.SourceFile;
import dev.rpcwall.compiler.target.EmittedFile;
import dev.rpcwall.compiler.target.IpsecScriptInput;
import dev.rpcwall.compiler.target.Slug;
import dev.rpcwall.emit.TestPolicies;
import java.util.List;

/** Policies through DecisionMap and IpsecLowering into an {@link IpsecScriptInput}, and back. */
final class IpsecFixtures {
  static final IpsecLowering.Options V4 = new IpsecLowering.Options(true, Integer.MAX_VALUE);

  private IpsecFixtures() {}

  static DecisionMap example(String file) {
    return TestPolicies.example(file).decisionMap().orElseThrow();
  }

  static IpsecScriptInput input(DecisionMap map, boolean verified) {
    Result<IpsecLowering.Lowered> lowered = IpsecLowering.lower(map, V4);
    if (lowered.hasErrors()) {
      throw new AssertionError(lowered.diagnostics().toString());
    }
    Policy p = map.policy();
    return new IpsecScriptInput(p, lowered.orElseThrow().filters(), p.rpc(), Slug.of(p.name()),
        "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", "0.1.0", verified,
        lowered.orElseThrow().ipv6LeftOut());
  }

  static IpsecScriptInput input(Policy policy) {
    return input(DecisionMap.of(policy), true);
  }

  static String text(EmittedFile f) {
    return new String(f.bytes(), java.nio.charset.StandardCharsets.US_ASCII);
  }

  static Result<IpsecStore> read(IpsecToolReader reader, String name, String text) {
    return reader.read(new SourceFile(name, text));
  }

  static List<EmittedFile> emit(IpsecToolEmitter emitter, IpsecScriptInput input) {
    return emitter.emit(input);
  }
}
