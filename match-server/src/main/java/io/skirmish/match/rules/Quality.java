package io.skirmish.match.rules;

/**
 * The match-quality score, in (0, 1] (1: everyone equally skilled):
 * <pre>
 *   quality = 0.5 * exp(-teamGap / beta) + 0.5 * exp(-spread / (2 * beta)),   beta = 25/6
 * </pre>
 * {@code teamGap} is the difference between the strongest and the weakest team's mean mu (0 in
 * free-for-all, where every player is a team), {@code spread} the difference between the best and
 * the worst ticket's mu. beta is OpenSkill's default performance variance: a gap of one beta is
 * roughly a 76 % win chance for the stronger side.
 */
public final class Quality {

    public static final double BETA = 25.0 / 6.0;

    private Quality() {
    }

    public static double score(double teamGap, double spread) {
        return 0.5 * Math.exp(-Math.max(0, teamGap) / BETA) + 0.5 * Math.exp(-Math.max(0, spread) / (2 * BETA));
    }
}
