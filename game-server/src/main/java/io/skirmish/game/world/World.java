package io.skirmish.game.world;

import java.util.Arrays;

/**
 * The authoritative state of one match and the rules that advance it, one fixed tick at a
 * time: movement at bounded speed, hitscan shots judged against what the shooter saw
 * (lag compensation through {@link PositionHistory}), health, elimination or respawn, a time
 * limit and a winner.
 *
 * <p>Pure game logic: no I/O, no threads, no network types. State lives in preallocated
 * arrays indexed by player slot, so {@link #onInput} and {@link #step()} allocate nothing.
 * Slots {@code 0..teamSize-1} are team 0, the next ones team 1 (a team is
 * {@code MatchShape#teamSize} players: fewer than the mode's in a short squad); in free-for-all
 * each slot is its own team.
 *
 * <p>Single-threaded: owned by the tick thread that runs the match. Other threads read it
 * only through copies the tick thread publishes.
 */
public final class World {

    private static final long NEVER = Long.MIN_VALUE / 4;

    private final MatchMode mode;
    private final ArenaRules rules;
    private final WorldEvents events;
    private final InputValidator validator;
    private final SpawnPoints spawns;
    private final PositionHistory history;
    private final int players;
    private final float stepDistance;
    private final long fireIntervalTicks;
    private final long respawnDelayTicks;
    private final long timeLimitTicks;
    private final long maxRewindTicks;

    private final int[] team;
    private final float[] x;
    private final float[] y;
    private final float[] aim;
    private final int[] health;
    private final boolean[] alive;
    private final boolean[] present;
    private final boolean[] connected;
    private final float[] moveX;
    private final float[] moveY;
    private final boolean[] wantsFire;
    private final long[] fireViewTick;
    private final long[] lastSequence;
    private final long[] lastShotTick;
    private final long[] respawnTick;
    private final int[] kills;
    private final int[] deaths;
    private final int[] damageDealt;
    private final int[] shots;
    private final int[] hits;
    private final int[] placement;
    private final int[] teamAlive;
    private final int[] teamPresent;
    private final int[] teamHealth;

    private long tick;
    private boolean started;
    private boolean ended;
    private EndReason endReason;
    private int winningTeam = -1;

    public World(MatchMode mode, ArenaRules rules, int tickRateHz, WorldEvents events, InputValidator validator) {
        this(mode, mode.players(), rules, tickRateHz, events, validator);
    }

    /** A world of {@code players} slots: the mode's maximum, or fewer for a lobby that started short. */
    public World(MatchMode mode, int players, ArenaRules rules, int tickRateHz, WorldEvents events,
                 InputValidator validator) {
        if (!mode.shape().admits(players)) {
            throw new IllegalArgumentException(mode.wireName() + " cannot be played by " + players + " players");
        }
        this.mode = mode;
        this.rules = rules;
        this.events = events;
        this.validator = validator;
        this.players = players;
        this.spawns = new SpawnPoints(mode, players, rules.arenaSizeM());
        this.stepDistance = rules.maxSpeedMps() / tickRateHz;
        this.fireIntervalTicks = Math.max(1, TickMath.ticksFor(rules.fireIntervalMs(), tickRateHz));
        this.respawnDelayTicks = TickMath.ticksFor(rules.respawnDelayMs(), tickRateHz);
        this.timeLimitTicks = TickMath.ticksFor(rules.timeLimitSeconds(mode) * 1000L, tickRateHz);
        this.maxRewindTicks = TickMath.ticksFor(rules.maxRewindMs(), tickRateHz);
        this.history = new PositionHistory(players, (int) maxRewindTicks + 1);
        this.team = new int[players];
        this.x = new float[players];
        this.y = new float[players];
        this.aim = new float[players];
        this.health = new int[players];
        this.alive = new boolean[players];
        this.present = new boolean[players];
        this.connected = new boolean[players];
        this.moveX = new float[players];
        this.moveY = new float[players];
        this.wantsFire = new boolean[players];
        this.fireViewTick = new long[players];
        this.lastSequence = new long[players];
        this.lastShotTick = new long[players];
        this.respawnTick = new long[players];
        this.kills = new int[players];
        this.deaths = new int[players];
        this.damageDealt = new int[players];
        this.shots = new int[players];
        this.hits = new int[players];
        this.placement = new int[players];
        this.teamAlive = new int[mode.teams()];
        this.teamPresent = new int[mode.teams()];
        this.teamHealth = new int[mode.teams()];
        for (int player = 0; player < players; player++) {
            team[player] = mode.shape().teamOf(player, players);
        }
        Arrays.fill(lastShotTick, NEVER);
    }

    /**
     * Starts the match with the players that arrived; the others count as having left for good.
     * May end the match at once when a side is empty.
     */
    public void start(boolean[] arrived) {
        if (started) {
            throw new IllegalStateException("match already started");
        }
        started = true;
        for (int player = 0; player < players; player++) {
            present[player] = arrived[player];
            connected[player] = arrived[player];
            spawns.initial(player, x, y);
            aim[player] = spawns.aimTowardsCentre(x[player], y[player]);
            alive[player] = arrived[player];
            health[player] = arrived[player] ? rules.maxHealth() : 0;
        }
        history.record(tick, x, y, alive);
        events.onMatchStarted(tick);
        checkEnd();
    }

