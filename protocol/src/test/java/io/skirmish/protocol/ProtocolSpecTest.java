package io.skirmish.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.skirmish.protocol.crypto.KeyExchange;
import io.skirmish.protocol.tcp.FrameLimits;
import io.skirmish.protocol.token.ConnectTokenIssuer;
import io.skirmish.protocol.token.SessionTokens;
import io.skirmish.protocol.token.SignedEnvelope;
import io.skirmish.protocol.token.TokenKeyRing;
import io.skirmish.protocol.token.Tokens;
import io.skirmish.protocol.udp.Direction;
import io.skirmish.protocol.udp.PacketHeaderDescriptor;
import io.skirmish.protocol.udp.PacketType;
import io.skirmish.protocol.udp.ReplayWindow;
import io.skirmish.protocol.udp.UdpLimits;
import io.skirmish.protocol.udp.UdpPayloads;
import org.junit.jupiter.api.Test;

/**
 * Keeps docs/protocol.md true: every row of its "Constants" table must name a constant of the
 * code with the same value, and every wire constant of the code must have its row. A client
 * written from the page then uses the values the servers use.
 */
class ProtocolSpecTest {

    private static final Path SPEC = Path.of("..", "docs", "protocol.md");

    /** The code's values, by the names the spec uses. */
    private static Map<String, Object> codeConstants() {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("PROTOCOL_VERSION", (long) ProtocolVersion.CURRENT);
        c.put("FRAME_LENGTH_BYTES", (long) FrameLimits.LENGTH_FIELD_BYTES);
        c.put("MAX_FRAME_BYTES", (long) FrameLimits.DEFAULT_MAX_FRAME_BYTES);
        c.put("UDP_MAGIC", (long) PacketHeaderDescriptor.MAGIC);
        c.put("UDP_HEADER_VERSION", (long) PacketHeaderDescriptor.VERSION);
        c.put("UDP_HEADER_BYTES", (long) PacketHeaderDescriptor.HEADER_BYTES);
        c.put("UDP_OFFSET_TYPE", (long) PacketHeaderDescriptor.TYPE_OFFSET);
        c.put("UDP_OFFSET_CONNECTION_ID", (long) PacketHeaderDescriptor.CONNECTION_ID_OFFSET);
        c.put("UDP_OFFSET_SEQUENCE", (long) PacketHeaderDescriptor.SEQUENCE_OFFSET);
        c.put("UDP_OFFSET_ACK", (long) PacketHeaderDescriptor.ACK_OFFSET);
        c.put("UDP_OFFSET_ACK_BITS", (long) PacketHeaderDescriptor.ACK_BITS_OFFSET);
        c.put("UDP_TAG_BYTES", (long) UdpLimits.TAG_BYTES);
        c.put("UDP_MAX_PACKET_BYTES", (long) UdpLimits.MAX_PACKET_BYTES);
        c.put("UDP_MAX_PAYLOAD_BYTES", (long) UdpLimits.MAX_PAYLOAD_BYTES);
        c.put("UDP_MIN_PACKET_BYTES", (long) UdpLimits.MIN_PACKET_BYTES);
        c.put("UDP_MAX_SEQUENCE", PacketHeaderDescriptor.MAX_SEQUENCE);
        for (PacketType type : PacketType.values()) {
            c.put("PACKET_TYPE_" + type.name(), (long) type.code());
        }
        c.put("NONCE_BYTES", (long) Direction.NONCE_BYTES);
        c.put("NONCE_CLIENT_TO_SERVER", (long) Direction.CLIENT_TO_SERVER.nonceConstant());
        c.put("NONCE_SERVER_TO_CLIENT", (long) Direction.SERVER_TO_CLIENT.nonceConstant());
        c.put("REPLAY_WINDOW", (long) ReplayWindow.WINDOW_BITS);
        c.put("MAX_INPUTS_PER_BATCH", (long) UdpPayloads.MAX_INPUTS_PER_BATCH);
        c.put("X25519_PUBLIC_KEY_BYTES", (long) KeyExchange.PUBLIC_KEY_BYTES);
        c.put("UDP_KEY_BYTES", (long) KeyExchange.KEY_BYTES);
        c.put("HKDF_INFO", new String(KeyExchange.HKDF_INFO, StandardCharsets.US_ASCII));
        c.put("TOKEN_VERSION", (long) SignedEnvelope.VERSION);
        c.put("TOKEN_KEY_ID_BYTES", (long) SignedEnvelope.KEY_ID_BYTES);
        c.put("TOKEN_PREFIX_BYTES", (long) SignedEnvelope.PREFIX_BYTES);
        c.put("TOKEN_MAC_BYTES", (long) SignedEnvelope.MAC_BYTES);
        c.put("TOKEN_MAX_BYTES", (long) SignedEnvelope.MAX_TOKEN_BYTES);
        c.put("TOKEN_ID_BYTES", (long) Tokens.TOKEN_ID_BYTES);
        c.put("TOKEN_MIN_SECRET_BYTES", (long) TokenKeyRing.MIN_SECRET_BYTES);
        c.put("TOKEN_CLOCK_SKEW_MS", Tokens.MAX_CLOCK_SKEW_MS);
        c.put("CONNECT_TOKEN_PURPOSE", ConnectTokenIssuer.PURPOSE);
        c.put("SESSION_TOKEN_PURPOSE", SessionTokens.PURPOSE);
        return c;
    }

    @Test
    void theConstantsTableMatchesTheCode() throws IOException {
        Map<String, Object> spec = constantsTable(Files.readAllLines(SPEC, StandardCharsets.UTF_8));

        assertThat(spec).containsExactlyInAnyOrderEntriesOf(codeConstants());
    }

    @Test
    void thePacketTypeAndNonceTablesAgreeWithTheConstants() throws IOException {
        String text = Files.readString(SPEC, StandardCharsets.UTF_8);
        for (PacketType type : PacketType.values()) {
            assertThat(text).contains("| " + type.code() + " | `" + type.name() + "` |");
        }
        assertThat(text).contains(String.format("client to server `0x%08x`", Direction.CLIENT_TO_SERVER.nonceConstant()))
                .contains(String.format("server to client `0x%08x`", Direction.SERVER_TO_CLIENT.nonceConstant()));
    }

    /** The rows of the table under "## Constants": name in backticks, value as a number or a quoted string. */
    static Map<String, Object> constantsTable(List<String> lines) {
        Map<String, Object> rows = new LinkedHashMap<>();
        boolean inSection = false;
        for (String line : lines) {
            if (line.startsWith("## ")) {
                inSection = line.equals("## Constants");
                continue;
            }
            if (!inSection || !line.startsWith("| `")) {
                continue;
            }
            String[] cells = line.split("\\|");
            String name = cells[1].trim().replace("`", "");
            String value = cells[2].trim();
            Object parsed = value.startsWith("\"") ? value.substring(1, value.length() - 1) : Long.decode(value);
            assertThat(rows.put(name, parsed)).as("constant %s listed twice", name).isNull();
        }
        assertThat(rows).as("the Constants table of %s", SPEC).isNotEmpty();
        return rows;
    }
}
