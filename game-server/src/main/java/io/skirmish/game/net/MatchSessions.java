package io.skirmish.game.net;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;

import io.skirmish.game.tick.MatchHandle;
import io.skirmish.protocol.ProtocolException;
import io.skirmish.protocol.common.v1.ErrorCode;

/**
 * Who is connected to one match, slot by slot, with which connect token and which resume secret.
 * Decides whether a Connect is a first join, a reconnect within the grace period (same token, the
 * resume secret of the slot's newest Welcome, slot currently without a connection), or must be
 * refused. The token alone never resumes a slot: it travels through the match-server and the
 * client's storage, the resume secret only through this server's TLS connection to the player.
 *
 * <p>Threads: TCP event loops (admit, attach, detach) and the event publisher (push to
 * sessions, end). All methods are synchronized: each is called a handful of times per player
 * per match, never per packet.
 */
public final class MatchSessions {

    /** What a successful admission is. */
    public enum Admission { FIRST_JOIN, RECONNECT }

    private final MatchHandle handle;
    /** Bytes of a resume secret: 256 bits, not guessable within a grace period. */
    public static final int RESUME_SECRET_BYTES = 32;

    private final byte[][] tokenIds;
    private final byte[][] resumeSecrets;
    private final UdpConnection[] connections;
    private final boolean[] gone;
    private boolean ended;

    public MatchSessions(MatchHandle handle) {
        this.handle = handle;
        int players = handle.spec().players();
        this.tokenIds = new byte[players][];
        this.resumeSecrets = new byte[players][];
        this.connections = new UdpConnection[players];
        this.gone = new boolean[players];
    }

    public MatchHandle handle() {
        return handle;
    }

    public synchronized Admission admit(int slot, byte[] tokenId, byte[] resumeSecret) throws ProtocolException {
        if (ended) {
            throw new ProtocolException(ErrorCode.ERROR_CODE_MATCH_ENDED, "match " + handle.spec().matchId() + " is over");
        }
        if (gone[slot]) {
            throw new ProtocolException(ErrorCode.ERROR_CODE_MATCH_ENDED, "player left match "
                    + handle.spec().matchId() + " for good");
        }
        if (tokenIds[slot] == null) {
            tokenIds[slot] = tokenId.clone();
            return Admission.FIRST_JOIN;
        }
        if (!Arrays.equals(tokenIds[slot], tokenId)) {
            throw new ProtocolException(ErrorCode.ERROR_CODE_TOKEN_INVALID, "slot " + slot
                    + " of match " + handle.spec().matchId() + " was joined with another token");
        }
        if (connections[slot] != null) {
            throw new ProtocolException(ErrorCode.ERROR_CODE_ALREADY_CONNECTED, "player is connected to match "
                    + handle.spec().matchId() + "; reconnect after the old connection closes");
        }
        if (resumeSecrets[slot] == null || !MessageDigest.isEqual(resumeSecrets[slot], resumeSecret)) {
            throw new ProtocolException(ErrorCode.ERROR_CODE_TOKEN_INVALID, "resuming slot " + slot + " of match "
                    + handle.spec().matchId() + " needs the resume secret of its last Welcome");
        }
        return Admission.RECONNECT;
    }

    /** A fresh resume secret for {@code slot}, replacing the previous one (which stops working). */
    public synchronized byte[] newResumeSecret(int slot, SecureRandom random) {
        byte[] secret = new byte[RESUME_SECRET_BYTES];
        random.nextBytes(secret);
        resumeSecrets[slot] = secret;
        return secret.clone();
    }

    public synchronized void attach(UdpConnection connection) {
        connections[connection.slot()] = connection;
    }

    /** Clears the slot if {@code connection} still holds it; returns whether it did. */
    public synchronized boolean detach(UdpConnection connection) {
        if (connections[connection.slot()] != connection) {
            return false;
        }
        connections[connection.slot()] = null;
        return true;
    }

    /** The player left for good: no reconnect. */
    public synchronized void markGone(int slot) {
        gone[slot] = true;
    }

    /** The live connection of {@code slot}, or null. */
    public synchronized UdpConnection connection(int slot) {
        return connections[slot];
    }

    /** Marks the match over and returns the connections still open, to send them the end. */
    public synchronized UdpConnection[] end() {
        ended = true;
        UdpConnection[] open = connections.clone();
        Arrays.fill(connections, null);
        return open;
    }

    public synchronized UdpConnection[] snapshotConnections() {
        return connections.clone();
    }
}
