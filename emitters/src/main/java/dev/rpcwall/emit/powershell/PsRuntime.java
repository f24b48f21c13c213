package dev.rpcwall.emit.powershell;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The helper functions the emitted scripts define: the undo journal and the registry backup. They
 * are fixed text, so the reader recognises them by comparing text (any edit makes them unknown)
 * and knows their effect without reading their bodies. None of them creates a firewall rule.
 */
final class PsRuntime {
  private PsRuntime() {}

  static final String KEY = "HKLM:\\SOFTWARE\\Microsoft\\Rpc\\Internet";

  static final String ADD_UNDO = "Add-RpcwallUndo";
  static final String UNDO = "Undo-RpcwallChanges";
  static final String SAVE_REGISTRY = "Save-RpcwallRegistry";
  static final String RESTORE_REGISTRY = "Restore-RpcwallRegistry";

  /** Function name to its lines, in the order they are written. */
  static final Map<String, List<String>> FUNCTIONS = new LinkedHashMap<>();

  static {
    FUNCTIONS.put(
        ADD_UNDO,
        List.of(
            "function Add-RpcwallUndo {",
            "    # Journal of the changes this run made, undone in reverse order on failure.",
            "    param([string] $Kind, [string] $Item)",
            "    $script:RpcwallUndo += , @($Kind, $Item)",
            "}"));
    FUNCTIONS.put(
        UNDO,
        List.of(
            "function Undo-RpcwallChanges {",
            "    param([string] $PolicyStore)",
            "    if ($null -eq $script:RpcwallUndo) { return }",
            "    $steps = @($script:RpcwallUndo)",
            "    [array]::Reverse($steps)",
            "    foreach ($step in $steps) {",
            "        try {",
            "            switch ($step[0]) {",
            "                'rule' { Remove-NetFirewallRule -Name $step[1] -PolicyStore $PolicyStore }",
            "                'registry' { Restore-RpcwallRegistry -Backup $step[1] }",
            "                'winmgmt' {",
            "                    & winmgmt.exe -sharedhost | Out-Null",
            "                    Restart-Service -Name winmgmt -Force",
            "                }",
            "            }",
            "        } catch {",
            "            Write-Warning ('rpcwall: could not undo ' + $step[0] + ' ' + $step[1] + ': ' + $_)",
            "        }",
            "    }",
            "}"));
    FUNCTIONS.put(
        SAVE_REGISTRY,
        List.of(
            "function Save-RpcwallRegistry {",
            "    # Saves the RPC values as they were before rpcwall changed them; a backup left by an",
            "    # earlier run already holds those, so it is kept.",
            "    param([string] $Backup)",
            "    if (Test-Path -LiteralPath $Backup) { return }",
            "    $key = '" + KEY + "'",
            "    $state = [ordered]@{ KeyExisted = [bool](Test-Path -LiteralPath $key); Values = [ordered]@{} }",
            "    if ($state.KeyExisted) {",
            "        $item = Get-Item -LiteralPath $key",
            "        foreach ($name in @('Ports', 'PortsInternetAvailable', 'UseInternetPorts')) {",
            "            if ($item.GetValueNames() -contains $name) {",
            "                $state.Values[$name] = [ordered]@{",
            "                    Kind = $item.GetValueKind($name).ToString()",
            "                    Data = @($item.GetValue($name, $null, 'DoNotExpandEnvironmentNames'))",
            "                }",
            "            }",
            "        }",
            "    }",
            "    ConvertTo-Json -InputObject $state -Depth 4 | Set-Content -LiteralPath $Backup -Encoding UTF8",
            "}"));
    FUNCTIONS.put(
        RESTORE_REGISTRY,
        List.of(
            "function Restore-RpcwallRegistry {",
            "    # Puts back the values Save-RpcwallRegistry saved, then deletes the backup.",
            "    param([string] $Backup)",
            "    if (-not (Test-Path -LiteralPath $Backup)) {",
            "        Write-Warning ('rpcwall: no backup at ' + $Backup + '; RPC registry values left as they are')",
            "        return",
            "    }",
            "    $state = Get-Content -LiteralPath $Backup -Raw | ConvertFrom-Json",
            "    $key = '" + KEY + "'",
            "    if (-not $state.KeyExisted) {",
            "        if (Test-Path -LiteralPath $key) { Remove-Item -LiteralPath $key -Recurse }",
            "    } else {",
            "        foreach ($name in @('Ports', 'PortsInternetAvailable', 'UseInternetPorts')) {",
            "            $saved = $state.Values.$name",
            "            if ($null -eq $saved) {",
            "                Remove-ItemProperty -LiteralPath $key -Name $name -ErrorAction SilentlyContinue",
            "            } elseif ($saved.Kind -eq 'MultiString') {",
            "                $null = New-ItemProperty -LiteralPath $key -Name $name -PropertyType MultiString -Value ([string[]] $saved.Data) -Force",
            "            } else {",
            "                $null = New-ItemProperty -LiteralPath $key -Name $name -PropertyType $saved.Kind -Value $saved.Data[0] -Force",
            "            }",
            "        }",
            "    }",
            "    Remove-Item -LiteralPath $Backup",
            "}"));
  }

  /** The definition's text with lines joined by {@code \n}, as the reader compares it. */
  static String text(String name) {
    return String.join("\n", FUNCTIONS.get(name));
  }
}
