package io.skirmish.protocol.udp;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import java.util.Arrays;

/** Fixed keys for UDP tests. */
final class UdpTestKeys {
    static final long CONNECTION_ID = 0x0123_4567_89AB_CDEFL;

    private UdpTestKeys() {
    }

    static SecretKey key(int fill) {
        byte[] key = new byte[32];
        Arrays.fill(key, (byte) fill);
        return new SecretKeySpec(key, "AES");
    }
}