    /** Applies one client input to the player's intent for the next step. */
    public void onInput(int player, PlayerInput input) {
        if (!started || ended || !present[player]) {
            return;
        }
        if (!validator.acceptable(input, lastSequence[player])) {
            return;
        }
        lastSequence[player] = input.sequence;
        validator.clampMovement(input);
        moveX[player] = input.moveX;
        moveY[player] = input.moveY;
        aim[player] = input.aimRadians;
        if (input.fire && alive[player]) {
            requestShot(player, input.viewTick);
        }
    }

    private void requestShot(int player, long viewTick) {
        long shotTick = tick + 1;
        if (wantsFire[player] || !validator.shotAllowed(shotTick, lastShotTick[player], fireIntervalTicks)) {
            if (wantsFire[player]) {
                validator.count(InputRejection.FIRE_RATE);
            }
            return;
        }
        wantsFire[player] = true;
        fireViewTick[player] = viewTick;
    }

    /** The player's connection dropped; it stands still until it reconnects or leaves for good. */
    public void onDisconnected(int player) {
        connected[player] = false;
        moveX[player] = 0f;
        moveY[player] = 0f;
        wantsFire[player] = false;
    }

    /**
     * A new connection for {@code player}: input sequence numbers are per connection, so the
     * client's first input on it is 1 again (its old connection's inputs can no longer arrive:
     * they were sealed with that connection's key).
     */
    public void restartInputSequence(int player) {
        lastSequence[player] = 0;
    }

    public void onReconnected(int player) {
        if (present[player]) {
            connected[player] = true;
        }
    }

    /** The player is gone (grace period over, or it quit): it no longer counts for its side. */
    public void onLeftForGood(int player) {
        if (!present[player]) {
            return;
        }
        present[player] = false;
        connected[player] = false;
        alive[player] = false;
        wantsFire[player] = false;
        if (started && !ended) {
            checkEnd();
        }
    }

    /** Advances the match by one tick. Does nothing before start or after the end. */
    public void step() {
        if (!started || ended) {
            return;
        }
        tick++;
        respawnDue();
        move();
        history.record(tick, x, y, alive);
        resolveShots();
        checkEnd();
    }

    /** Ends the match now, for a server that stops before the match is over. */
    public void abort() {
        if (started && !ended) {
            end(EndReason.ABORTED, -1);
        }
    }

    private void respawnDue() {
        if (!mode.respawns()) {
            return;
        }
        for (int player = 0; player < players; player++) {
            if (present[player] && !alive[player] && tick >= respawnTick[player]) {
                spawns.respawn(player, x, y, alive, team);
                aim[player] = spawns.aimTowardsCentre(x[player], y[player]);
                health[player] = rules.maxHealth();
                alive[player] = true;
                events.onRespawn(tick, player, x[player], y[player]);
            }
        }
    }

    private void move() {
        float min = rules.playerRadiusM();
        float max = rules.arenaSizeM() - rules.playerRadiusM();
        for (int player = 0; player < players; player++) {
            if (!alive[player]) {
                continue;
            }
            x[player] = clamp(x[player] + moveX[player] * stepDistance, min, max);
            y[player] = clamp(y[player] + moveY[player] * stepDistance, min, max);
        }
    }

    private void resolveShots() {
        for (int shooter = 0; shooter < players; shooter++) {
            if (!wantsFire[shooter]) {
                continue;
            }
            wantsFire[shooter] = false;
            if (alive[shooter]) {
                shoot(shooter);
            }
        }
    }

    private void shoot(int shooter) {
        long judgedAt = validator.rewindTick(fireViewTick[shooter], tick, maxRewindTicks);
        float dx = (float) Math.cos(aim[shooter]);
        float dy = (float) Math.sin(aim[shooter]);
        int target = -1;
        float nearest = Hitscan.MISS;
        for (int other = 0; other < players; other++) {
            if (other == shooter || !alive[other] || team[other] == team[shooter]
                    || !history.alive(judgedAt, other)) {
                continue;
            }
            float distance = Hitscan.distanceToCircle(x[shooter], y[shooter], dx, dy,
                    history.x(judgedAt, other), history.y(judgedAt, other),
                    rules.playerRadiusM(), rules.shotRangeM());
            if (distance < nearest) {
                nearest = distance;
                target = other;
            }
        }
        shots[shooter]++;
        lastShotTick[shooter] = tick;
        events.onShot(tick, shooter, target, x[shooter], y[shooter], aim[shooter]);
        if (target >= 0) {
            hit(shooter, target);
        }
    }

