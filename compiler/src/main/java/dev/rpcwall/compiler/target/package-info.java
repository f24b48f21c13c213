/**
 * The SPI targets implement: {@link dev.rpcwall.compiler.target.Emitter} (model to text) and {@link
 * dev.rpcwall.compiler.target.Reader} (text to model). Implementations live in the emitters module.
 */
package dev.rpcwall.compiler.target;
