package dev.rpcwall.emit.sceregvl;

import dev.rpcwall.compiler.diag.Diagnostics;
import dev.rpcwall.compiler.diag.Result;
import dev.rpcwall.compiler.semantics.PortSet;
import dev.rpcwall.compiler.source.SourceFile;
import dev.rpcwall.compiler.target.EmittedFile;
import dev.rpcwall.compiler.target.Emitter;
import dev.rpcwall.compiler.target.LineEnding;
import dev.rpcwall.compiler.target.TargetId;
import dev.rpcwall.emit.reg.RegEmitter;
import dev.rpcwall.emit.reg.RpcArtifactInput;
import dev.rpcwall.emit.reg.RpcRegistryValues;
import dev.rpcwall.emit.sceregvl.SceregvlContent.Registration;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code --target sceregvl}: {@code <fileBase>-sceregvl.inf}, the route for Windows 2000/2003
 * domains without ADMX: Security Configuration Editor learns three custom settings from lines in
 * {@code %windir%\inf\sceregvl.inf} (Microsoft KB214752 "How to add custom registry settings to
 * Security Configuration Editor", http://support.microsoft.com/kb/214752), and a security template
 * (or the GPO's Security Settings) then sets them.
 *
 * <p>Registration line format (KB214752): {@code <path>,<registry type>,"<display name>",<display type>}
 * with the path under {@code MACHINE\}; registry type 1 = REG_SZ, 7 = REG_MULTI_SZ (the Win32
 * REG_* numbers); display type 2 = string, 4 = multi-valued (the issue's {@code Ports,7,"...",4}
 * form; display type 2 for a REG_SZ string is our reading of KB214752, whose full table the stored
 * copies do not show: UNCONFIRMED).
 *
 * <p>Template line format ({@code [Registry Values]}, [MS-GPSB] 2.2.5,
 * https://learn.microsoft.com/en-us/openspecs/windows_protocols/ms-gpsb/3a14ca47-a22f-43c5-b35e-6be791003ca7):
 * {@code MACHINE\<key>\<value>=<type>,<value>}. A REG_SZ is quoted; the strings of a
 * REG_MULTI_SZ are separated by commas, as Windows' own templates write them (observed, not stated
 * in MS-GPSB: UNCONFIRMED). Port strings hold no commas, so the split is unambiguous.
 *
 * <p>Encoding: UTF-16LE with a byte order mark and CRLF, as security templates are Unicode files.
 */
public final class SceregvlEmitter implements Emitter<RpcArtifactInput> {
  static final String PATH = "MACHINE\\SOFTWARE\\Microsoft\\Rpc\\Internet\\";
  public static final String REGISTER_SECTION = "Register Registry Values";
  public static final String VALUES_SECTION = "Registry Values";

  /** The three registrations, in file order. */
  public static final List<Registration> REGISTRATIONS = List.of(
      new Registration(PATH + RpcRegistryValues.PORTS, 7, "RPC: dynamic port range (Ports)", 4),
      new Registration(PATH + RpcRegistryValues.PORTS_INTERNET_AVAILABLE, 1,
          "RPC: listed ports are Internet-available (PortsInternetAvailable)", 2),
      new Registration(PATH + RpcRegistryValues.USE_INTERNET_PORTS, 1,
          "RPC: endpoints use the Internet-available ports (UseInternetPorts)", 2));

  @Override
  public TargetId target() {
    return TargetId.SCEREGVL;
  }

  @Override
  public void check(RpcArtifactInput input, Diagnostics out) {
    RpcArtifactInput.checkRpc(input, "a sceregvl.inf fragment", out);
  }

  public static String fileName(RpcArtifactInput input) {
    return input.fileBase() + "-sceregvl.inf";
  }

  @Override
  public List<EmittedFile> emit(RpcArtifactInput input) {
    PortSet ports = input.dynamicPorts();
    List<String> l = new ArrayList<>();
    l.add("; rpcwall " + input.toolVersion() + ", policy " + commentText(input.policy().name()));
    l.add("; source sha256 " + input.sourceSha256());
    l.add("; The RPC dynamic port range " + ports + " (HKLM\\SOFTWARE\\Microsoft\\Rpc\\Internet,");
    l.add("; KB154596) as custom Security Configuration Editor settings (KB214752).");
    l.add(";");
    l.add("; On the computer where you edit security templates or the GPO (KB214752):");
    l.add(";  1. Back up the registry and %windir%\\inf\\sceregvl.inf (copy it, e.g. to sceregvl.inf.bak).");
    l.add(";  2. Take ownership of %windir%\\inf\\sceregvl.inf and give Administrators write access");
    l.add(";     (the file belongs to the system): its Security tab, Advanced, Owner; or");
    l.add(";       takeown /f %windir%\\inf\\sceregvl.inf");
    l.add(";       cacls %windir%\\inf\\sceregvl.inf /E /G Administrators:F");
    l.add(";  3. Add the three lines under [" + REGISTER_SECTION + "] below to that section of");
    l.add(";     sceregvl.inf (same encoding as the file; keep its other lines).");
    l.add(";  4. Register the change:  regsvr32 scecli.dll");
    l.add(";  5. Reopen the Security Templates / Group Policy editor: Local Policies\\Security Options");
    l.add(";     lists the three RPC settings. Set them to the values under [" + VALUES_SECTION + "]");
    l.add(";     (or paste those lines into the [" + VALUES_SECTION + "] section of a security template).");
    l.add(";  6. The computers read the values when they start: restart them after the policy applies");
    l.add(";     (KB154596).");
    l.add("");
    l.add("[" + REGISTER_SECTION + "]");
    for (Registration r : REGISTRATIONS) {
      l.add(r.path() + "," + r.regType() + ",\"" + r.displayName() + "\"," + r.displayType());
    }
    l.add("");
    l.add("[" + VALUES_SECTION + "]");
    l.add(PATH + RpcRegistryValues.PORTS + "=7," + String.join(",", RpcRegistryValues.portStrings(ports)));
    l.add(PATH + RpcRegistryValues.PORTS_INTERNET_AVAILABLE + "=1,\"Y\"");
    l.add(PATH + RpcRegistryValues.USE_INTERNET_PORTS + "=1,\"Y\"");
    l.add("");
    String text = "\uFEFF" + String.join(LineEnding.CRLF.chars(), l);
    return List.of(new EmittedFile(fileName(input), text, LineEnding.CRLF, StandardCharsets.UTF_16LE, false));
  }

  private static String commentText(String s) {
    StringBuilder b = new StringBuilder("\"");
    s.codePoints().forEach(c -> b.appendCodePoint(Character.isISOControl(c)
        || Character.getType(c) == Character.SURROGATE || c == 0x2028 || c == 0x2029 ? '?' : c));
    return b.append('"').toString();
  }

  /**
   * The self-check of this artifact: UTF-16LE with a BOM, read back, it registers exactly the
   * three settings with their types, and its template section writes exactly the policy's range
   * and the two {@code Y} values. Empty when so; otherwise nothing may be written (exit 3).
   */
  public static List<String> verify(RpcArtifactInput input, List<EmittedFile> files) {
    List<String> problems = new ArrayList<>();
    if (files.size() != 1 || !files.get(0).name().equals(fileName(input))) {
      problems.add("expected the one file " + fileName(input) + ", got " + files.stream().map(EmittedFile::name).toList());
      return problems;
    }
    Optional<String> text = RegEmitter.decode(files.get(0).bytes());
    if (text.isEmpty()) {
      problems.add("not UTF-16LE text starting with the byte order mark FF FE");
      return problems;
    }
    Result<SceregvlContent> read = new SceregvlReader().read(new SourceFile(fileName(input), text.get()));
    if (read.value().isEmpty()) {
      read.diagnostics().forEach(d -> problems.add(d.span().location() + " " + d.message()));
      return problems;
    }
    if (!read.value().get().registrations().equals(REGISTRATIONS)) {
      problems.add("the registrations are " + read.value().get().registrations() + ", expected " + REGISTRATIONS);
    }
    problems.addAll(read.value().get().values().problems(RpcRegistryValues.expected(input.policy().rpc()),
        input.policy().rpc().dynamicPorts()));
    return problems;
  }
}
