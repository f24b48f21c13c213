package dev.rpcwall.emit.ipsectool;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The rollback proof's host keeps one filter spec per tool command ({@link IpsecToolRollbackHost#thin}). */
class IpsecToolRollbackHostTest {
  @Test
  void thin_keepsTheFirstSpecOfEachCommand_andEveryOtherWord() {
    IpsecToolRollbackHost host = new IpsecToolRollbackHost(IpsecTool.IPSECPOL);
    String apply = "@echo off\r\n"
        + "ipsecpol -w REG -p \"p\" -r \"Block inbound TCP\" -f *=0:135:TCP *=0:5001:TCP *=0:5002:TCP -n BLOCK\r\n"
        + "if errorlevel 1 (echo rpcwall: FAILED& goto fail)\r\n"
        + "ipsecpol -w REG -p \"p\" -x\r\n"
        + "ipseccmd -w REG -p \"p\" -r \"r\" -f *=0:135:TCP *=0:5001:TCP -n PASS\r\n"
        + "exit /b 0\r\n";
    assertThat(host.thin(apply)).isEqualTo("@echo off\r\n"
        + "ipsecpol -w REG -p \"p\" -r \"Block inbound TCP\" -f *=0:135:TCP -n BLOCK\r\n"
        + "if errorlevel 1 (echo rpcwall: FAILED& goto fail)\r\n"
        + "ipsecpol -w REG -p \"p\" -x\r\n"
        + "ipseccmd -w REG -p \"p\" -r \"r\" -f *=0:135:TCP *=0:5001:TCP -n PASS\r\n"
        + "exit /b 0\r\n");
  }
}
