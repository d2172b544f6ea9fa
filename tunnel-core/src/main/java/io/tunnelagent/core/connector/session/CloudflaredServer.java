package io.tunnelagent.core.connector.session;

import io.tunnelagent.core.connector.event.ConnectorListener;
import io.tunnelagent.core.connector.rules.ConfigurationUpdate;
import io.tunnelagent.core.connector.rules.RulesHolder;
import io.tunnelagent.protocol.capnp.CapnpStruct;
import io.tunnelagent.protocol.config.UpdateConfiguration;
import io.tunnelagent.protocol.config.UpdateConfigurationResponse;
import io.tunnelagent.protocol.rpc.Capability;
import io.tunnelagent.protocol.rpc.RpcException;
import io.tunnelagent.protocol.rpc.message.Content;
import io.tunnelagent.protocol.session.RegisterUdpSession;
import io.tunnelagent.protocol.session.RegisterUdpSessionResponse;
import io.tunnelagent.protocol.session.UnregisterUdpSession;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;

/**
 * The connector's {@code CloudflaredServer} capability, served on edge-opened RPC streams (protocol doc 3.2, 4.6):
 * {@code updateConfiguration} applies remote configuration with the version rules; UDP sessions are refused.
 */
final class CloudflaredServer implements Capability {

    static final String UDP_UNSUPPORTED = "UDP sessions are not supported by this connector";

    private final RulesHolder rules;

    private final ConnectorListener listener;

    CloudflaredServer(RulesHolder rules, ConnectorListener listener) {
        this.rules = rules;
        this.listener = listener;
    }

    @Override
    public CompletableFuture<Content> call(long interfaceId, int methodId, Content params) {
        if (interfaceId == UpdateConfiguration.INTERFACE_ID && methodId == UpdateConfiguration.METHOD_ID) {
            UpdateConfiguration.Params update = UpdateConfiguration.Params.decode(bytes(params));
            ConfigurationUpdate result = apply(update.version(), update.config());
            String error = (result.error() != null) ? result.error() : "";
            return done(new UpdateConfiguration.Results(
                    new UpdateConfigurationResponse(result.latestAppliedVersion(), error)));
        }
        if (interfaceId == RegisterUdpSession.INTERFACE_ID && methodId == RegisterUdpSession.METHOD_ID) {
            return done(new RegisterUdpSession.Results(new RegisterUdpSessionResponse(UDP_UNSUPPORTED, new byte[0])));
        }
        if (interfaceId == UnregisterUdpSession.INTERFACE_ID && methodId == UnregisterUdpSession.METHOD_ID) {
            return CompletableFuture.failedFuture(RpcException.of(RpcException.Kind.FAILED, UDP_UNSUPPORTED));
        }
        return CompletableFuture.failedFuture(RpcException.of(
                RpcException.Kind.UNIMPLEMENTED,
                String.format("Method 0x%016x@%d is not implemented by this connector", interfaceId, methodId)));
    }

    ConfigurationUpdate apply(int version, byte[] json) {
        ConfigurationUpdate result = this.rules.applyRemote(version, json);
        this.listener.remoteConfigurationPushed(version, result.error());
        return result;
    }

    private static CompletableFuture<Content> done(CapnpStruct results) {
        return CompletableFuture.completedFuture(Content.ofFrame(ByteBuffer.wrap(results.encode())));
    }

    private static byte[] bytes(Content content) {
        ByteBuffer frame = content.toFrame();
        byte[] bytes = new byte[frame.remaining()];
        frame.get(bytes);
        return bytes;
    }
}
