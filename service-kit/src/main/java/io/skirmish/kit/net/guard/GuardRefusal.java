package io.skirmish.kit.net.guard;

/** Why a transport guard refused or closed a connection; the tag of {@code <prefix>.connections.closed}. */
public enum GuardRefusal {
    /** Accepted while the port already had its most connections open. */
    TOTAL_CAP("total_cap"),
    /** Accepted while its source address already had its most connections open. */
    ADDRESS_CAP("address_cap"),
    /** The TLS handshake failed (plaintext on a TLS port, unknown version or cipher, timeout). */
    TLS_HANDSHAKE("tls_handshake"),
    /** The Connect or Login handshake did not complete within its absolute deadline. */
    HANDSHAKE_DEADLINE("handshake_deadline"),
    /** Nothing sent or received for the idle timeout. */
    IDLE("idle"),
    /** More unsent reply bytes than the hard limit: the client does not read. */
    WRITE_LIMIT("write_limit");

    private final String tag;

    GuardRefusal(String tag) {
        this.tag = tag;
    }

    public String tag() {
        return tag;
    }
}
