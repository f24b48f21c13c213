# rpcwall confirm script for policy 'KB RPC 5001-5021'
# Source:  examples/kb-rpc-5001-5021.rpcwall
# SHA-256: f405e6fc1e14413bebe95720cab6b3ab9d2cb0b19f9f5678ada26aff40ded098
# Tool:    rpcwall 0.1.0
#
# Run it as administrator once you have checked, from a new session, that you can
# still reach this computer after
# .\kb-rpc-5001-5021.ps1: it deletes the task \rpcwall\kb-rpc-5001-5021-10a0bf28-revert, and the policy stays.
# It fails when there is no such task: the rollback has run already, or there was
# nothing to confirm.

#Requires -RunAsAdministrator

[CmdletBinding()]
param()

$ErrorActionPreference = 'Stop'

function Unregister-RpcwallRevert {
    # Deletes this policy's pending rollback task. -Missing 'ignore': a task that is not there
    # is not an error (the rollback); 'fail': it is (the confirm script: too late, or nothing
    # to confirm).
    param([string] $Slug, [string] $Missing)
    $task = Get-ScheduledTask -TaskName ($Slug + '-revert') -TaskPath '\rpcwall\' -ErrorAction SilentlyContinue
    if ($null -eq $task) {
        if ($Missing -eq 'fail') {
            throw ('rpcwall: there is no pending task \rpcwall\' + $Slug + '-revert: it has run already and the policy may be rolled back, or the policy was confirmed or rolled back before. Check the firewall rules.')
        }
        return
    }
    Unregister-ScheduledTask -TaskName ($Slug + '-revert') -TaskPath '\rpcwall\' -Confirm:$false
    Write-Host ('rpcwall: deleted the task \rpcwall\' + $Slug + '-revert')
}

Unregister-RpcwallRevert -Slug 'kb-rpc-5001-5021-10a0bf28' -Missing 'fail'
Write-Host 'rpcwall: policy KB RPC 5001-5021 confirmed; it stays.'
