package io.skirmish.match.rules;

import java.util.List;

/**
 * A player's rating as the ranking-server stores it (OpenSkill / Weng-Lin: mean {@code mu},
 * uncertainty {@code sigma}). Matching uses {@code mu}: the conservative ordinal
 * ({@code mu - 3 sigma}) would put every new player at the bottom and match them against the
 * weakest established players.
 *
 * @param mu    mean skill
 * @param sigma uncertainty, > 0
 */
public record Skill(double mu, double sigma) {

    /** OpenSkill's default for a player with no rating. */
    public static final Skill DEFAULT = new Skill(25.0, 25.0 / 3.0);

    public Skill {
        if (!Double.isFinite(mu) || !Double.isFinite(sigma) || sigma <= 0) {
            throw new IllegalArgumentException("skill needs a finite mu and sigma > 0: mu=" + mu + " sigma=" + sigma);
        }
    }

    /**
     * The skill a party is matched with. Rule: halfway between the members' mean mu and their best
     * mu ({@code mean + (max - mean) / 2}); sigma is the root mean square of the members' sigmas.
     * Pulling towards the best member stops a strong player from dragging a party of weak
     * friends into easy lobbies, without pricing the party as if everyone were the best player.
     */
    public static Skill party(List<Skill> members) {
        if (members.isEmpty()) {
            throw new IllegalArgumentException("a party has at least one member");
        }
        double sum = 0;
        double max = Double.NEGATIVE_INFINITY;
        double sigmaSquares = 0;
        for (Skill member : members) {
            sum += member.mu;
            max = Math.max(max, member.mu);
            sigmaSquares += member.sigma * member.sigma;
        }
        double mean = sum / members.size();
        return new Skill(mean + (max - mean) / 2, Math.sqrt(sigmaSquares / members.size()));
    }
}
