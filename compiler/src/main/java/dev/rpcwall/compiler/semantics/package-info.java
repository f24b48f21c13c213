/**
 * Address and port sets, and the policy's decision function computed as regions. Depends on the
 * IR only; never enumerates addresses or ports one by one.
 */
package dev.rpcwall.compiler.semantics;
