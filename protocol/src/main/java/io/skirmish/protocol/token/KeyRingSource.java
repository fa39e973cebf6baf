package io.skirmish.protocol.token;

/**
 * Where token signers and verifiers get the current {@link TokenKeyRing}: a fixed ring (a ring is
 * its own source) or one that an operator can replace while the process runs (a key file that is
 * reloaded on change or on SIGHUP). Callers read {@link #current()} once per token, so a reload
 * takes effect for the next token without a restart.
 *
 * <p>Implementations are thread-safe: {@link #current()} is called from every thread that signs
 * or verifies.
 */
@FunctionalInterface
public interface KeyRingSource {

    /** The ring to use now; never null. */
    TokenKeyRing current();
}
