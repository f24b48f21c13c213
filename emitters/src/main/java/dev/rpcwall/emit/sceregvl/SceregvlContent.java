package dev.rpcwall.emit.sceregvl;

import dev.rpcwall.emit.reg.RpcRegistryValues;
import java.util.List;

/**
 * What {@link SceregvlReader} reads: the settings registered for Security Configuration Editor
 * ({@code [Register Registry Values]}) and the values the security-template section
 * ({@code [Registry Values]}) writes.
 */
public record SceregvlContent(List<Registration> registrations, RpcRegistryValues values) {
  public SceregvlContent {
    registrations = List.copyOf(registrations);
  }

  /**
   * One registered setting: value path under {@code MACHINE\}, registry type number, display
   * name, display type (KB214752).
   */
  public record Registration(String path, int regType, String displayName, int displayType) {}
}
