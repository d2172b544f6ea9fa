package io.tunnelagent.transport.http2.connector;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.embedded.EmbeddedChannel;
import io.tunnelagent.transport.IncomingRpcStream;
import io.tunnelagent.transport.IncomingStream;
import io.tunnelagent.transport.http2.channel.Http2Session;
import io.tunnelagent.transport.http2.channel.Http2StreamOperations;
import io.tunnelagent.transport.netty.ChannelTunnelStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Which handler gets a classified stream. The embedded channel's event loop runs handed-over tasks only when told
 * to, which fixes the order that made the HTTP/2 transport tests flaky: a handler set from another thread is still
 * queued on the event loop when the socket read that classifies the next stream runs first.
 */
class ConnectorConnectionTests {

    private final EmbeddedChannel channel = new EmbeddedChannel();
    private final ConnectorConnection connection = new ConnectorConnection(channel, new Http2Session(channel));
    private final List<IncomingStream> first = new ArrayList<>();
    private final List<IncomingStream> second = new ArrayList<>();

    @AfterEach
    void close() {
        channel.finishAndReleaseAll();
    }

    @Test
    void streamClassifiedAfterTheHandlerWasReplacedGoesToTheNewHandlerEvenBeforeTheHandOverRan() {
        connection.setIncomingStreamHandler(first::add);
        channel.runPendingTasks();

        connection.setIncomingStreamHandler(second::add);
        IncomingStream stream = rpcStream(3);
        connection.deliver(stream);

        assertThat(first).isEmpty();
        assertThat(second).containsExactly(stream);
    }

    @Test
    void streamsThatArrivedBeforeAnyHandlerReachTheFirstHandlerInOrderAndLaterOnesWaitBehindThem() {
        IncomingStream early = rpcStream(1);
        IncomingStream later = rpcStream(3);
        IncomingStream last = rpcStream(5);
        connection.deliver(early);

        connection.setIncomingStreamHandler(first::add);
        connection.deliver(later);
        assertThat(first).isEmpty();
        channel.runPendingTasks();
        connection.deliver(last);

        assertThat(first).containsExactly(early, later, last);
    }

    private IncomingStream rpcStream(long id) {
        ChannelTunnelStream stream =
                ChannelTunnelStream.attach(new EmbeddedChannel(), id, Http2StreamOperations.INSTANCE);
        IncomingRpcStream rpc = () -> stream;
        return rpc;
    }
}
