package io.skirmish.bots.swarm;

import java.util.Locale;

import io.skirmish.kit.config.ConfigException;

/**
 * How the swarm's bots behave, as shares of all bots; validated together because the behaviours
 * exclude each other (a bot is a fighter unless it idles, reconnects or misbehaves).
 *
 * @param party     share of squad bots that queue as parties of 2 or 3
 * @param idle      share of bots that stand still
 * @param reconnect share of bots that drop and reconnect once per match
 * @param misbehave share of bots that flood and send bad datagrams
 */
public record BotShares(double party, double idle, double reconnect, double misbehave) {

    public BotShares {
        share("party-share", party);
        share("idle-share", idle);
        share("reconnect-share", reconnect);
        share("misbehave-share", misbehave);
        if (idle + reconnect + misbehave > 1.0) {
            throw new ConfigException("idle-share", idle, "idle + reconnect + misbehave shares exceed 1");
        }
    }

    private static void share(String key, double value) {
        if (!(value >= 0 && value <= 1)) {
            throw new ConfigException(key, value, "expected a share between 0 and 1");
        }
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "party %.2f idle %.2f reconnect %.2f misbehave %.2f", party, idle, reconnect,
                misbehave);
    }
}
