/**
 * What every target whose scripts are cmd.exe {@code .cmd} files shares: {@link
 * dev.rpcwall.emit.cmd.CmdHostSettings} writes and reads the host settings (the RPC dynamic port
 * range, WMI on its fixed port) and their state under {@code HKLM\SOFTWARE\rpcwall\<slug>};
 * {@link dev.rpcwall.emit.cmd.CmdScript} writes the lines every such script shares (provenance,
 * prologue with the administrator check, the {@code :fail} epilogue).
 */
package dev.rpcwall.emit.cmd;
