/**
 * Model families: the unit a compile runs. A family is one model of what Windows enforces (WFAS
 * rules, or legacy IPsec filters) with its lowering, the emitter input built from it, its
 * translation check and its rollback proof ({@link dev.rpcwall.emit.family.ModelFamily}); its
 * dialects ({@link dev.rpcwall.emit.Target}: emitter, reader, encoding, rollback host) share all of
 * that. The families sit side by side:
 *
 * <pre>
 *   compiler  model/ (WFAS)           model/ipsec/
 *             lower/WfasLowering       lower/IpsecLowering
 *             verify/TranslationCheck  verify/IpsecTranslationCheck
 *   emitters  family/wfas/             family/ipsec/
 *             netsh/, powershell/      ipsecpol/, ipseccmd/, netshipsec/  (dialects)
 * </pre>
 *
 * {@link dev.rpcwall.emit.Compilation} loops over the families of {@link
 * dev.rpcwall.emit.Targets#registry()} and their requested dialects and never branches on a
 * family. A new dialect of an existing family is one line in {@code Targets.registry()}; a new
 * family is a package here with a {@code ModelFamily} implementation, plus its model, lowering and
 * check in the compiler module.
 */
package dev.rpcwall.emit.family;
