package io.skirmish.protocol.vectors;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Base64;
import java.util.HexFormat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.Message;
import com.google.protobuf.TextFormat;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.skirmish.protocol.common.v1.GameMode;
import io.skirmish.protocol.crypto.KeyExchange;
import io.skirmish.protocol.game.v1.EntityDelta;
import io.skirmish.protocol.game.v1.Input;
import io.skirmish.protocol.game.v1.InputBatch;
import io.skirmish.protocol.game.v1.Snapshot;
import io.skirmish.protocol.tcp.FrameEncoder;
import io.skirmish.protocol.token.ConnectTokenClaims;
import io.skirmish.protocol.token.ConnectTokenIssuer;
import io.skirmish.protocol.token.SessionTokens;
import io.skirmish.protocol.token.SignedToken;
import io.skirmish.protocol.token.TokenKeyRing;
import io.skirmish.protocol.udp.Direction;
import io.skirmish.protocol.udp.PacketHeaderDescriptor;
import io.skirmish.protocol.udp.PacketType;

/**
 * Writes the test vectors of docs/protocol.md into {@code src/test/resources/vectors/} from
 * fixed inputs. Run it only when the protocol changes on purpose (a new header version, a new
 * message); {@code VectorsTest} then holds the code to the new files. From the repository root:
 * <pre>
 * mvn -q -o -pl protocol test-compile dependency:build-classpath -Dmdep.outputFile=/tmp/cp.txt \
 *   &amp;&amp; (cd protocol &amp;&amp; java -cp target/test-classes:target/classes:$(cat /tmp/cp.txt) \
 *        io.skirmish.protocol.vectors.VectorWriter)
 * </pre>
 */
public final class VectorWriter {

