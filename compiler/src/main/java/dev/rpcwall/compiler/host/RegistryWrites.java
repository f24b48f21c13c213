package dev.rpcwall.compiler.host;

import dev.rpcwall.compiler.source.SourceSpan;
import java.util.List;
import java.util.Locale;

/**
 * What a registry write does to a host, whatever wrote it ({@code .reg} file, {@code reg add},
 * PowerShell {@code Set-ItemProperty}): one place that knows which keys matter. Key paths are
 * given as written ({@code HKLM\...}, {@code HKEY_LOCAL_MACHINE\...}, {@code HKLM:\...}) and
 * compared without case.
 */
public final class RegistryWrites {
  /** windows-semantics.md 6.1. */
  static final String RPC_INTERNET = "SOFTWARE\\MICROSOFT\\RPC\\INTERNET";

  private RegistryWrites() {}

  /** Sets {@code value} under {@code key}. */
  public static void set(String key, RegistryValue value, HostState host, List<HostNote> notes) {
    String k = normalise(key);
    if (k.equals(RPC_INTERNET)) {
      host.setRpcValue(value);
    }
  }

  /** Deletes value {@code name} under {@code key}, or the whole key when {@code name} is null. */
  public static void delete(
      String key, String name, SourceSpan at, HostState host, List<HostNote> notes) {
    String k = normalise(key);
    if (k.equals(RPC_INTERNET)) {
      if (name == null) {
        host.rpcInternet().clear();
      } else {
        host.deleteRpcValue(name);
      }
    }
  }

  /** The path below HKLM, upper case, single backslashes, no trailing backslash. */
  static String normalise(String key) {
    String k = key.trim().replace('/', '\\');
    k = k.replaceAll("\\\\+", "\\\\").toUpperCase(Locale.ROOT);
    for (String root : new String[] {"HKEY_LOCAL_MACHINE\\", "HKLM:\\", "HKLM\\", "HKLM:"}) {
      if (k.startsWith(root)) {
        k = k.substring(root.length());
        break;
      }
    }
    if (k.startsWith("\\")) {
      k = k.substring(1);
    }
    if (k.endsWith("\\")) {
      k = k.substring(0, k.length() - 1);
    }
    return k;
  }
}
