package dev.rpcwall.emit.netshipsec;

import dev.rpcwall.compiler.diag.Diagnostic;
import dev.rpcwall.compiler.diag.Diagnostics;
import dev.rpcwall.compiler.diag.Result;
import dev.rpcwall.compiler.diag.Severity;
import dev.rpcwall.compiler.ir.Policy;
import dev.rpcwall.compiler.lower.IpsecLowering;
import dev.rpcwall.compiler.model.ipsec.IpsecStore;
import dev.rpcwall.compiler.semantics.DecisionMap;
import dev.rpcwall.compiler.source.SourceFile;
import dev.rpcwall.compiler.target.EmittedFile;
import dev.rpcwall.compiler.target.IpsecScriptInput;
import dev.rpcwall.compiler.target.Slug;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** The chain policy -> lowering -> netsh ipsec emitter -> reader, for the tests. */
final class NipsecFixtures {
  static final IpsecLowering.Options V4 = new IpsecLowering.Options(true, Integer.MAX_VALUE);
  static final NetshIpsecEmitter EMITTER = new NetshIpsecEmitter();
  static final NetshIpsecReader READER = new NetshIpsecReader();

  private NipsecFixtures() {}

  static IpsecScriptInput input(Policy policy, boolean verified) {
    DecisionMap map = DecisionMap.of(policy);
    Result<IpsecLowering.Lowered> lowered = IpsecLowering.lower(map, V4);
    if (lowered.hasErrors()) {
      throw new AssertionError("lowering: " + lowered.diagnostics());
    }
    IpsecLowering.Lowered l = lowered.orElseThrow();
    return new IpsecScriptInput(
        policy,
        l.filters(),
        policy.rpc(),
        Slug.of(policy.name()),
        "00" + "ab".repeat(31),
        "0.1.0",
        verified,
        l.ipv6LeftOut());
  }

  static List<EmittedFile> emit(IpsecScriptInput input) {
    Diagnostics checked = new Diagnostics();
    EMITTER.check(input, checked);
    if (checked.hasErrors()) {
      throw new AssertionError("check: " + checked.sorted());
    }
    return EMITTER.emit(input);
  }

  /** Strict ASCII decoding: a non-ASCII byte fails here. */
  static String text(EmittedFile f) {
    try {
      return StandardCharsets.US_ASCII
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(f.bytes()))
          .toString();
    } catch (CharacterCodingException e) {
      throw new AssertionError(f.name() + " is not ASCII", e);
    }
  }

  static Result<IpsecStore> read(String name, String text) {
    return READER.read(new SourceFile(name, text));
  }

  /** Reads a script that must read without an error. */
  static IpsecStore readOk(String name, String text, IpsecStore host) {
    Result<IpsecStore> r = READER.read(new SourceFile(name, text), host);
    List<Diagnostic> errors =
        r.diagnostics().stream().filter(d -> d.severity() == Severity.ERROR).toList();
    if (!errors.isEmpty() || r.value().isEmpty()) {
      throw new AssertionError("cannot read " + name + ": " + errors + "\n" + text);
    }
    return r.orElseThrow();
  }

  static IpsecStore readOk(EmittedFile f) {
    return readOk(f.name(), text(f), IpsecStore.EMPTY);
  }
}
