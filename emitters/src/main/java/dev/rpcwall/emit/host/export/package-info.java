/**
 * Readers of {@code Get-NetFirewallRule} exports as users make them on their hosts: {@code
 * Export-Csv}/{@code ConvertTo-Csv} ({@code csv}), {@code ConvertTo-Json} ({@code json}), and the
 * console text of {@code Format-List} ({@code format-list}) and {@code Format-Table} ({@code
 * format-table}). Each format parser turns its text into {@link
 * dev.rpcwall.emit.host.export.ExportRecord}s (one per rule object, every value with the file:line:col
 * it was read at); {@link dev.rpcwall.emit.host.export.ExportRules} turns the records into host rules
 * under the property names and values of windows-semantics.md 4.2, the one place that knows them.
 */
package dev.rpcwall.emit.host.export;