    static final HexFormat HEX = HexFormat.of();
    /** RFC 7748 section 6.1: Alice's and Bob's private keys, here the client's and the server's. */
    static final byte[] CLIENT_PRIVATE = HEX.parseHex("77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a");
    static final byte[] SERVER_PRIVATE = HEX.parseHex("5dab087e624a8a4b79e17f8b83800ee66f3bb1292618b6fd1c2f8b27ff88e0eb");
    static final byte[] TOKEN_ID = HEX.parseHex("000102030405060708090a0b0c0d0e0f");
    static final long CONNECTION_ID = 0x0123456789ABCDEFL;

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private VectorWriter() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args.length > 0 ? args[0] : "src/test/resources/vectors");
        Files.createDirectories(dir);
        ObjectNode keyExchange = keyExchange();
        write(dir.resolve("key_exchange.json"), keyExchange);
        write(dir.resolve("udp_packets.json"), udpPackets(HEX.parseHex(
                keyExchange.get("cases").get(0).get("udp_key").asText())));
        write(dir.resolve("tokens.json"), tokens());
        write(dir.resolve("envelopes.json"), envelopes());
    }

    private static void write(Path file, ObjectNode tree) throws Exception {
        Files.writeString(file, JSON.writeValueAsString(tree) + "\n", StandardCharsets.UTF_8);
        System.out.println("wrote " + file);
    }

    static ObjectNode keyExchange() throws Exception {
        KeyExchange client = KeyExchange.generate(new SpecCrypto.FixedRandom(CLIENT_PRIVATE));
        KeyExchange server = KeyExchange.generate(new SpecCrypto.FixedRandom(SERVER_PRIVATE));
        byte[] shared = SpecCrypto.x25519(CLIENT_PRIVATE, server.publicKey());
        byte[] prk = SpecCrypto.hmac(TOKEN_ID, shared);
        byte[] key = client.deriveUdpKey(server.publicKey(), TOKEN_ID).getEncoded();
        ObjectNode root = JSON.createObjectNode();
        root.put("description", "X25519 + HKDF-SHA256 key agreement of the game-server handshake "
                + "(docs/protocol.md, 'Key agreement'). Private keys are RFC 7748 section 6.1's Alice (client) and Bob "
                + "(server). udp_key = HKDF-Expand(PRK, info, 32), PRK = HMAC-SHA256(salt = token_id, shared_secret).");
        root.put("hkdf_info", new String(KeyExchange.HKDF_INFO, StandardCharsets.US_ASCII));
        root.put("hkdf_info_hex", HEX.formatHex(KeyExchange.HKDF_INFO));
        ObjectNode c = root.putArray("cases").addObject();
        c.put("name", "rfc7748-alice-client-bob-server");
        c.put("client_private", HEX.formatHex(CLIENT_PRIVATE));
        c.put("client_public", HEX.formatHex(client.publicKey()));
        c.put("server_private", HEX.formatHex(SERVER_PRIVATE));
        c.put("server_public", HEX.formatHex(server.publicKey()));
        c.put("token_id", HEX.formatHex(TOKEN_ID));
        c.put("shared_secret", HEX.formatHex(shared));
        c.put("hkdf_prk", HEX.formatHex(prk));
        c.put("udp_key", HEX.formatHex(key));
        return root;
    }

    static ObjectNode udpPackets(byte[] key) {
        ObjectNode root = JSON.createObjectNode();
        root.put("description", "Sealed UDP datagrams (docs/protocol.md, 'UDP packets'): header (24 bytes, the AAD) | "
                + "AES-256-GCM ciphertext | 16-byte tag. nonce = direction constant (4 bytes) | sequence as u64 big endian. "
                + "key is key_exchange.json's udp_key; connection_id is Welcome.connection_id.");
        root.put("key", HEX.formatHex(key));
        root.put("connection_id", Long.toUnsignedString(CONNECTION_ID));
        root.put("connection_id_hex", HEX.formatHex(ByteBuffer.allocate(8).putLong(CONNECTION_ID).array()));
        ArrayNode cases = root.putArray("cases");
        InputBatch inputs = InputBatch.newBuilder()
                .addInputs(input(3, 0, 0, 16384, 1, 0))
                .addInputs(input(2, 127, 0, 16384, 0, 0))
                .addInputs(input(1, 127, -127, 0, 0, 0)).build();
        Snapshot full = Snapshot.newBuilder().setTick(451).setLastProcessedInputSequence(3)
                .addEntities(EntityDelta.newBuilder().setEntityId(1).setXCm(1000).setYCm(2000).setAim(16384)
                        .setHealth(100).setFlags(1))
                .addEntities(EntityDelta.newBuilder().setEntityId(2).setXCm(3000).setYCm(2000).setAim(49152)
                        .setHealth(100).setFlags(3)).build();
        Snapshot delta = Snapshot.newBuilder().setTick(452).setBaselineTick(451).setLastProcessedInputSequence(3)
                .addEntities(EntityDelta.newBuilder().setEntityId(2).setXCm(2990).setHealth(75)).build();
        cases.add(packet("client-input-first", Direction.CLIENT_TO_SERVER, PacketType.INPUT, 1, 0, 0, inputs, key));
        cases.add(packet("client-keepalive", Direction.CLIENT_TO_SERVER, PacketType.KEEPALIVE, 2, 1, 0, null, key));
        cases.add(packet("server-snapshot-full", Direction.SERVER_TO_CLIENT, PacketType.SNAPSHOT, 1, 2, 0, full, key));
        cases.add(packet("server-snapshot-delta", Direction.SERVER_TO_CLIENT, PacketType.SNAPSHOT, 2, 2, 0, delta, key));
        cases.add(packet("server-snapshot-large-sequence", Direction.SERVER_TO_CLIENT, PacketType.SNAPSHOT, 0x89ABCDEFL,
                0xFEDCBA98L, 0x80000001, delta, key));
        cases.add(packet("client-disconnect", Direction.CLIENT_TO_SERVER, PacketType.DISCONNECT, 0x01020304L, 7, 0x5,
                null, key));
        return root;
    }

    private static Input input(int sequence, int moveX, int moveY, int aim, int buttons, int snapshotTick) {
        return Input.newBuilder().setSequence(sequence).setClientTick(sequence).setMoveX(moveX).setMoveY(moveY)
                .setAim(aim).setButtons(buttons).setLastReceivedSnapshotTick(snapshotTick).build();
    }

    private static ObjectNode packet(String name, Direction direction, PacketType type, long sequence, long ack,
                                     int ackBits, Message payload, byte[] key) {
        int constant = direction == Direction.CLIENT_TO_SERVER ? 0x63327300 : 0x73326300;
        byte[] header = ByteBuffer.allocate(PacketHeaderDescriptor.HEADER_BYTES).putShort((short) PacketHeaderDescriptor.MAGIC)
                .put((byte) PacketHeaderDescriptor.VERSION).put((byte) type.code()).putLong(CONNECTION_ID)
                .putInt((int) sequence).putInt((int) ack).putInt(ackBits).array();
        byte[] plaintext = payload == null ? new byte[0] : payload.toByteArray();
        byte[] nonce = SpecCrypto.nonce(constant, sequence);
        byte[] sealed = SpecCrypto.gcmSeal(key, nonce, header, plaintext);
        ObjectNode c = JSON.createObjectNode();
        c.put("name", name);
        c.put("direction", direction.name().toLowerCase());
        c.put("direction_constant", String.format("%08x", constant));
        c.put("type", type.name());
        c.put("type_code", type.code());
        c.put("sequence", sequence);
        c.put("ack", ack);
        c.put("ack_bits", Integer.toUnsignedLong(ackBits));
        c.put("payload_message", payload == null ? "" : payload.getDescriptorForType().getFullName());
        c.put("payload_text", payload == null ? "" : TextFormat.printer().printToString(payload));
        c.put("plaintext", HEX.formatHex(plaintext));
        c.put("header", HEX.formatHex(header));
        c.put("nonce", HEX.formatHex(nonce));
        c.put("ciphertext", HEX.formatHex(sealed, 0, plaintext.length));
        c.put("tag", HEX.formatHex(sealed, plaintext.length, sealed.length));
        c.put("datagram", HEX.formatHex(header) + HEX.formatHex(sealed));
        return c;
    }

    static ObjectNode tokens() {
        byte[] secret = "skirmish-test-vector-secret-32-bytes-long!".getBytes(StandardCharsets.US_ASCII);
        int keyId = 7;
        TokenKeyRing ring = TokenKeyRing.of(keyId, secret);
        ObjectNode root = JSON.createObjectNode();
        root.put("description", "Signed tokens (docs/protocol.md, 'Tokens'): version u8 | key id u8 | body length u16 BE | "
                + "body (protobuf claims) | HMAC-SHA256(secret[key id], purpose | 0x00 | every byte before the MAC). "
                + "secret_base64 is the form the servers' key ring option takes ('<key id>:<base64>').");
        ArrayNode cases = root.putArray("cases");
        long issued = 1_765_000_000_000L;
        ConnectTokenClaims claims = new ConnectTokenClaims(TOKEN_ID, "player-1", "m-5f2c", "gs-local-1", 1,
                GameMode.GAME_MODE_DUEL, issued, issued + Duration.ofMinutes(10).toMillis());
        byte[] connect = new ConnectTokenIssuer(ring, InstantSource.fixed(Instant.ofEpochMilli(issued)),
                Duration.ofMinutes(10), new SpecCrypto.FixedRandom(TOKEN_ID)).sign(claims);
        ObjectNode c = token(cases, "connect", "skirmish connect v1", keyId, secret, connect);
        ObjectNode cc = c.putObject("claims");
        cc.put("token_id", HEX.formatHex(TOKEN_ID));
        cc.put("player_id", claims.playerId());
        cc.put("match_id", claims.matchId());
        cc.put("game_server_id", claims.gameServerId());
        cc.put("team", claims.team());
        cc.put("mode", claims.mode().name());
        cc.put("issued_at_ms", claims.issuedAtMs());
        cc.put("expires_at_ms", claims.expiresAtMs());

        byte[] sessionId = HEX.parseHex("f0e0d0c0b0a090807060504030201000");
        SignedToken<?> session = new SessionTokens(ring, InstantSource.fixed(Instant.ofEpochMilli(issued)),
                Duration.ofHours(12), new SpecCrypto.FixedRandom(sessionId)).issue("player-1");
        ObjectNode s = token(cases, "session", "skirmish session v1", keyId, secret, session.bytes());
        ObjectNode sc = s.putObject("claims");
        sc.put("token_id", HEX.formatHex(sessionId));
        sc.put("player_id", "player-1");
        sc.put("issued_at_ms", issued);
        sc.put("expires_at_ms", issued + Duration.ofHours(12).toMillis());
        return root;
    }

    private static ObjectNode token(ArrayNode cases, String kind, String purpose, int keyId, byte[] secret, byte[] token) {
        int bodyLength = ((token[2] & 0xFF) << 8) | (token[3] & 0xFF);
        ObjectNode c = cases.addObject();
        c.put("kind", kind);
        c.put("purpose", purpose);
        c.put("key_id", keyId);
        c.put("secret", HEX.formatHex(secret));
        c.put("secret_base64", Base64.getEncoder().encodeToString(secret));
        c.put("body", HEX.formatHex(token, 4, 4 + bodyLength));
        c.put("mac", HEX.formatHex(token, 4 + bodyLength, token.length));
        c.put("token", HEX.formatHex(token));
        return c;
    }

    static ObjectNode envelopes() throws Exception {
        ObjectNode root = JSON.createObjectNode();
        root.put("description", "One framed envelope per body case of every service and direction (docs/protocol.md, "
                + "'TCP frames' and 'Envelopes'): frame = body length u32 BE | protobuf bytes. text is the message in "
                + "protobuf text format.");
        ArrayNode cases = root.putArray("cases");
        FrameEncoder encoder = new FrameEncoder();
        for (EnvelopeSamples.Sample sample : EnvelopeSamples.all()) {
            ByteBuf frame = Unpooled.buffer();
            encoder.encode(sample.message(), frame);
            ObjectNode c = cases.addObject();
            c.put("service", sample.service());
            c.put("message", sample.message().getDescriptorForType().getFullName());
            c.put("body", sample.body());
            c.put("text", TextFormat.printer().printToString(sample.message()));
            c.put("frame", ByteBufUtil.hexDump(frame));
            frame.release();
        }
        return root;
    }
}
