package io.skirmish.match.net;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.skirmish.protocol.ProtocolException;
import io.skirmish.protocol.common.v1.ErrorCode;
import io.skirmish.protocol.match.v1.ClientMessage;

import java.util.Optional;

/**
 * Checks a Login's client build before any identity work: a version text longer than
 * {@value #MAX_CLIENT_VERSION_CHARS} characters is {@code INVALID_ARGUMENT}; with a configured
 * minimum, a build older than it, or a version that is missing or not a semantic version (builds
 * from before versioning send none), is {@code CLIENT_OUTDATED}. Other requests pass untouched.
 * Stateless: one instance serves every connection.
 */
@ChannelHandler.Sharable
final class ClientVersionHandler extends SimpleChannelInboundHandler<ClientMessage> {

    static final int MAX_CLIENT_VERSION_CHARS = 32;

    private final ClientVersion minimum; // null: any build may log in
    private final Refusals refusals;

    ClientVersionHandler(ClientVersion minimum, Refusals refusals) {
        super(false); // the message flows on to the next handler
        this.minimum = minimum;
        this.refusals = refusals;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, ClientMessage message) {
        if (message.getBodyCase() == ClientMessage.BodyCase.LOGIN) {
            try {
                check(message.getLogin().getClientVersion());
            } catch (ProtocolException e) {
                refusals.refuse(ctx, message.getRequestId(), e);
                return;
            }
        }
        ctx.fireChannelRead(message);
    }

    private void check(String text) throws ProtocolException {
        if (text.length() > MAX_CLIENT_VERSION_CHARS) {
            throw new ProtocolException(ErrorCode.ERROR_CODE_INVALID_ARGUMENT,
                    "client version longer than " + MAX_CLIENT_VERSION_CHARS + " characters");
        }
        if (minimum == null) {
            return;
        }
        Optional<ClientVersion> version = ClientVersion.parse(text);
        if (version.isEmpty() || version.get().compareTo(minimum) < 0) {
            throw new ProtocolException(ErrorCode.ERROR_CODE_CLIENT_OUTDATED, "client version '" + text
                    + "' is older than the minimum " + minimum + " (or not a semantic version): update the client");
        }
    }
}