    private void hit(int shooter, int target) {
        int damage = Math.min(rules.shotDamage(), health[target]);
        hits[shooter]++;
        damageDealt[shooter] += damage;
        health[target] -= damage;
        if (health[target] > 0) {
            return;
        }
        alive[target] = false;
        moveX[target] = 0f;
        moveY[target] = 0f;
        wantsFire[target] = false;
        kills[shooter]++;
        deaths[target]++;
        respawnTick[target] = tick + respawnDelayTicks;
        events.onKill(tick, shooter, target, x[target], y[target]);
    }

    private void checkEnd() {
        if (mode.respawns()) {
            int remaining = 0;
            for (int player = 0; player < players; player++) {
                remaining += present[player] ? 1 : 0;
            }
            if (remaining <= 1) {
                end(EndReason.FORFEIT, -1);
            } else if (tick >= timeLimitTicks) {
                end(EndReason.TIME_LIMIT, -1);
            }
            return;
        }
        countTeams();
        int teamsPresent = 0;
        int lastPresent = -1;
        int teamsAlive = 0;
        int lastAlive = -1;
        for (int t = 0; t < teamAlive.length; t++) {
            if (teamPresent[t] > 0) {
                teamsPresent++;
                lastPresent = t;
            }
            if (teamAlive[t] > 0) {
                teamsAlive++;
                lastAlive = t;
            }
        }
        if (teamsPresent <= 1) {
            end(EndReason.FORFEIT, lastPresent);
        } else if (teamsAlive <= 1) {
            end(EndReason.ELIMINATION, lastAlive);
        } else if (tick >= timeLimitTicks) {
            end(EndReason.TIME_LIMIT, leadingTeam());
        }
    }

    private void countTeams() {
        Arrays.fill(teamAlive, 0);
        Arrays.fill(teamPresent, 0);
        Arrays.fill(teamHealth, 0);
        for (int player = 0; player < players; player++) {
            if (present[player]) {
                teamPresent[team[player]]++;
            }
            if (alive[player]) {
                teamAlive[team[player]]++;
                teamHealth[team[player]] += health[player];
            }
        }
    }

    /** At the time limit: most players standing, then most health left; -1 on a draw. */
    private int leadingTeam() {
        int leader = -1;
        boolean tied = false;
        for (int t = 0; t < teamAlive.length; t++) {
            if (leader < 0) {
                leader = t;
                continue;
            }
            int order = compareTeams(t, leader);
            if (order > 0) {
                leader = t;
                tied = false;
            } else if (order == 0) {
                tied = true;
            }
        }
        return tied ? -1 : leader;
    }

    private int compareTeams(int a, int b) {
        int byAlive = Integer.compare(teamAlive[a], teamAlive[b]);
        return byAlive != 0 ? byAlive : Integer.compare(teamHealth[a], teamHealth[b]);
    }

    private void end(EndReason reason, int winner) {
        ended = true;
        endReason = reason;
        winningTeam = mode.respawns() ? -1 : winner;
        Placements.assign(mode, team, winningTeam, kills, deaths, placement);
        events.onMatchEnded(tick, reason, winningTeam);
    }

    private static float clamp(float value, float min, float max) {
        return value < min ? min : Math.min(value, max);
    }

    public MatchMode mode() {
        return mode;
    }

    public ArenaRules rules() {
        return rules;
    }

    public int players() {
        return players;
    }

    public long tick() {
        return tick;
    }

    public boolean started() {
        return started;
    }

    public boolean ended() {
        return ended;
    }

    /** Null until the match has ended. */
    public EndReason endReason() {
        return endReason;
    }

    /** -1 for a draw, in free-for-all, or before the end. */
    public int winningTeam() {
        return winningTeam;
    }

    public long timeLimitTicks() {
        return timeLimitTicks;
    }

    public int team(int player) {
        return team[player];
    }

    public float x(int player) {
        return x[player];
    }

    public float y(int player) {
        return y[player];
    }

    public float aim(int player) {
        return aim[player];
    }

    public int health(int player) {
        return health[player];
    }

    public boolean alive(int player) {
        return alive[player];
    }

    /** Still in the match: arrived and has not left for good. */
    public boolean present(int player) {
        return present[player];
    }

    public boolean connected(int player) {
        return connected[player];
    }

    public long lastSequence(int player) {
        return lastSequence[player];
    }

    public int kills(int player) {
        return kills[player];
    }

    public int deaths(int player) {
        return deaths[player];
    }

    public int damageDealt(int player) {
        return damageDealt[player];
    }

    public int shots(int player) {
        return shots[player];
    }

    public int hits(int player) {
        return hits[player];
    }

    /** 1 is best; equal placements are ties. 0 until the match has ended. */
    public int placement(int player) {
        return placement[player];
    }

    /** Whether {@code viewer} sees {@code target}: itself, its team, or anyone within the interest radius. */
    public boolean canSee(int viewer, int target) {
        if (viewer == target || team[viewer] == team[target]) {
            return true;
        }
        float dx = x[target] - x[viewer];
        float dy = y[target] - y[viewer];
        float radius = rules.interestRadiusM();
        return dx * dx + dy * dy <= radius * radius;
    }

    public InputValidator validator() {
        return validator;
    }
}
