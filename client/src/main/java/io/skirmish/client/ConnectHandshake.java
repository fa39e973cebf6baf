package io.skirmish.client;

import java.security.SecureRandom;

import javax.crypto.SecretKey;

import com.google.protobuf.ByteString;
import io.skirmish.protocol.ProtocolException;
import io.skirmish.protocol.ProtocolVersion;
import io.skirmish.protocol.crypto.KeyExchange;
import io.skirmish.protocol.game.v1.ClientMessage;
import io.skirmish.protocol.game.v1.Connect;
import io.skirmish.protocol.game.v1.Welcome;
import io.skirmish.protocol.token.ConnectTokenView;
import io.skirmish.protocol.udp.Direction;
import io.skirmish.protocol.udp.PacketOpener;
import io.skirmish.protocol.udp.PacketSealer;

/**
 * The client's side of the game-server TCP handshake: a {@code Connect} carrying the connect
 * token and a fresh X25519 public key, then, from the server's {@code Welcome}, the AES-GCM key
 * of the UDP channel (salt = the token id) and the sealer and opener built on it.
 *
 * <p>Single use, like the key pair it holds: one per connection attempt. Not thread-safe.
 */
public final class ConnectHandshake {

    /** What the client version field of Connect says for every Skirmish bot. */
    public static final String CLIENT_VERSION = "skirmish-bot/1";

    private final byte[] token;
    private final byte[] resumeSecret;
    private final KeyExchange keyExchange;

    public ConnectHandshake(byte[] connectToken, SecureRandom random) {
        this(connectToken, new byte[0], random);
    }

    /**
     * @param resumeSecret empty for a first Connect; to resume a dropped slot, the
     *                     {@code resume_secret} of the slot's newest Welcome
     */
    public ConnectHandshake(byte[] connectToken, byte[] resumeSecret, SecureRandom random) {
        this.token = connectToken.clone();
        this.resumeSecret = resumeSecret.clone();
        this.keyExchange = KeyExchange.generate(random);
    }

    public ClientMessage connectMessage(long requestId) {
        return ClientMessage.newBuilder().setVersion(ProtocolVersion.CURRENT).setRequestId(requestId)
                .setConnect(Connect.newBuilder().setConnectToken(ByteString.copyFrom(token))
                        .setClientPublicKey(ByteString.copyFrom(keyExchange.publicKey()))
                        .setClientVersion(CLIENT_VERSION)
                        .setResumeSecret(ByteString.copyFrom(resumeSecret)))
                .build();
    }

    /** Derives the UDP key from the server's Welcome. */
    public Keys keys(Welcome welcome) throws ProtocolException {
        byte[] tokenId = ConnectTokenView.unverifiedClaims(token).tokenId();
        SecretKey key = keyExchange.deriveUdpKey(welcome.getServerPublicKey().toByteArray(), tokenId);
        long connectionId = welcome.getConnectionId();
        return new Keys(connectionId, new PacketSealer(key, connectionId, Direction.CLIENT_TO_SERVER),
                new PacketOpener(key, connectionId, Direction.SERVER_TO_CLIENT));
    }

    /** The client's UDP channel state: seals what it sends, opens what the server sends. */
    public record Keys(long connectionId, PacketSealer sealer, PacketOpener opener) {
    }
}
