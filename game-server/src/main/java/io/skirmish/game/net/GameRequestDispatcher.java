package io.skirmish.game.net;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.skirmish.protocol.ProtocolException;
import io.skirmish.protocol.common.v1.ErrorCode;
import io.skirmish.protocol.common.v1.Pong;
import io.skirmish.protocol.game.v1.ClientMessage;

import java.time.InstantSource;

/**
 * Last request link of a game connection, after {@link ConnectHandler}: a Ping is answered with
 * the client's time and the server's (wall clock), a Leave gives the player's slot up for good
 * and closes, anything else is {@code UNKNOWN_MESSAGE} (and closes, like every game refusal).
 * Inputs do not come this way: they travel over UDP.
 *
 * <p>One instance per connection, called on its event loop only.
 */
final class GameRequestDispatcher extends SimpleChannelInboundHandler<ClientMessage> {

    private final PlayerSlot slot;
    private final InstantSource wallClock;
    private final GameRefusals refusals;

    GameRequestDispatcher(PlayerSlot slot, InstantSource wallClock, GameRefusals refusals) {
        this.slot = slot;
        this.wallClock = wallClock;
        this.refusals = refusals;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, ClientMessage message) {
        switch (message.getBodyCase()) {
            case PING -> ctx.writeAndFlush(GameRefusals.reply(message.getRequestId()).setPong(Pong.newBuilder()
                    .setClientTimeMs(message.getPing().getClientTimeMs())
                    .setServerTimeMs(wallClock.millis())).build());
            case LEAVE -> {
                slot.leave();
                ctx.close();
            }
            default -> refusals.refuse(ctx, message.getRequestId(), new ProtocolException(
                    ErrorCode.ERROR_CODE_UNKNOWN_MESSAGE, "message " + message.getBodyCase() + " is not served here"));
        }
    }
}
