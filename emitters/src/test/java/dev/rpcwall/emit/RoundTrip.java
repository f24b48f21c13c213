package dev.rpcwall.emit;

import dev.rpcwall.compiler.diag.Diagnostic;
import dev.rpcwall.compiler.diag.Diagnostics;
import dev.rpcwall.compiler.diag.Result;
import dev.rpcwall.compiler.diag.Severity;
import dev.rpcwall.compiler.ir.Policy;
import dev.rpcwall.compiler.ir.RpcSettings;
import dev.rpcwall.compiler.lower.WfasLowering;
import dev.rpcwall.compiler.model.WfasRule;
import dev.rpcwall.compiler.model.WfasRuleSet;
import dev.rpcwall.compiler.semantics.DecisionMap;
import dev.rpcwall.compiler.source.SourceFile;
import dev.rpcwall.compiler.source.SourceSpan;
import dev.rpcwall.compiler.target.EmittedFile;
import dev.rpcwall.compiler.target.ScriptInput;
import dev.rpcwall.compiler.target.Slug;
import dev.rpcwall.compiler.target.TargetId;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * One policy through the whole chain for one target: decision map, lowering, emitting and reading
 * the apply script back from its bytes, decoded the way Windows reads the file.
 */
record RoundTrip(
    Target<ScriptInput, WfasRuleSet> target,
    Policy policy,
    DecisionMap map,
    WfasRuleSet lowered,
    ScriptInput input,
    List<EmittedFile> files,
    WfasRuleSet readBack) {

  static RoundTrip of(Target<ScriptInput, WfasRuleSet> target, Policy policy) {
    DecisionMap map = DecisionMap.of(policy);
    WfasRuleSet lowered = WfasLowering.lower(map);
    ScriptInput input =
        new ScriptInput(
            policy,
            lowered,
            Slug.of(policy.name()),
            Compilation.sha256(policy.name().getBytes(StandardCharsets.UTF_8)),
            Compilation.TOOL_VERSION);
    Diagnostics checked = new Diagnostics();
    target.emitter().check(input, checked);
    if (checked.hasErrors()) {
      throw new AssertionError(target.id().keyword() + " rejects the policy: " + checked.sorted());
    }
    List<EmittedFile> files = target.emitter().emit(input);
    if (files.size() != 2) {
      throw new AssertionError("expected an apply and a rollback script, got " + files.size());
    }
    WfasRuleSet back = read(target, files.get(0));
    return new RoundTrip(target, policy, map, lowered, input, files, back);
  }

  EmittedFile apply() {
    return files.get(0);
  }

  EmittedFile rollback() {
    return files.get(1);
  }

  /** Reads {@code file} with the target's reader; any error diagnostic fails. */
  static WfasRuleSet read(Target<ScriptInput, WfasRuleSet> target, EmittedFile file) {
    return read(target, file.name(), decode(file));
  }

  static WfasRuleSet read(Target<ScriptInput, WfasRuleSet> target, String name, String text) {
    Result<WfasRuleSet> result = target.reader().read(new SourceFile(name, text));
    List<Diagnostic> errors =
        result.diagnostics().stream().filter(d -> d.severity() == Severity.ERROR).toList();
    if (!errors.isEmpty() || result.value().isEmpty()) {
      throw new AssertionError(
          target.id().keyword() + " reader cannot read " + name + ": " + errors + "\n" + text);
    }
    return result.orElseThrow();
  }

  /**
   * The text as the host reads the bytes: a BOM where the file says so, then strict decoding in
   * the file's charset (a character that does not encode would fail here, not turn into '?').
   */
  static String decode(EmittedFile file) {
    byte[] bytes = file.bytes();
    int start = 0;
    if (file.bom()) {
      if (bytes.length < 3
          || (bytes[0] & 0xFF) != 0xEF
          || (bytes[1] & 0xFF) != 0xBB
          || (bytes[2] & 0xFF) != 0xBF) {
        throw new AssertionError(file.name() + " should start with a UTF-8 byte order mark");
      }
      start = 3;
    }
    try {
      return file.charset()
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes, start, bytes.length - start))
          .toString();
    } catch (CharacterCodingException e) {
      throw new AssertionError(file.name() + " does not decode as " + file.charset(), e);
    }
  }

  /**
   * What a dialect carries of a rule: everything but the origin, and for netsh, which has no
   * group parameter and no rule ID besides the display name (windows-semantics.md section 1), no
   * group and the display name as ID.
   */
  static WfasRule carried(TargetId target, WfasRule r) {
    boolean netsh = target == TargetId.NETSH;
    return new WfasRule(
        netsh ? r.displayName() : r.id(),
        r.displayName(),
        netsh ? Optional.empty() : r.group(),
        r.description(),
        r.direction(),
        r.action(),
        r.protocol(),
        r.localPorts(),
        r.remotePorts(),
        r.localAddresses(),
        r.remoteAddresses(),
        r.profiles(),
        r.enabled(),
        r.program(),
        r.service(),
        SourceSpan.UNKNOWN);
  }

  static List<WfasRule> carried(TargetId target, WfasRuleSet set) {
    return set.rules().stream().map(r -> carried(target, r)).toList();
  }

  /** The RPC settings without their origins (a read-back origin is the script line). */
  static RpcSettings bare(RpcSettings rpc) {
    return new RpcSettings(
        rpc.dynamicPorts(), SourceSpan.UNKNOWN, rpc.wmiFixedPort(), SourceSpan.UNKNOWN);
  }
}
