package io.skirmish.game.world;

import java.util.ArrayList;
import java.util.List;

/** Keeps what the world reported, as text, for assertions. */
final class RecordingEvents implements WorldEvents {

    final List<String> lines = new ArrayList<>();

    @Override
    public void onMatchStarted(long tick) {
        lines.add("start@" + tick);
    }

    @Override
    public void onShot(long tick, int shooter, int target, float x, float y, float aimRadians) {
        lines.add("shot " + shooter + "->" + target + "@" + tick);
    }

    @Override
    public void onKill(long tick, int killer, int victim, float x, float y) {
        lines.add("kill " + killer + "->" + victim + "@" + tick);
    }

    @Override
    public void onRespawn(long tick, int player, float x, float y) {
        lines.add("respawn " + player + "@" + tick);
    }

    @Override
    public void onMatchEnded(long tick, EndReason reason, int winningTeam) {
        lines.add("end " + reason + " winner=" + winningTeam + "@" + tick);
    }

    List<String> starting(String prefix) {
        return lines.stream().filter(line -> line.startsWith(prefix)).toList();
    }
}
