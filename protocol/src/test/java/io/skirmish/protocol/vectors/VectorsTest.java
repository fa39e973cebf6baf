package io.skirmish.protocol.vectors;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import com.google.protobuf.TextFormat;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.skirmish.protocol.crypto.Hkdf;
import io.skirmish.protocol.crypto.KeyExchange;
import io.skirmish.protocol.tcp.EnvelopeDecoder;
import io.skirmish.protocol.tcp.FrameEncoder;
import io.skirmish.protocol.token.ConnectTokenClaims;
import io.skirmish.protocol.token.ConnectTokenVerifier;
import io.skirmish.protocol.token.SessionTokenClaims;
import io.skirmish.protocol.token.SessionTokens;
import io.skirmish.protocol.token.TokenKeyRing;
import io.skirmish.protocol.udp.Direction;
import io.skirmish.protocol.udp.PacketHeader;
import io.skirmish.protocol.udp.PacketOpener;
import io.skirmish.protocol.udp.PacketSealer;
import io.skirmish.protocol.udp.PacketStatus;
import io.skirmish.protocol.udp.PacketType;
import org.junit.jupiter.api.Test;

/**
 * Holds the committed test vectors ({@code src/test/resources/vectors/*.json}, described in
 * docs/protocol.md) to the production code and to the spec's constructions written with plain
 * JDK primitives ({@link SpecCrypto}): if either the code or a file changes alone, this fails.
 */
class VectorsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HexFormat HEX = HexFormat.of();

    private static JsonNode load(String name) throws Exception {
        try (InputStream in = VectorsTest.class.getResourceAsStream("/vectors/" + name)) {
            assertThat(in).as(name).isNotNull();
            return JSON.readTree(in);
        }
    }

    private static byte[] hex(JsonNode node, String field) {
        return HEX.parseHex(node.get(field).asText());
    }

    @Test
    void keyExchangeDerivesTheListedKeys() throws Exception {
        JsonNode root = load("key_exchange.json");
        assertThat(root.get("hkdf_info").asText().getBytes(StandardCharsets.US_ASCII)).isEqualTo(KeyExchange.HKDF_INFO);
        for (JsonNode c : root.get("cases")) {
            KeyExchange client = KeyExchange.generate(new SpecCrypto.FixedRandom(hex(c, "client_private")));
            KeyExchange server = KeyExchange.generate(new SpecCrypto.FixedRandom(hex(c, "server_private")));
            assertThat(client.publicKey()).isEqualTo(hex(c, "client_public"));
            assertThat(server.publicKey()).isEqualTo(hex(c, "server_public"));

            byte[] shared = SpecCrypto.x25519(hex(c, "client_private"), hex(c, "server_public"));
            assertThat(shared).isEqualTo(hex(c, "shared_secret"))
                    .isEqualTo(SpecCrypto.x25519(hex(c, "server_private"), hex(c, "client_public")));
            assertThat(Hkdf.extract(hex(c, "token_id"), shared)).isEqualTo(hex(c, "hkdf_prk"));
            byte[] firstBlock = SpecCrypto.hmac(hex(c, "hkdf_prk"), KeyExchange.HKDF_INFO, new byte[] {1});
            assertThat(firstBlock).isEqualTo(hex(c, "udp_key"));

            assertThat(client.deriveUdpKey(hex(c, "server_public"), hex(c, "token_id")).getEncoded())
                    .isEqualTo(hex(c, "udp_key"));
            assertThat(server.deriveUdpKey(hex(c, "client_public"), hex(c, "token_id")).getEncoded())
                    .isEqualTo(hex(c, "udp_key"));
        }
    }

    @Test
    void sealedPacketsOpenWithTheCodeAndMatchTheSpecConstruction() throws Exception {
        JsonNode root = load("udp_packets.json");
        byte[] keyBytes = hex(root, "key");
        assertThat(keyBytes).isEqualTo(hex(load("key_exchange.json").get("cases").get(0), "udp_key"));
        SecretKey key = new SecretKeySpec(keyBytes, "AES");
        long connectionId = Long.parseUnsignedLong(root.get("connection_id").asText());
        Set<String> seen = new HashSet<>();
        for (JsonNode c : root.get("cases")) {
            Direction direction = Direction.valueOf(c.get("direction").asText().toUpperCase());
            PacketType type = PacketType.valueOf(c.get("type").asText());
            long sequence = c.get("sequence").asLong();
            byte[] datagram = hex(c, "datagram");
            byte[] plaintext = hex(c, "plaintext");
            seen.add(direction + "/" + type);

            // The spec's construction, from the JDK's AES-GCM.
            byte[] nonce = SpecCrypto.nonce((int) Long.parseLong(c.get("direction_constant").asText(), 16), sequence);
            assertThat(nonce).isEqualTo(hex(c, "nonce"));
            byte[] sealed = SpecCrypto.gcmSeal(keyBytes, nonce, hex(c, "header"), plaintext);
            assertThat(HEX.formatHex(sealed)).isEqualTo(c.get("ciphertext").asText() + c.get("tag").asText());
            assertThat(datagram).isEqualTo(concat(hex(c, "header"), sealed));

            // The code's opener accepts it and reads the header fields listed.
            PacketOpener opener = new PacketOpener(key, connectionId, direction);
            ByteBuf payload = Unpooled.buffer();
            assertThat(opener.open(Unpooled.wrappedBuffer(datagram), payload)).isEqualTo(PacketStatus.OK);
            assertThat(ByteBufUtil.getBytes(payload)).isEqualTo(plaintext);
            PacketHeader header = new PacketHeader().wrap(Unpooled.wrappedBuffer(datagram));
            assertThat(header.typeCode()).isEqualTo(c.get("type_code").asInt()).isEqualTo(type.code());
            assertThat(header.sequence()).isEqualTo(sequence);
            assertThat(header.ack()).isEqualTo(c.get("ack").asLong());
            assertThat(Integer.toUnsignedLong(header.ackBits())).isEqualTo(c.get("ack_bits").asLong());
            if (!c.get("payload_message").asText().isEmpty()) {
                Message parsed = parseText(c.get("payload_message").asText(), c.get("payload_text").asText());
                assertThat(parsed.toByteArray()).isEqualTo(plaintext);
            }

            // The code's sealer produces the same bytes (sequences start at 1, so only small ones).
            if (sequence <= 8) {
                PacketSealer sealer = new PacketSealer(key, connectionId, direction);
                ByteBuf out = Unpooled.buffer();
                for (long s = 1; s < sequence; s++) {
                    sealer.seal(type, 0, 0, out);
                    out.clear();
                }
                sealer.seal(type, c.get("ack").asLong(), (int) c.get("ack_bits").asLong(), Unpooled.wrappedBuffer(plaintext),
                        out);
                assertThat(ByteBufUtil.getBytes(out)).isEqualTo(datagram);
            }
        }
        assertThat(seen).contains("CLIENT_TO_SERVER/INPUT", "SERVER_TO_CLIENT/SNAPSHOT", "CLIENT_TO_SERVER/KEEPALIVE");
    }

    @Test
    void tokensAreSignedAsListedAndVerify() throws Exception {
        for (JsonNode c : load("tokens.json").get("cases")) {
            byte[] secret = hex(c, "secret");
            byte[] token = hex(c, "token");
            int keyId = c.get("key_id").asInt();
            byte[] body = hex(c, "body");
            JsonNode claims = c.get("claims");
            TokenKeyRing ring = TokenKeyRing.parse(keyId + ":" + c.get("secret_base64").asText());

            assertThat(token[0]).isEqualTo((byte) 1);
            assertThat(token[1] & 0xFF).isEqualTo(keyId);
            assertThat(ByteBuffer.wrap(token, 2, 2).getShort() & 0xFFFF).isEqualTo(body.length);
            assertThat(Arrays.copyOfRange(token, 4, 4 + body.length)).isEqualTo(body);
            byte[] mac = SpecCrypto.tokenMac(secret, c.get("purpose").asText(), Arrays.copyOf(token, 4 + body.length));
            assertThat(mac).isEqualTo(hex(c, "mac"));
            assertThat(token).isEqualTo(concat(Arrays.copyOf(token, 4 + body.length), mac));

            InstantSource during = InstantSource.fixed(Instant.ofEpochMilli(claims.get("issued_at_ms").asLong() + 1_000));
            if (c.get("kind").asText().equals("connect")) {
                ConnectTokenClaims verified = new ConnectTokenVerifier(ring, during,
                        claims.get("game_server_id").asText()).verify(token, claims.get("match_id").asText());
                assertThat(verified.tokenId()).isEqualTo(hex(claims, "token_id"));
                assertThat(verified.playerId()).isEqualTo(claims.get("player_id").asText());
                assertThat(verified.team()).isEqualTo(claims.get("team").asInt());
                assertThat(verified.mode().name()).isEqualTo(claims.get("mode").asText());
                assertThat(verified.expiresAtMs()).isEqualTo(claims.get("expires_at_ms").asLong());
            } else {
                SessionTokenClaims verified = new SessionTokens(ring, during, java.time.Duration.ofHours(1),
                        new java.security.SecureRandom()).verify(ByteString.copyFrom(token));
                assertThat(verified.tokenId()).isEqualTo(hex(claims, "token_id"));
                assertThat(verified.playerId()).isEqualTo(claims.get("player_id").asText());
                assertThat(verified.expiresAtMs()).isEqualTo(claims.get("expires_at_ms").asLong());
            }
        }
    }

    @Test
    void everyEnvelopeBodyHasAFrameThatTheCodeWritesAndReads() throws Exception {
        FrameEncoder encoder = new FrameEncoder();
        Set<String> covered = new HashSet<>();
        for (JsonNode c : load("envelopes.json").get("cases")) {
            Message message = parseText(c.get("message").asText(), c.get("text").asText());
            ByteBuf frame = Unpooled.buffer();
            encoder.encode(message, frame);
            assertThat(HEX.formatHex(ByteBufUtil.getBytes(frame))).isEqualTo(c.get("frame").asText());

            byte[] bytes = hex(c, "frame");
            assertThat(ByteBuffer.wrap(bytes).getInt()).isEqualTo(bytes.length - 4);
            Message decoded = new EnvelopeDecoder<>(defaultInstance(c.get("message").asText()))
                    .decode(Arrays.copyOfRange(bytes, 4, bytes.length));
            assertThat(decoded).isEqualTo(message);
            FieldDescriptor body = decoded.getOneofFieldDescriptor(decoded.getDescriptorForType().getOneofs().get(0));
            assertThat(body.getName()).isEqualTo(c.get("body").asText());
            covered.add(c.get("message").asText() + "." + body.getName());
        }
        List<String> expected = new ArrayList<>();
        for (String type : List.of("skirmish.match.v1.ClientMessage", "skirmish.match.v1.ServerMessage",
                "skirmish.game.v1.ClientMessage", "skirmish.game.v1.ServerMessage",
                "skirmish.ranking.v1.ClientMessage", "skirmish.ranking.v1.ServerMessage")) {
            defaultInstance(type).getDescriptorForType().getOneofs().get(0).getFields()
                    .forEach(field -> expected.add(type + "." + field.getName()));
        }
        assertThat(covered).containsExactlyInAnyOrderElementsOf(expected);
    }

    private static Message defaultInstance(String fullName) {
        return switch (fullName) {
            case "skirmish.match.v1.ClientMessage" -> io.skirmish.protocol.match.v1.ClientMessage.getDefaultInstance();
            case "skirmish.match.v1.ServerMessage" -> io.skirmish.protocol.match.v1.ServerMessage.getDefaultInstance();
            case "skirmish.game.v1.ClientMessage" -> io.skirmish.protocol.game.v1.ClientMessage.getDefaultInstance();
            case "skirmish.game.v1.ServerMessage" -> io.skirmish.protocol.game.v1.ServerMessage.getDefaultInstance();
            case "skirmish.ranking.v1.ClientMessage" -> io.skirmish.protocol.ranking.v1.ClientMessage.getDefaultInstance();
            case "skirmish.ranking.v1.ServerMessage" -> io.skirmish.protocol.ranking.v1.ServerMessage.getDefaultInstance();
            case "skirmish.game.v1.InputBatch" -> io.skirmish.protocol.game.v1.InputBatch.getDefaultInstance();
            case "skirmish.game.v1.Snapshot" -> io.skirmish.protocol.game.v1.Snapshot.getDefaultInstance();
            default -> throw new IllegalArgumentException("no message type " + fullName + " in the vectors");
        };
    }

    private static Message parseText(String type, String text) throws TextFormat.ParseException {
        Message.Builder builder = defaultInstance(type).newBuilderForType();
        TextFormat.merge(text, builder);
        return builder.build();
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
