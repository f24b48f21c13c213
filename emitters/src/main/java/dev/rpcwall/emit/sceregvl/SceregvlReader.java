package dev.rpcwall.emit.sceregvl;

import dev.rpcwall.compiler.diag.Codes;
import dev.rpcwall.compiler.diag.Diagnostics;
import dev.rpcwall.compiler.diag.Result;
import dev.rpcwall.compiler.source.SourceFile;
import dev.rpcwall.compiler.source.SourceSpan;
import dev.rpcwall.compiler.target.Reader;
import dev.rpcwall.compiler.target.TargetId;
import dev.rpcwall.emit.reg.RpcRegistryValues;
import dev.rpcwall.emit.sceregvl.SceregvlContent.Registration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a sceregvl fragment (format: {@link SceregvlEmitter}): comments ({@code ;}), the
 * {@code [Register Registry Values]} and {@code [Registry Values]} sections, and in them only the
 * three RPC values (windows-semantics.md 6.1). Anything else is a diagnostic at its line and column.
 */
public final class SceregvlReader implements Reader<SceregvlContent> {
  private static final Pattern REGISTRATION = Pattern.compile("^([^,\"=]+),(\\d+),\"([^\"]*)\",(\\d+)$");
  private static final Pattern VALUE = Pattern.compile("^([^,\"=]+)=(\\d+),(.*)$");

  @Override
  public TargetId target() {
    return TargetId.SCEREGVL;
  }

  @Override
  public Result<SceregvlContent> read(SourceFile file) {
    Diagnostics d = new Diagnostics();
    List<Registration> registrations = new ArrayList<>();
    Optional<List<String>> ports = Optional.empty();
    Optional<String> pia = Optional.empty();
    Optional<String> uip = Optional.empty();
    Set<String> seen = new HashSet<>();
    String section = null;
    for (int line = 1; line <= file.lineCount(); line++) {
      String text = file.line(line);
      if (line == 1 && text.startsWith("\uFEFF")) {
        text = text.substring(1);
      }
      String t = text.strip();
      if (t.isEmpty() || t.startsWith(";")) {
        continue;
      }
      SourceSpan all = SourceSpan.at(file.name(), line, 1, Math.max(1, text.length()));
      if (t.startsWith("[") && t.endsWith("]")) {
        section = t.substring(1, t.length() - 1);
        if (!section.equals(SceregvlEmitter.REGISTER_SECTION) && !section.equals(SceregvlEmitter.VALUES_SECTION)) {
          d.error(Codes.SCEREGVL_READ, all, "section [" + section + "] is not read",
              "only [" + SceregvlEmitter.REGISTER_SECTION + "] and [" + SceregvlEmitter.VALUES_SECTION + "]");
          section = "";
        }
        continue;
      }
      if (section == null || section.isEmpty()) {
        d.error(Codes.SCEREGVL_READ, all, "a line outside a known section", null);
        continue;
      }
      if (section.equals(SceregvlEmitter.REGISTER_SECTION)) {
        Matcher m = REGISTRATION.matcher(t);
        if (!m.matches()) {
          d.error(Codes.SCEREGVL_READ, all, "not a registration line",
              "MACHINE\\<key>\\<value>,<type>,\"<display name>\",<display type> (KB214752)");
          continue;
        }
        String name = valueName(m.group(1), file, line, d);
        if (name == null) {
          continue;
        }
        registrations.add(new Registration(m.group(1), number(m.group(2)), m.group(3), number(m.group(4))));
        continue;
      }
      Matcher m = VALUE.matcher(t);
      if (!m.matches()) {
        d.error(Codes.SCEREGVL_READ, all, "not a registry value line", "MACHINE\\<key>\\<value>=<type>,<data> (MS-GPSB 2.2.5)");
        continue;
      }
      String name = valueName(m.group(1), file, line, d);
      if (name == null) {
        continue;
      }
      int dataColumn = text.indexOf(m.group(3), m.group(1).length()) + 1;
      SourceSpan data = SourceSpan.at(file.name(), line, Math.max(1, dataColumn), Math.max(1, m.group(3).length()));
      if (!seen.add(name)) {
        d.error(Codes.SCEREGVL_READ, all, name + " is given twice", null);
        continue;
      }
      int type = number(m.group(2));
      if (name.equals(RpcRegistryValues.PORTS)) {
        if (type != 7) {
          d.error(Codes.SCEREGVL_READ, all, "Ports must be type 7 (REG_MULTI_SZ, windows-semantics.md 6.1)", null);
          continue;
        }
        List<String> strings = List.of(m.group(3).split(",", -1));
        boolean ok = true;
        for (String s : strings) {
          if (RpcRegistryValues.parsePortString(s).isEmpty()) {
            d.error(Codes.SCEREGVL_READ, data, "'" + s + "' is not a port or range RPC accepts (6.2 rules 3 and 4)",
                "n or a-b, 0-65535, no spaces");
            ok = false;
          }
        }
        if (ok) {
          ports = Optional.of(strings);
        }
      } else {
        String v = m.group(3);
        if (type != 1 || v.length() < 2 || !v.startsWith("\"") || !v.endsWith("\"")
            || !(v.equalsIgnoreCase("\"Y\"") || v.equalsIgnoreCase("\"N\""))) {
          d.error(Codes.SCEREGVL_READ, data, name + " must be 1,\"Y\" or 1,\"N\" (REG_SZ, windows-semantics.md 6.1)", null);
          continue;
        }
        String s = v.substring(1, v.length() - 1);
        if (name.equals(RpcRegistryValues.PORTS_INTERNET_AVAILABLE)) {
          pia = Optional.of(s);
        } else {
          uip = Optional.of(s);
        }
      }
    }
    return Result.of(new SceregvlContent(registrations, new RpcRegistryValues(ports, pia, uip, Set.of())), d);
  }

  private static String valueName(String path, SourceFile file, int line, Diagnostics d) {
    String prefix = SceregvlEmitter.PATH;
    if (path.regionMatches(true, 0, prefix, 0, prefix.length())) {
      String name = path.substring(prefix.length());
      for (String n : RpcRegistryValues.NAMES) {
        if (n.equalsIgnoreCase(name)) {
          return n;
        }
      }
    }
    d.error(Codes.SCEREGVL_READ, SourceSpan.at(file.name(), line, 1, Math.max(1, path.length())),
        "'" + path + "' is not an RPC port setting (windows-semantics.md 6.1)",
        "only " + prefix + "Ports, PortsInternetAvailable and UseInternetPorts are read");
    return null;
  }

  private static int number(String s) {
    return s.length() > 6 ? -1 : Integer.parseInt(s);
  }
}
