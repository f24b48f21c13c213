/** Text helpers shared by every dialect: the line writer that owns line endings and encoding. */
package dev.rpcwall.emit.text;
