package io.skirmish.bots.swarm;

/** Whether the run is winding down; read by every crew before it queues again. */
interface SwarmControl {
    boolean stopping();
}
